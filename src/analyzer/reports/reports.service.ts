import { Injectable, StreamableFile } from '@nestjs/common';
import { GatewayError, upstreamProtocolError } from '../../common/errors/gateway-error';
import { fmgUrl } from '../../upstream/dialects/fmg-url';
import { FazAnalytics } from '../../upstream/dialects/faz-analytics';
import { fazDevices, fazTimeRange } from '../time-range';
import { REPORT_FORMATS, ReportLayoutDto, ReportRunDto, RunReportDto } from './dto/report.dto';

type Row = Record<string, unknown>;

const CONTENT_TYPES: Record<(typeof REPORT_FORMATS)[number], string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

const iso = (epoch: unknown) =>
  epoch === undefined ? undefined : new Date(Number(epoch) * 1000).toISOString();

/**
 * Reports (docs/upstream-api.md §9.5): run a layout as a task (UUID tid), read its state, download the output,
 * which FAZ hands over base64-encoded [U exact encoding] and the gateway sends as bytes.
 */
@Injectable()
export class ReportsService {
  constructor(private readonly faz: FazAnalytics) {}

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
    const range = fazTimeRange(dto.from, dto.to, true);
    const param: Row = { 'layout-id': dto.layoutId, device: fazDevices(dto.devices) };
    // [U] A custom window goes in `schedule-param`; this is the emulator's `time-range` reading of it.
    if (range) Object.assign(param, { 'time-period': 'other', 'time-range': range });
    const result = await this.faz.request<{ tid?: unknown }>('add', fmgUrl`/report/adom/${adom}/run`, {
      schedule: String(dto.layoutId),
      'schedule-param': param,
      runfrom: 'GUI',
    });
    if (typeof result?.tid !== 'string' || result.tid === '') {
      throw upstreamProtocolError('The FortiAnalyzer did not answer a report id.');
    }
    return { id: result.tid, href: this.href(adom, result.tid), status: 'running', layoutId: dto.layoutId };
  }

  async status(adom: string, id: string): Promise<ReportRunDto> {
    const r = await this.faz.request<Row>('get', fmgUrl`/report/adom/${adom}/run/${id}`);
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
    const run = await this.status(adom, id);
    if (run.status !== 'done') {
      throw new GatewayError(
        'REPORT_NOT_READY',
        `The report is still being generated (${run.percentage ?? 0} %).`,
        { headers: { 'Retry-After': '2' } },
      );
    }
    const out = await this.faz.request<Row>('get', fmgUrl`/report/adom/${adom}/reports/data/${id}`, {
      format: format.toUpperCase(),
      'data-type': 'text',
    });
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
