import { declareResource } from '../resources/resource';
import { ResourceDef } from '../translator/resource';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import {
  CreateFirmwareTemplateDto,
  FirmwareTemplateDto,
  FirmwareTemplateParamsDto,
  UpdateFirmwareTemplateDto,
} from './dto/firmware-template.dto';
import { FirmwareAdomParamsDto } from './dto/firmware.dto';

export const FIRMWARE_TEMPLATE_RESOURCE: ResourceDef<FirmwareTemplateDto> = {
  label: 'firmware template',
  key: 'name',
  loadSubTables: true,
  fields: {
    name: 'name',
    description: 'description',
    // [U] The attribute name of the per-platform versions (docs/upstream-api.md §8.9).
    versions: 'enforced version',
    members: 'scope member',
  },
};

export const firmwareTemplateUrl = (adom: string, name: string) => fmgUrl`/pm/fwmprof/adom/${adom}/${name}`;

/**
 * Firmware templates (FMG 7.2+, `pm/fwmprof`; docs/upstream-api.md §8.9), declared like the other
 * templates. [U] Whether FMG wants the ADOM's workspace lock for them is not in our sources: writes
 * take none, as for device groups.
 */
export const FIRMWARE_TEMPLATES = declareResource<FirmwareTemplateDto>({
  route: 'adoms/:adom/firmware-templates/:name',
  tag: 'Firmware',
  resource: FIRMWARE_TEMPLATE_RESOURCE,
  dto: FirmwareTemplateDto,
  params: [FirmwareAdomParamsDto, FirmwareTemplateParamsDto],
  upstream: '/pm/fwmprof/adom/{adom}',
  list: { summary: 'List firmware templates', description: 'FMG 7.2+: `get /pm/fwmprof/adom/{adom}`.' },
  get: { summary: 'Get a firmware template with its assignments' },
  create: {
    summary: 'Create a firmware template',
    input: CreateFirmwareTemplateDto,
    toUpstream: (body) => ({ ...body, versions: body.versions ?? [] }),
  },
  update: {
    summary: 'Update a firmware template (description, versions)',
    input: UpdateFirmwareTemplateDto,
    oneOf: ['description', 'versions'],
  },
  delete: { summary: 'Delete a firmware template' },
});
