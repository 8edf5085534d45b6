import { Injectable } from '@nestjs/common';
import { GatewayError, upstreamProtocolError } from '../../common/errors/gateway-error';
import { fmgUrl } from '../../upstream/dialects/fmg-url';
import { SharedState } from '../../shared-state/shared-state';
import { FazAnalytics } from '../../upstream/dialects/faz-analytics';
import { FazAppliance, isTidGone } from '../faz-appliance';
import { FazTaskRecord, FazTaskStore } from '../faz-task-store';
import { fazDevices, fazTimeRange } from '../time-range';
import { pollUntil } from '../wait';
import { FortiViewRunDto, RunFortiViewDto, ViewName } from './dto/fortiview.dto';

interface FazRun {
  percentage?: number;
  data?: Record<string, unknown>[];
}

/** Times a read may find its run reaped and issue it again. */
const MAX_REISSUES = 3;

/** How long a finished run stays readable at its `href` (the gateway keeps it; FAZ's copy is spent). */
export const FORTIVIEW_RESULT_TTL_MS = 10 * 60_000;
const resultKey = (adom: string, view: ViewName, id: number) => `fortiview:${adom}:${view}:${id}`;

const notFound = (view: string, id: number, err?: GatewayError) =>
  new GatewayError(
    'FORTIVIEW_RUN_NOT_FOUND',
    `There is no ${view} run ${id} (finished results are kept for ${FORTIVIEW_RESULT_TTL_MS / 60_000} minutes).`,
    { upstream: err?.upstream },
  );

/**
 * FortiView top-N (docs/upstream-api.md §9.3): `add .../{view}/run` → tid, poll `get .../run/{tid}`. The run's id is
 * its first tid and stays valid: the gateway keeps the run as sent (time window frozen in the appliance's
 * wall clock), and when the appliance reaped the tid before the result was handed out, it runs it again.
 * A finished result is kept by the gateway (shared state, so every replica answers its `href`) for
 * FORTIVIEW_RESULT_TTL_MS; then the definition is dropped and the upstream run deleted (unless the
 * appliance reaps runs itself once read).
 */
@Injectable()
export class FortiViewService {
  constructor(
    private readonly faz: FazAnalytics,
    private readonly appliance: FazAppliance,
    private readonly tasks: FazTaskStore,
    private readonly state: SharedState,
  ) {}

  async run(adom: string, view: ViewName, dto: RunFortiViewDto): Promise<FortiViewRunDto> {
    const params: Record<string, unknown> = {
      device: fazDevices(dto.devices),
      'time-range': fazTimeRange(dto.from, dto.to, await this.appliance.zone()),
      filter: dto.filter ?? '',
      limit: dto.limit ?? 20,
      ...(dto.sortBy ? { 'sort-by': [{ field: dto.sortBy, order: dto.order ?? 'desc' }] } : {}),
      'case-sensitive': false,
    };
    const tid = await this.start(adom, view, params);
    const record: FazTaskRecord = { params, tid, runs: 1 };
    await this.tasks.put('fortiview', adom, view, tid, record);
    // An appliance may hand out a tid again (after a restart): a result kept under it is another run's.
    await this.state.delete(resultKey(adom, view, tid));
    const deadline = Date.now() + (dto.deadlineSeconds ?? 10) * 1000;
    const run = await pollUntil(
      () => this.read(adom, view, tid, record),
      (r) => (r.percentage ?? 0) >= 100,
      deadline,
    );
    return this.finish(adom, view, tid, record, run);
  }

  async get(adom: string, view: ViewName, id: number): Promise<FortiViewRunDto> {
    const running = await this.tasks.get<Record<string, unknown>>('fortiview', adom, view, id);
    if (!running) {
      const kept = await this.state.get<FortiViewRunDto>(resultKey(adom, view, id));
      if (kept) return kept;
    }
    // Without a kept definition (handed out already, expired, or started elsewhere) the id is read as a tid.
    const record = running ?? { params: undefined, tid: id, runs: 1 };
    return this.finish(adom, view, id, record, await this.read(adom, view, id, record));
  }

  private async start(adom: string, view: ViewName, params: Record<string, unknown>): Promise<number> {
    const started = await this.faz.request<{ tid?: unknown }>(
      'add',
      fmgUrl`/fortiview/adom/${adom}/${view}/run`,
      params,
    );
    const tid = Number(started?.tid);
    if (!Number.isSafeInteger(tid)) throw upstreamProtocolError('The FortiAnalyzer did not answer a run id.');
    return tid;
  }

  /** The run's state from its live tid; a reaped tid is replaced by the run issued again. */
  private async read(
    adom: string,
    view: ViewName,
    id: number,
    record: FazTaskRecord | { params: undefined; tid: number; runs: number },
  ): Promise<FazRun> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.faz.request<FazRun>(
          'get',
          fmgUrl`/fortiview/adom/${adom}/${view}/run/${record.tid}`,
        );
      } catch (err) {
        if (!isTidGone(err)) throw err;
        if (!record.params || attempt >= MAX_REISSUES) throw notFound(view, id, err as GatewayError);
        record.tid = await this.start(adom, view, record.params);
        record.runs++;
        await this.tasks.put('fortiview', adom, view, id, record);
      }
    }
  }

  private async finish(
    adom: string,
    view: ViewName,
    id: number,
    record: { params?: unknown; tid: number | string },
    run: FazRun,
  ): Promise<FortiViewRunDto> {
    const percentage = Number(run.percentage ?? 0);
    const done = percentage >= 100;
    const result: FortiViewRunDto = {
      id,
      href: `/adoms/${encodeURIComponent(adom)}/fortiview/${view}/runs/${id}`,
      view,
      status: done ? 'done' : 'running',
      percentage,
      items: done && Array.isArray(run.data) ? run.data : [],
    };
    if (done) {
      // Kept first, so the href answers even if the upstream delete below fails or is slow.
      await this.state.set(resultKey(adom, view, id), result, FORTIVIEW_RESULT_TTL_MS);
      await this.tasks.delete('fortiview', adom, view, id);
      // Single-use builds reaped the run with this read; older ones keep it until deleted.
      if (this.appliance.tidBehaviour('fortiview') !== 'single-use') {
        try {
          await this.faz.request('delete', fmgUrl`/fortiview/adom/${adom}/${view}/run/${record.tid}`);
          this.appliance.learn('fortiview', 'reusable');
        } catch (err) {
          if (isTidGone(err)) this.appliance.learn('fortiview', 'single-use');
        }
      }
    }
    return result;
  }
}
