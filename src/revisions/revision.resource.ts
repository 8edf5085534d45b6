import { ResourceDef } from '../translator/resource';
import { RevisionDto } from './dto/revision.dto';

export const REVISION_RESOURCE: ResourceDef<RevisionDto> = {
  label: 'revision',
  key: 'id',
  fields: {
    id: 'version',
    name: 'name',
    description: 'desc',
    createdBy: 'created_by',
    createdAt: {
      fmg: 'created_time',
      toRest: (v) => (Number(v) > 0 ? new Date(Number(v) * 1000).toISOString() : undefined),
    },
    locked: { fmg: 'locked', toRest: (v) => Number(v) === 1, toFmg: (v) => (v ? 1 : 0) },
  },
};
