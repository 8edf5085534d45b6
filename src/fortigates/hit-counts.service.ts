import { Injectable } from '@nestjs/common';
import { GatewayError } from '../common/errors/gateway-error';
import { RETRY_AFTER_SECONDS } from '../common/errors/catalogue';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { taskAccepted } from '../tasks/task-accepted';
import { toTask } from '../tasks/task.mapper';
import { FmgClient, unwrap } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { FmgHaDto } from './dto/fmg-ha.dto';
import { HitCountsDto, PolicyHitCountDto } from './dto/hit-count.dto';

type Row = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0);
/** FMG gives epoch seconds, 0 for "never". */
const time = (v: unknown): string | null => (num(v) > 0 ? new Date(num(v) * 1000).toISOString() : null);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Policy hit counts as FortiManager keeps them (docs/upstream-api.md §8.10): `exec /sys/hitcount`
 * refreshes them from the devices as a task, `exec /sys/task/result` then gives the counters.
 * Also FortiManager's own HA status.
 */
@Injectable()
export class HitCountsService {
  constructor(private readonly fmg: FmgClient) {}

  async refresh(adom: string, pkg: string): Promise<TaskAcceptedDto> {
    const [result] = await this.fmg.call('exec', [{ url: '/sys/hitcount', data: { adom, pkg } }]);
    const data = unwrap<Row | undefined>(result, 'exec');
    // The id is `data.task` (FortiManager MCP field report) or `taskid` beside `status` (HOWTO).
    const task = data?.task ?? data?.taskid ?? (result as unknown as Row).taskid;
    const link = (id: number) =>
      `/adoms/${encodeURIComponent(adom)}/packages/${encodeURIComponent(pkg)}/hit-counts?task=${id}`;
    return taskAccepted(task, 'hit-counts', link);
  }

  /**
   * The counters of a finished refresh; 409 + Retry-After while its task runs. The task must belong to
   * the ADOM of the path (task ids are global on FMG), so an ADOM allow-list cannot be stepped around.
   */
  async read(adom: string, task: number): Promise<HitCountsDto> {
    const [raw, adomRow] = await Promise.all([
      this.fmg.request<Row | undefined>('get', { url: fmgUrl`/task/task/${task}` }),
      this.fmg.request<Row | undefined>('get', { url: fmgUrl`/dvmdb/adom/${adom}` }),
    ]);
    // [U] A task's `adom` is the ADOM's oid (docs/upstream-api.md §7).
    if (raw?.adom !== undefined && adomRow?.oid !== undefined && Number(raw.adom) !== Number(adomRow.oid)) {
      throw new GatewayError(
        'FMG_OBJECT_NOT_FOUND',
        `Task ${task} is not a hit-count refresh of ADOM "${adom}".`,
      );
    }
    if (!toTask(raw ?? {}).done) {
      throw new GatewayError('HIT_COUNTS_NOT_READY', `Hit-count task ${task} is still running.`, {
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
        extensions: { task: `/tasks/${task}` },
      });
    }
    const data = await this.fmg.request<Row | undefined>('exec', {
      url: '/sys/task/result',
      data: { taskid: task },
    });
    const rows = Array.isArray(data?.['firewall policy']) ? (data['firewall policy'] as Row[]) : [];
    return { task, policies: rows.map(toHitCount) };
  }

  async fmgHa(): Promise<FmgHaDto> {
    const d = (await this.fmg.request<Row | undefined>('get', { url: '/sys/ha/status' })) ?? {};
    const members = Array.isArray(d.members) ? (d.members as Row[]) : [];
    return {
      role: text(d['HA Role']) ?? 'Standalone',
      ...(text(d['FMG-HA Status']) ? { status: text(d['FMG-HA Status']) } : {}),
      ...(text(d['HA Health Status']) ? { health: text(d['HA Health Status']) } : {}),
      ...(d['Cluster-ID'] === undefined ? {} : { clusterId: num(d['Cluster-ID']) }),
      ...(text(d.Primary) ? { primary: text(d.Primary) } : {}),
      members: members.map((m) => ({
        hostname: text(m.Hostname),
        serial: text(m['Serial Number']),
        ip: text(m.IP),
        syncStatus: text(m['HA Sync status']),
        ...(m['Last Heartbeat (seconds)'] === undefined
          ? {}
          : { lastHeartbeatSeconds: num(m['Last Heartbeat (seconds)']) }),
      })),
    };
  }
}

function toHitCount(r: Row): PolicyHitCountDto {
  return {
    policyId: num(r.policyid),
    ...(text(r.name) ? { name: text(r.name) } : {}),
    hits: num(r.hitcount),
    packets: num(r.pkts),
    bytes: num(r.byte),
    sessions: num(r.sesscount),
    firstUsed: time(r.first_hit),
    lastUsed: time(r.last_hit),
  };
}
