import { Injectable } from '@nestjs/common';
import { GatewayError, upstreamProtocolError } from '../../common/errors/gateway-error';
import { fmgUrl } from '../../upstream/dialects/fmg-url';
import { FazAnalytics } from '../../upstream/dialects/faz-analytics';
import { fazDevices, fazTimeRange } from '../time-range';
import { pollUntil } from '../wait';
import { FortiViewRunDto, RunFortiViewDto, ViewName } from './dto/fortiview.dto';

interface FazRun {
  percentage?: number;
  data?: Record<string, unknown>[];
}

/**
 * FortiView top-N (docs/upstream-api.md §9.3): `add .../{view}/run` → tid, poll `get .../run/{tid}`. A finished
 * result is handed out once: the upstream run is deleted as soon as the client has it.
 */
@Injectable()
export class FortiViewService {
  constructor(private readonly faz: FazAnalytics) {}

  async run(adom: string, view: ViewName, dto: RunFortiViewDto): Promise<FortiViewRunDto> {
    const started = await this.faz.request<{ tid?: unknown }>(
      'add',
      fmgUrl`/fortiview/adom/${adom}/${view}/run`,
      {
        device: fazDevices(dto.devices),
        'time-range': fazTimeRange(dto.from, dto.to),
        filter: dto.filter ?? '',
        limit: dto.limit ?? 20,
        ...(dto.sortBy ? { 'sort-by': [{ field: dto.sortBy, order: dto.order ?? 'desc' }] } : {}),
        'case-sensitive': false,
      },
    );
    const tid = Number(started?.tid);
    if (!Number.isSafeInteger(tid)) throw upstreamProtocolError('The FortiAnalyzer did not answer a run id.');
    const deadline = Date.now() + (dto.deadlineSeconds ?? 10) * 1000;
    const run = await pollUntil(
      () => this.read(adom, view, tid),
      (r) => (r.percentage ?? 0) >= 100,
      deadline,
    );
    return this.finish(adom, view, tid, run);
  }

  async get(adom: string, view: ViewName, tid: number): Promise<FortiViewRunDto> {
    return this.finish(adom, view, tid, await this.read(adom, view, tid));
  }

  private async read(adom: string, view: ViewName, tid: number): Promise<FazRun> {
    try {
      return await this.faz.request<FazRun>('get', fmgUrl`/fortiview/adom/${adom}/${view}/run/${tid}`);
    } catch (err) {
      if (err instanceof GatewayError && err.upstream?.code === -3) {
        throw new GatewayError(
          'FORTIVIEW_RUN_NOT_FOUND',
          `There is no ${view} run ${tid} (results are handed out once).`,
          { upstream: err.upstream },
        );
      }
      throw err;
    }
  }

  private async finish(adom: string, view: ViewName, tid: number, run: FazRun): Promise<FortiViewRunDto> {
    const percentage = Number(run.percentage ?? 0);
    const done = percentage >= 100;
    // [U] Whether FAZ reaps finished runs itself is not documented; the gateway deletes them.
    if (done) {
      await this.faz
        .request('delete', fmgUrl`/fortiview/adom/${adom}/${view}/run/${tid}`)
        .catch(() => undefined);
    }
    return {
      id: tid,
      href: `/adoms/${encodeURIComponent(adom)}/fortiview/${view}/runs/${tid}`,
      view,
      status: done ? 'done' : 'running',
      percentage,
      items: done && Array.isArray(run.data) ? run.data : [],
    };
  }
}
