import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { declareResource } from '../resources/resource';
import { nested, ResourceDef, toRest } from '../translator/resource';
import { fmgUrl, PathValue } from '../upstream/dialects/fmg-url';
import {
  CreatePackageDto,
  PackageDto,
  PackageParamsDto,
  ReplacePackageDto,
  UpdatePackageDto,
} from './dto/package.dto';

/** `/pm/pkg/adom/{adom}` entries. `path` and `children` come from the folder tree, see toPackage. */
export const PACKAGE_RESOURCE: ResourceDef<Omit<PackageDto, 'path' | 'children'>> = {
  label: 'policy package',
  key: 'name',
  // `{pkg}` in the paths is the path (folders/name): kept in `?fields=` answers like the key.
  alsoKeep: ['path'],
  // Folders keep their packages in `subobj`, a sub-table.
  loadSubTables: true,
  fields: {
    name: 'name',
    type: 'type',
    oid: 'oid',
    settings: nested('package settings', {
      centralNat: 'central-nat',
      ngfwMode: 'ngfw-mode',
      consolidatedFirewallMode: 'consolidated-firewall-mode',
    }),
    scope: 'scope member',
  },
};

const parentOf = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), 0));
const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Maps an FMG package entry, and a folder's `subobj` recursively, with paths relative to `parent`. */
function toPackage(parent: string) {
  const map = (row: Record<string, unknown>): PackageDto => {
    const base = toRest(PACKAGE_RESOURCE, row);
    const path = parent ? `${parent}/${base.name}` : base.name;
    const out: PackageDto = { ...base, path };
    if (Array.isArray(row['subobj'])) {
      out.children = (row['subobj'] as Record<string, unknown>[]).map((child) => toPackage(path)(child));
    }
    return out;
  };
  return map;
}

/**
 * Policy packages live in a folder tree: `/pm/pkg/adom/{adom}/{folder}/.../{name}` (docs/upstream-api.md §8.2).
 * REST addresses a package by its path in one segment (`branches%2Fbranch-std`), so a package name
 * can never be confused with a sub-resource; each folder part is escaped on its own.
 */
export const PACKAGES = declareResource<PackageDto>({
  route: 'adoms/:adom/packages/:pkg',
  tag: 'Policy packages',
  names: { one: 'Package', many: 'Packages' },
  resource: PACKAGE_RESOURCE,
  dto: PackageDto,
  params: [AdomParamsDto, PackageParamsDto],
  upstream: {
    collection: ({ adom }) => fmgUrl`/pm/pkg/adom/${adom}`,
    member: ({ adom, pkg }) => fmgUrl`/pm/pkg/adom/${adom}/${PathValue.of(pkg)}`,
  },
  workspace: true,
  ifMatch: true,
  // Paths are relative to the folder of the member (the top for the collection).
  mapRow: ({ pkg }) => toPackage(parentOf(pkg ?? '')),
  list: {
    summary: 'List policy packages',
    description:
      'FMG: `get /pm/pkg/adom/{adom}`. Folders are returned with their `children`; paging applies to the top level.',
  },
  get: {
    summary: 'Get a policy package',
    description: 'FMG: `get /pm/pkg/adom/{adom}/{folder}/.../{name}`.',
  },
  create: {
    summary: 'Create a policy package',
    description: 'FMG: `add /pm/pkg/adom/{adom}[/{folder}]`.',
    problems: [404, 409, 422, 423],
    input: CreatePackageDto,
    createdKey: (dto) => (dto.folder ? `${dto.folder}/${dto.name}` : dto.name),
    addTo: ({ adom }, dto) =>
      dto.folder ? fmgUrl`/pm/pkg/adom/${adom}/${PathValue.of(dto.folder)}` : fmgUrl`/pm/pkg/adom/${adom}`,
    toUpstream: (dto) => ({ name: dto.name, type: 'pkg', settings: dto.settings, scope: dto.scope }),
    locationKey: (p) => p.path,
  },
  replace: {
    summary: 'Replace a policy package',
    description: 'FMG: `set` on the package.',
    problems: [404, 409, 422, 423],
    input: ReplacePackageDto,
    toUpstream: (dto, { pkg }) => ({
      name: nameOf(pkg),
      type: 'pkg',
      settings: dto.settings,
      scope: dto.scope ?? [],
    }),
  },
  update: {
    summary: 'Update a policy package',
    description: 'FMG: `update` on the package.',
    problems: [404, 409, 422, 423],
    input: UpdatePackageDto,
    oneOf: ['settings', 'scope'],
  },
  delete: {
    summary: 'Delete a policy package',
    description: 'FMG: `delete` on the package.',
    problems: [404, 409, 423],
  },
});
