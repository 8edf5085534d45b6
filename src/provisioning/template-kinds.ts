import { ResourceDef } from '../translator/resource';
import { TemplateDto } from './dto/provisioning.dto';

/**
 * One provisioning template family: a REST route under /adoms/{adom}/ and its FMG tree
 * `/pm/{kind}/adom/{adom}` (docs/upstream-api.md §8.9). Every family has the same shape (name, description,
 * `scope member`), so one spec drives its whole resource.
 */
export interface TemplateKind {
  route: string;
  fmgKind: 'devprof' | 'wanprof' | 'tmplgrp';
  label: string;
  /** Operation id stems. */
  singular: string;
  plural: string;
}

export const TEMPLATE_KINDS: readonly TemplateKind[] = [
  {
    route: 'system-templates',
    fmgKind: 'devprof',
    label: 'system template',
    singular: 'SystemTemplate',
    plural: 'SystemTemplates',
  },
  {
    route: 'sdwan-templates',
    fmgKind: 'wanprof',
    label: 'SD-WAN template',
    singular: 'SdwanTemplate',
    plural: 'SdwanTemplates',
  },
  {
    route: 'template-groups',
    fmgKind: 'tmplgrp',
    label: 'template group',
    singular: 'TemplateGroup',
    plural: 'TemplateGroups',
  },
];

export const TEMPLATE_RESOURCE: ResourceDef<TemplateDto> = {
  label: 'template',
  key: 'name',
  loadSubTables: true,
  fields: {
    name: 'name',
    description: 'description',
    oid: 'oid',
    // `{name, vdom}` for a device, `{name}` for a device group: the package scope shape (docs/upstream-api.md §3.3).
    targets: 'scope member',
    members: 'member',
  },
};
