import { Injectable } from '@nestjs/common';
import { badRequest } from '../common/errors/gateway-error';
import { Page } from '../common/http/page.dto';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { ResourceDef } from '../translator/resource';
import { TranslatorService } from '../translator/translator.service';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import {
  AssignFirmwareTemplateDto,
  CreateFirmwareTemplateDto,
  FirmwareTemplateDto,
  UpdateFirmwareTemplateDto,
} from './dto/firmware-template.dto';

const TEMPLATE: ResourceDef<FirmwareTemplateDto> = {
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

const table = (adom: string) => fmgUrl`/pm/fwmprof/adom/${adom}`;
const member = (adom: string, name: string) => fmgUrl`/pm/fwmprof/adom/${adom}/${name}`;
const members = (adom: string, name: string) => fmgUrl`/pm/fwmprof/adom/${adom}/${name}/scope member`;

/**
 * Firmware templates (FMG 7.2+, `pm/fwmprof`; docs/upstream-api.md §8.9), declared like the other templates:
 * CRUD through the translator, assignment through the `scope member` sub-url (devices `{name, vdom}`,
 * groups `{name}`), which never races another assignment the way rewriting the whole list would.
 */
@Injectable()
export class FirmwareTemplatesService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly fmg: FmgClient,
  ) {}

  list(adom: string, query: ListQueryDto): Promise<Page<FirmwareTemplateDto>> {
    return this.translator.list(TEMPLATE, table(adom), query);
  }

  get(adom: string, name: string, query: ReadQueryDto): Promise<FirmwareTemplateDto> {
    return this.translator.read(TEMPLATE, member(adom, name), query.fields);
  }

  create(adom: string, dto: CreateFirmwareTemplateDto): Promise<FirmwareTemplateDto> {
    return this.translator.create(
      TEMPLATE,
      { collection: table(adom), member: member(adom, dto.name) },
      { ...dto, versions: dto.versions ?? [] },
    );
  }

  update(adom: string, name: string, dto: UpdateFirmwareTemplateDto): Promise<FirmwareTemplateDto> {
    if (dto.description === undefined && dto.versions === undefined) {
      throw badRequest('Nothing to update: send `description` and/or `versions`.');
    }
    return this.translator.update(TEMPLATE, member(adom, name), dto);
  }

  delete(adom: string, name: string): Promise<void> {
    return this.translator.delete(TEMPLATE, member(adom, name));
  }

  async assign(adom: string, name: string, dto: AssignFirmwareTemplateDto): Promise<FirmwareTemplateDto> {
    const data = [
      ...(dto.devices ?? []).map((d) => ({ name: d.name, vdom: d.vdom ?? 'root' })),
      ...(dto.groups ?? []).map((g) => ({ name: g })),
    ];
    if (!data.length) throw badRequest('Say what to assign: `devices` and/or `groups`.');
    await this.fmg.request('add', { url: members(adom, name), data });
    return this.get(adom, name, {});
  }

  async unassign(adom: string, name: string, target: string, group: boolean, vdom?: string): Promise<void> {
    const data = group ? [{ name: target }] : [{ name: target, vdom: vdom ?? 'root' }];
    await this.fmg.request('delete', { url: members(adom, name), data });
  }
}
