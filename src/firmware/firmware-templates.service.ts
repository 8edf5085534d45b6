import { Injectable } from '@nestjs/common';
import { badRequest } from '../common/errors/gateway-error';
import { TranslatorService } from '../translator/translator.service';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { AssignFirmwareTemplateDto, FirmwareTemplateDto } from './dto/firmware-template.dto';
import { FIRMWARE_TEMPLATE_RESOURCE, firmwareTemplateUrl } from './firmware-template.resource';

const members = (adom: string, name: string) => fmgUrl`/pm/fwmprof/adom/${adom}/${name}/scope member`;

/**
 * Assignment of firmware templates (CRUD: FIRMWARE_TEMPLATES) through the `scope member` sub-url: devices
 * `{name, vdom}`, groups `{name}` (docs/upstream-api.md §8.9), which never races another assignment the
 * way rewriting the whole list would.
 */
@Injectable()
export class FirmwareTemplatesService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly fmg: FmgClient,
  ) {}

  async assign(adom: string, name: string, dto: AssignFirmwareTemplateDto): Promise<FirmwareTemplateDto> {
    const data = [
      ...(dto.devices ?? []).map((d) => ({ name: d.name, vdom: d.vdom ?? 'root' })),
      ...(dto.groups ?? []).map((g) => ({ name: g })),
    ];
    if (!data.length) throw badRequest('Say what to assign: `devices` and/or `groups`.');
    await this.fmg.request('add', { url: members(adom, name), data });
    return this.translator.read(FIRMWARE_TEMPLATE_RESOURCE, firmwareTemplateUrl(adom, name));
  }

  async unassign(adom: string, name: string, target: string, group: boolean, vdom?: string): Promise<void> {
    const data = group ? [{ name: target }] : [{ name: target, vdom: vdom ?? 'root' }];
    await this.fmg.request('delete', { url: members(adom, name), data });
  }
}
