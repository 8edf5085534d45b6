import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { declareResource, ResourceDeclaration } from '../resources/resource';
import { ResourceDef } from '../translator/resource';
import { CreateTemplateDto, TemplateDto, TemplateParamsDto, UpdateTemplateDto } from './dto/provisioning.dto';

/**
 * One provisioning template family: a REST route under /adoms/{adom}/ and its FMG tree
 * `/pm/{kind}/adom/{adom}` (docs/upstream-api.md §8.11). Every family has the same shape (name, description,
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

/** A template family's CRUD, declared (ResourceController serves it); its targets are TemplatesController's. */
export function templateResource(kind: TemplateKind): ResourceDeclaration<TemplateDto> {
  const fmgPath = `/pm/${kind.fmgKind}/adom/{adom}`;
  return declareResource({
    route: `adoms/:adom/${kind.route}/:name`,
    tag: 'Provisioning templates',
    names: { one: kind.singular, many: kind.plural },
    resource: TEMPLATE_RESOURCE,
    dto: TemplateDto,
    params: [AdomParamsDto, TemplateParamsDto],
    upstream: fmgPath,
    // Templates are ADOM configuration: writes take the workspace lock like objects.
    workspace: true,
    list: { summary: `List ${kind.label}s` },
    get: { summary: `Get a ${kind.label} with its targets`, description: `FMG: \`get ${fmgPath}/{name}\`.` },
    create: {
      summary: `Create a ${kind.label}`,
      input: CreateTemplateDto,
      toUpstream: (dto) => ({ ...dto, targets: dto.targets ?? [] }),
      problems: [404, 409, 422, 423],
    },
    update: {
      summary: `Update a ${kind.label}`,
      description: 'FMG: `update`. Targets are changed one at a time under `/targets`.',
      input: UpdateTemplateDto,
      oneOf: ['description', 'members'],
      problems: [404, 422, 423],
    },
    delete: { summary: `Delete a ${kind.label}`, description: 'FMG: `delete`.', problems: [404, 409, 423] },
  });
}
