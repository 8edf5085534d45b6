import { Injectable, StreamableFile } from '@nestjs/common';
import { GatewayError, upstreamProtocolError } from '../../common/errors/gateway-error';
import { fmgUrl } from '../../upstream/dialects/fmg-url';
import { FazAnalytics } from '../../upstream/dialects/faz-analytics';
import { FazAppliance, isTidGone } from '../faz-appliance';
import { FazTaskRecord, FazTaskStore } from '../faz-task-store';
import { fazDevices, fazTimeRange } from '../time-range';
import { pollUntil } from '../wait';
import { REPORT_FORMATS, ReportLayoutDto, ReportRunDto, RunReportDto } from './dto/report.dto';

type Row = Record<string, unknown>;

const CONTENT_TYPES: Record<(typeof REPORT_FORMATS)[number], string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

const iso = (epoch: unknown) =>
  epoch === undefined ? undefined : new Date(Number(epoch) * 1000).toISOString();

/** How long a status read or download waits for a report it ran again (it was generated once already). */
const RERUN_WAIT_MS = 60_000;
const MAX_RERUNS = 3;

const notFound = (id: string, err: unknown) =>
  new GatewayError('REPORT_RUN_NOT_FOUND', `There is no report run ${id} (it may have expired).`, {
    upstream: err instanceof GatewayError ? err.upstream : undefined,
  });

/** A kept report run: what was sent, the live tid, and whether it was seen generated. */
type ReportRecord = FazTaskRecord & { done?: boolean };

/**
 * Reports (docs/upstream-api.md §9.5): run a layout as a task (UUID tid), read its state, download the output,
 * which FAZ hands over base64-encoded [U exact encoding] and the gateway sends as bytes. The run's id is
 * its first tid and stays valid: when the appliance reaped the tid (a reboot, its expiry, or [U] a build
 * that hands a report's output out once), the gateway runs the same layout over the same window again.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly faz: FazAnalytics,
    private readonly appliance: FazAppliance,
    private readonly tasks: FazTaskStore,
  ) {}

  async layouts(adom: string): Promise<ReportLayoutDto[]> {
    const rows = await this.faz.request<Row[]>('get', fmgUrl`/report/adom/${adom}/config/layout`);
    return (rows ?? []).map((r) => ({
      id: Number(r['layout-id']),
      title: String(r.title as string),
      description: typeof r.description === 'string' ? r.description : undefined,
      category: typeof r.category === 'string' ? r.category : undefined,
    }));
  }

  async run(adom: string, dto: RunReportDto): Promise<ReportRunDto> {
    const range =
      dto.from === undefined && dto.to === undefined
        ? undefined
        : fazTimeRange(dto.from, dto.to, await this.appliance.zone(), true);
    const param: Row = { 'layout-id': dto.layoutId, device: fazDevices(dto.devices) };
    // [U] A custom window goes in `schedule-param`; this is the emulator's `time-range` reading of it.
    if (range) Object.assign(param, { 'time-period': 'other', 'time-range': range });
    const params = { schedule: String(dto.layoutId), 'schedule-param': param, runfrom: 'GUI' };
    const tid = await this.start(adom, params);
    await this.tasks.put('report', adom, '', tid, { params, tid, runs: 1 });
    return { id: tid, href: this.href(adom, tid), status: 'running', layoutId: dto.layoutId };
  }

  private async start(adom: string, params: Row): Promise<string> {
    const result = await this.faz.request<{ tid?: unknown }>('add', fmgUrl`/report/adom/${adom}/run`, params);
    if (typeof result?.tid !== 'string' || result.tid === '') {
      throw upstreamProtocolError('The FortiAnalyzer did not answer a report id.');
    }
    return result.tid;
  }

  /** The live run of a client id: its kept record, or the id itself as a tid when none is kept. */
  private async record(adom: string, id: string): Promise<ReportRecord> {
    return (
      (await this.tasks.get<Row>('report', adom, '', id)) ?? { params: undefined as never, tid: id, runs: 1 }
    );
  }

  /**
   * `get …/run/{tid}`; a reaped tid is run again from the kept definition, and when it had been
   * generated before, waited for (the client saw it done).
   */
  private async readRun(adom: string, id: string, record: ReportRecord): Promise<Row> {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await this.faz.request<Row>('get', fmgUrl`/report/adom/${adom}/run/${String(record.tid)}`);
        if (r?.state === 'generated' && !record.done && record.params) {
          record.done = true;
          await this.tasks.put('report', adom, '', id, record);
        }
        return r;
      } catch (err) {
        if (!isTidGone(err)) throw err;
        if (!record.params || attempt >= MAX_RERUNS) throw notFound(id, err);
        await this.rerun(adom, id, record);
      }
    }
  }

  private async rerun(adom: string, id: string, record: ReportRecord): Promise<void> {
    record.tid = await this.start(adom, record.params);
    record.runs++;
    await this.tasks.put('report', adom, '', id, record);
    if (!record.done) return;
    await pollUntil(
      () => this.faz.request<Row>('get', fmgUrl`/report/adom/${adom}/run/${String(record.tid)}`),
      (r) => r?.state === 'generated',
      Date.now() + RERUN_WAIT_MS,
    );
  }

  async status(adom: string, id: string): Promise<ReportRunDto> {
    return this.toRun(adom, id, await this.readRun(adom, id, await this.record(adom, id)));
  }

  private toRun(adom: string, id: string, r: Row): ReportRunDto {
    const href = this.href(adom, id);
    const done = r.state === 'generated';
    return {
      id,
      href,
      status: done ? 'done' : 'running',
      layoutId: Number(r['layout-id']),
      title: typeof r.title === 'string' ? r.title : undefined,
      percentage: Number(r['progress-percent'] ?? (done ? 100 : 0)),
      periodStart: iso(r['period-start']),
      periodEnd: iso(r['period-end']),
      ...(done
        ? { downloads: Object.fromEntries(REPORT_FORMATS.map((f) => [f, `${href}/download?format=${f}`])) }
        : {}),
    };
  }

  async download(adom: string, id: string, format: (typeof REPORT_FORMATS)[number]): Promise<StreamableFile> {
    const record = await this.record(adom, id);
    const run = this.toRun(adom, id, await this.readRun(adom, id, record));
    if (run.status !== 'done') {
      throw new GatewayError(
        'REPORT_NOT_READY',
        `The report is still being generated (${run.percentage ?? 0} %).`,
        { headers: { 'Retry-After': '2' } },
      );
    }
    let out: Row | undefined;
    for (let attempt = 0; out === undefined; attempt++) {
      try {
        out = await this.faz.request<Row>(
          'get',
          fmgUrl`/report/adom/${adom}/reports/data/${String(record.tid)}`,
          {
            format: format.toUpperCase(),
            'data-type': 'text',
          },
        );
      } catch (err) {
        // [U] Builds that hand a report's output out once: run it again and download the new one.
        if (!isTidGone(err)) throw err;
        if (!record.params || attempt >= MAX_RERUNS) throw notFound(id, err);
        this.appliance.learn('report', 'single-use');
        await this.rerun(adom, id, record);
      }
    }
    if (typeof out?.data !== 'string') {
      throw upstreamProtocolError('The FortiAnalyzer answered no report data.');
    }
    const bytes = Buffer.from(out.data, 'base64');
    const name = typeof out.name === 'string' ? out.name.replace(/[^\w.-]/g, '_') : `report-${id}.${format}`;
    return new StreamableFile(bytes, {
      type: CONTENT_TYPES[format],
      length: bytes.length,
      disposition: `attachment; filename="${name}"`,
    });
  }

  private href(adom: string, id: string): string {
    return `/adoms/${encodeURIComponent(adom)}/reports/runs/${id}`;
  }
}
