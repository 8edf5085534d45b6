import { nested, ResourceDef } from '../translator/resource';
import { PackageDto } from './dto/package.dto';

/** `/pm/pkg/adom/{adom}` entries. `path` and `children` come from the folder tree, see packages.service. */
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
