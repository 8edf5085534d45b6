import { Injectable } from '@nestjs/common';
import { GatewayError, upstreamProtocolError } from '../../common/errors/gateway-error';
import { fmgUrl } from '../../fortimanager/fmg-url';
import { SharedState } from '../../shared-state/shared-state';
import { FazAnalytics } from '../faz-analytics';
import { fazDevices, fazTimeRange } from '../time-range';
import { pollUntil } from '../wait';
import { FortiViewRunDto, RunFortiViewDto, ViewName } from './dto/fortiview.dto';

interface FazRun {
  percentage?: number;
  data?: Record<string, unknown>[];
}

/** How long a finished run stays readable at its `href` (the gateway keeps it; FAZ's copy is deleted). */
export const FORTIVIEW_RESULT_TTL_MS = 10 * 60_000;
const resultKey = (adom: string, view: ViewName, tid: number) => `fortiview:${adom}:${view}:${tid}`;

/**
 * FortiView top-N (reference §9.3): `add .../{view}/run` → tid, poll `get .../run/{tid}`. A finished
 * result is kept by the gateway (shared state, so every replica can answer) for
 * FORTIVIEW_RESULT_TTL_MS and the upstream run is deleted: the `href` (and `Location`) of a finished
 * run answers it for that long, then 404.
 */
@Injectable()
export class FortiViewService {
  constructor(
    private readonly faz: FazAnalytics,
    private readonly state: SharedState,
  ) {}

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
    const kept = await this.state.get<FortiViewRunDto>(resultKey(adom, view, tid));
    if (kept) return kept;
    return this.finish(adom, view, tid, await this.read(adom, view, tid));
  }

  private async read(adom: string, view: ViewName, tid: number): Promise<FazRun> {
    try {
      return await this.faz.request<FazRun>('get', fmgUrl`/fortiview/adom/${adom}/${view}/run/${tid}`);
    } catch (err) {
      if (err instanceof GatewayError && err.upstream?.code === -3) {
        throw new GatewayError({
          status: 404,
          code: 'FORTIVIEW_RUN_NOT_FOUND',
          title: 'FortiView run not found',
          detail: `There is no ${view} run ${tid} (finished results are kept for ${FORTIVIEW_RESULT_TTL_MS / 60_000} minutes).`,
          upstream: err.upstream,
        });
      }
      throw err;
    }
  }

  private async finish(adom: string, view: ViewName, tid: number, run: FazRun): Promise<FortiViewRunDto> {
    const percentage = Number(run.percentage ?? 0);
    const done = percentage >= 100;
    const result: FortiViewRunDto = {
      id: tid,
      href: `/adoms/${encodeURIComponent(adom)}/fortiview/${view}/runs/${tid}`,
      view,
      status: done ? 'done' : 'running',
      percentage,
      items: done && Array.isArray(run.data) ? run.data : [],
    };
    if (done) {
      // Kept first, so the href answers even if the upstream delete below fails or is slow.
      await this.state.set(resultKey(adom, view, tid), result, FORTIVIEW_RESULT_TTL_MS);
      // [U] Whether FAZ reaps finished runs itself is not documented; the gateway deletes them.
      await this.faz
        .request('delete', fmgUrl`/fortiview/adom/${adom}/${view}/run/${tid}`)
        .catch(() => undefined);
    }
    return result;
  }
}
