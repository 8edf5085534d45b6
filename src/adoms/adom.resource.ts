import { ResourceDef } from '../translator/resource';
import { AdomDto } from './dto/adom.dto';

export const ADOM_RESOURCE: ResourceDef<AdomDto> = {
  label: 'ADOM',
  key: 'name',
  fields: {
    name: 'name',
    description: 'desc',
    osVersion: 'os_ver',
    mr: 'mr',
    restrictedProducts: 'restricted_prds',
    workspaceMode: 'workspace_mode',
    state: 'state',
    oid: 'oid',
    uuid: 'uuid',
  },
};
