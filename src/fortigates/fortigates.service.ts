import { Injectable } from '@nestjs/common';
import { GatewayError } from '../common/errors/gateway-error';
import { problemType } from '../common/errors/catalogue';
import { recordAuditTarget } from '../common/context/request-context';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import {
  DeviceHaDto,
  DeviceResultDto,
  FanOutResultDto,
  MonitorQueryDto,
  monitorParams,
  ProxyQueryDto,
  WriteResultDto,
} from './dto/fortigate.dto';
import {
  FortiGateProxyService,
  type DeviceOutcome,
  type FortiOsAnswer,
  type ProxyAction,
} from './fortigate-proxy.service';
import { fortiOsResource } from './fortios-resource';

/** Devices of one fan-out called at the same time (each device still runs one call at a time). */
const FAN_OUT_PARALLEL = 8;

/** Runs `fn` over `items`, at most `limit` at once, keeping the order of `items`. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The FortiOS monitor resource of a monitor route: its path, VDOM (default root) and allow-listed parameters. */
function monitorResource(path: string, query: MonitorQueryDto): string {
  return fortiOsResource({ api: 'monitor', path, vdom: query.vdom ?? 'root', params: monitorParams(query) });
}

function toResult(outcome: DeviceOutcome): DeviceResultDto {
  if ('answer' in outcome) return { device: outcome.device, status: 200, body: outcome.answer.results };
  const e = outcome.error;
  return {
    device: outcome.device,
    status: e.status,
    problem: { type: problemType(e.code), title: e.title, status: e.status, code: e.code, detail: e.detail },
  };
}

/**
 * Managed FortiGates read (and, where allowed, written) live through FortiManager's proxy: monitor
 * calls, the running configuration, HA members. The device DB routes read FMG's copy instead.
 */
@Injectable()
export class FortiGatesService {
  constructor(
    private readonly proxy: FortiGateProxyService,
    private readonly fmg: FmgClient,
  ) {}

  async monitor(adom: string, device: string, path: string, query: MonitorQueryDto): Promise<unknown> {
    const resource = monitorResource(path, query);
    await this.proxy.assertDevice(adom, device);
    const answer = await this.proxy.call(adom, device, 'get', resource, { timeout: query.timeout });
    return answer.results;
  }

  /** The same monitor call to every member of a group: 207, one entry per device. */
  async monitorGroup(
    adom: string,
    group: string,
    path: string,
    query: MonitorQueryDto,
  ): Promise<FanOutResultDto> {
    const resource = monitorResource(path, query);
    const devices = await this.proxy.groupMembers(adom, group);
    return this.fanOut(adom, devices, resource, query.timeout);
  }

  /** The same monitor call to listed devices: 207; a device not managed in the ADOM is its own 404. */
  async monitorDevices(
    adom: string,
    devices: string[],
    path: string,
    query: MonitorQueryDto = {},
  ): Promise<FanOutResultDto> {
    const resource = monitorResource(path, query);
    const unique = [...new Set(devices)];
    const managed = await this.proxy.managedOf(adom, unique);
    const known = unique.filter((d) => managed.has(d));
    const answered = await this.fanOut(adom, known, resource, query.timeout);
    const byDevice = new Map(answered.results.map((r) => [r.device, r]));
    return {
      results: unique.map(
        (device) =>
          byDevice.get(device) ??
          toResult({
            device,
            error: new GatewayError(
              'FMG_OBJECT_NOT_FOUND',
              `Device "${device}" is not managed in ADOM "${adom}".`,
            ),
          }),
      ),
    };
  }

  private async fanOut(
    adom: string,
    devices: string[],
    resource: string,
    timeout?: number,
  ): Promise<FanOutResultDto> {
    const outcomes = await mapLimited(devices, FAN_OUT_PARALLEL, (device) =>
      this.proxy.outcome(adom, device, 'get', resource, { timeout }),
    );
    return { results: outcomes.map(toResult) };
  }

  /** The running configuration (FortiOS cmdb), as opposed to FMG's device DB. */
  async readLiveConfig(
    adom: string,
    device: string,
    path: string,
    query: ProxyQueryDto,
    key?: string,
  ): Promise<unknown> {
    const resource = fortiOsResource({ api: 'cmdb', path, key, vdom: query.vdom ?? 'root' });
    await this.proxy.assertDevice(adom, device);
    const answer = await this.proxy.call(adom, device, 'get', resource, { timeout: query.timeout });
    // A member read answers a one-element list on FortiOS: unwrap it.
    return key !== undefined && Array.isArray(answer.results) ? answer.results[0] : answer.results;
  }

  /**
   * A write to the running configuration: only for paths in PROXY_WRITES (the route requires admin
   * scope); the audit entry names the device and the FortiOS path.
   */
  async writeLiveConfig(
    adom: string,
    device: string,
    path: string,
    action: Exclude<ProxyAction, 'get'>,
    options: { key?: string; vdom?: string; payload?: Record<string, unknown> },
  ): Promise<WriteResultDto> {
    const resource = fortiOsResource({ api: 'cmdb', path, key: options.key, vdom: options.vdom ?? 'root' });
    recordAuditTarget({
      device,
      fortiosPath: path,
      ...(options.key === undefined ? {} : { key: options.key }),
    });
    const allowed = this.proxy.config.writes.some((w) => path === w || path.startsWith(`${w}/`));
    if (!allowed) {
      throw new GatewayError(
        'PROXY_WRITE_NOT_ALLOWED',
        `Writes to "${path}" through the FortiGate proxy are not enabled (PROXY_WRITES).`,
      );
    }
    await this.proxy.assertDevice(adom, device);
    const answer: FortiOsAnswer = await this.proxy.call(adom, device, action, resource, {
      payload: options.payload,
    });
    const mkey =
      typeof answer.mkey === 'string' || typeof answer.mkey === 'number' ? String(answer.mkey) : options.key;
    return {
      device,
      path,
      ...(mkey === undefined ? {} : { mkey }),
      ...(typeof answer.revision === 'string' ? { revision: answer.revision } : {}),
    };
  }

  /** FMG's HA mode of the device and its live cluster members (FortiOS `system/ha-peer`). */
  async deviceHa(adom: string, device: string, query: ProxyQueryDto): Promise<DeviceHaDto> {
    const row = await this.fmg.request<Record<string, unknown>>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}/device/${device}`,
      fields: ['name', 'ha_mode'],
    });
    const answer = await this.proxy.call(
      adom,
      device,
      'get',
      fortiOsResource({ api: 'monitor', path: 'system/ha-peer' }),
      {
        timeout: query.timeout,
      },
    );
    const peers = Array.isArray(answer.results) ? (answer.results as Record<string, unknown>[]) : [];
    return {
      device,
      mode: typeof row?.ha_mode === 'string' ? row.ha_mode : 'standalone',
      members: peers.map((p) => ({
        serial: typeof p.serial_no === 'string' ? p.serial_no : '',
        ...(typeof p.hostname === 'string' ? { hostname: p.hostname } : {}),
        ...(typeof p.priority === 'number' ? { priority: p.priority } : {}),
        primary: p.primary === true || p.master === true,
      })),
    };
  }
}
