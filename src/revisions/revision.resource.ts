import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { upstreamProtocolError } from '../common/errors/gateway-error';
import { declareResource } from '../resources/resource';
import { ResourceDef } from '../translator/resource';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { CreateRevisionDto, RevisionDto, RevisionParamsDto, UpdateRevisionDto } from './dto/revision.dto';

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

export const revisionUrl = (adom: string, id: number) => fmgUrl`/dvmdb/adom/${adom}/revision/${String(id)}`;

/** ADOM revisions (docs/upstream-api.md §8.8): dvmdb rows keyed by the number FMG assigns; no workspace lock. */
export const REVISIONS = declareResource<RevisionDto>({
  route: 'adoms/:adom/revisions/:id',
  resource: REVISION_RESOURCE,
  dto: RevisionDto,
  params: [AdomParamsDto, RevisionParamsDto],
  upstream: '/dvmdb/adom/{adom}/revision',
  list: { summary: 'List ADOM revisions' },
  get: { summary: 'Get an ADOM revision' },
  create: {
    summary: 'Save the ADOM config as a new revision',
    description: 'FMG: `add /dvmdb/adom/{adom}/revision`; the new revision number comes from FMG.',
    problems: [404, 422],
    input: CreateRevisionDto,
    createdKey: (_dto, echo) => {
      const version = Number(echo.version);
      if (!Number.isSafeInteger(version)) {
        throw upstreamProtocolError('The upstream did not echo a revision number.');
      }
      return version;
    },
    locationKey: (r) => r.id,
  },
  update: {
    summary: 'Rename, describe, lock or unlock a revision',
    input: UpdateRevisionDto,
    oneOf: ['name', 'description', 'locked'],
  },
  delete: { summary: 'Delete a revision (locked revisions are refused)', problems: [404, 422] },
});
