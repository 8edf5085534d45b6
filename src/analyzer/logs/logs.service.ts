import { Injectable, StreamableFile } from '@nestjs/common';
import { fmgUrl } from '../../upstream/dialects/fmg-url';
import { UTC_ZONE } from '../appliance-zone';
import { FazAnalytics } from '../../upstream/dialects/faz-analytics';
import { fazTimeRange } from '../time-range';
import {
  LogExportQueryDto,
  LogFieldDto,
  LogFileDto,
  LogFilesQueryDto,
  LogStatsDto,
  LogType,
} from './dto/logs.dto';
import { EXPORT_CONTENT_TYPES, exportFormat, exportStream } from './log-export';
import { LogSearchService } from './log-search.service';

/** Log metadata (fields, stats, files) and the export stream of a finished search. */
@Injectable()
export class LogsService {
  constructor(
    private readonly faz: FazAnalytics,
    private readonly searches: LogSearchService,
  ) {}

  async fields(adom: string, logType: LogType): Promise<LogFieldDto[]> {
    const rows = await this.faz.request<{ name: string; type?: string }[]>(
      'get',
      fmgUrl`/logview/adom/${adom}/logfields`,
      {
        logtype: logType,
        devtype: 'FortiGate',
      },
    );
    return (rows ?? []).map((f) => ({ name: f.name, type: f.type ?? 'string' }));
  }

  async stats(adom: string, device?: string): Promise<LogStatsDto[]> {
    const rows = await this.faz.request<Record<string, unknown>[]>(
      'get',
      fmgUrl`/logview/adom/${adom}/logstats`,
      {
        ...(device ? { device: [{ devname: device }] } : {}),
      },
    );
    return (rows ?? []).map((r) => ({
      devid: String(r.devid),
      devname: String(r.devname),
      vdom: String(r.vdom),
      firstLog: Number(r['first-log']),
      lastLog: Number(r['last-log']),
      counts: (r.counts ?? {}) as Record<string, number>,
    }));
  }

  async files(adom: string, q: LogFilesQueryDto): Promise<LogFileDto[]> {
    // Sent with `timezone: UTC`, so the bounds stay in UTC. [U] whether FAZ honours it.
    const range = fazTimeRange(q.from, q.to, UTC_ZONE, true);
    const rows = await this.faz.request<Record<string, unknown>[]>(
      'get',
      fmgUrl`/logview/adom/${adom}/logfiles/state`,
      {
        devid: q.devid,
        ...(q.vdom ? { vdom: q.vdom } : {}),
        ...(range ? { 'time-range': range } : {}),
        timezone: 'UTC',
      },
    );
    return (rows ?? []).map((r) => ({
      devid: String(r.devid),
      vdom: String(r.vdom),
      filename: String(r.filename),
      logType: String(r.logtype),
      startTime: Number(r['start-time']),
      endTime: Number(r['end-time']),
      size: Number(r.size),
    }));
  }

  async export(
    adom: string,
    id: string,
    owner: string,
    q: LogExportQueryDto,
    accept: string | undefined,
  ): Promise<StreamableFile> {
    const format = exportFormat(q.format, accept);
    const { record, first } = await this.searches.openExport(adom, id, owner);
    const stream = exportStream(this.searches.rows(record, first), format, q.fields?.split(','));
    return new StreamableFile(stream, {
      type: EXPORT_CONTENT_TYPES[format],
      disposition: `attachment; filename="${record.logType}-${record.id}.${format}"`,
    });
  }
}
