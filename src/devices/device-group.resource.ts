import { ResourceDef } from '../translator/resource';
import { DeviceGroupDto } from './dto/device-group.dto';

export const DEVICE_GROUP_RESOURCE: ResourceDef<DeviceGroupDto> = {
  label: 'device group',
  key: 'name',
  loadSubTables: true,
  fields: {
    name: 'name',
    description: 'desc',
    // Same `{name, vdom}` shape as FMG's `object member`, which is also our install scope shape.
    members: 'object member',
  },
};
