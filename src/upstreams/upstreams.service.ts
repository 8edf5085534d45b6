import { Injectable } from '@nestjs/common';
import { allowsEveryAdom, type Principal, principalFor } from '../auth/principal';
import { withUpstream } from '../common/context/request-context';
import { nameAllowed } from '../common/context/upstream-path';
import type { UpstreamProduct } from '../config/app-config';
import { DEVICE_RESOURCE } from '../devices/device.resource';
import { DeviceDto } from '../devices/dto/device.dto';
import { ListQueryDto, MAX_LIMIT } from '../translator/list-query.dto';
import { TranslatorService } from '../translator/translator.service';
import { readStatus } from '../upstream/probe';
import { UpstreamRegistry } from '../upstream/upstream.registry';
import { InventoryDto, InventoryManagerDto, UpstreamDto } from './dto/upstream.dto';

const PRODUCTS = { fmg: 'fortimanager', faz: 'fortianalyzer' } as const;

/** The named upstreams (issue #18) as a resource: their list, and the inventory across managers. */
@Injectable()
export class UpstreamsService {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly translator: TranslatorService,
  ) {}

  /** Every upstream of `product` the caller may reach, probed in parallel (`get /sys/status`). */
  async list(product: UpstreamProduct, principal: Principal): Promise<UpstreamDto[]> {
    const defaultName = this.registry.defaultLabel(product);
    const upstreams = this.registry
      .configured(product)
      .filter((u) => product !== 'fmg' || nameAllowed(principal.managers, u.label));
    return Promise.all(
      upstreams.map(async ({ label, client }): Promise<UpstreamDto> => {
        const common = { name: label, product: PRODUCTS[product], default: label === defaultName };
        try {
          const status = await readStatus(client);
          return { ...common, state: 'up', version: status?.Version, pool: client.stats() };
        } catch (err) {
          return { ...common, state: 'down', error: (err as Error).message, pool: client.stats() };
        }
      }),
    );
  }

  /**
   * Managed devices of every FortiManager matching `pattern` and the token, one page each (`get /dvmdb/device`,
   * docs/upstream-api.md §8.1), asked in parallel. A manager that does not answer is reported, not fatal.
   * Device lists are global, so a manager where the token is limited to some ADOMs is reported `forbidden`
   * instead of listing devices of ADOMs it may not see.
   */
  async inventory(pattern: string, principal: Principal): Promise<InventoryDto> {
    const managers = this.registry
      .configured('fmg')
      .filter((u) => nameAllowed([pattern], u.label) && nameAllowed(principal.managers, u.label));
    const query = Object.assign(new ListQueryDto(), { limit: MAX_LIMIT });
    const answers = await Promise.all(
      managers.map(async ({ label }) => {
        if (!allowsEveryAdom(principalFor(principal, label))) {
          return {
            line: { name: label, state: 'forbidden', error: 'The token is limited to some ADOMs here.' },
          };
        }
        try {
          const page = await withUpstream({ product: 'fmg', name: label }, () =>
            this.translator.list<DeviceDto>(DEVICE_RESOURCE, '/dvmdb/device', query),
          );
          return {
            line: { name: label, state: 'ok', total: page.total },
            items: page.items.map((d) => ({ ...d, manager: label })),
          };
        } catch (err) {
          return { line: { name: label, state: 'unavailable', error: (err as Error).message } };
        }
      }),
    );
    return {
      items: answers.flatMap((a) => a.items ?? []),
      managers: answers.map((a): InventoryManagerDto => a.line),
    };
  }
}
