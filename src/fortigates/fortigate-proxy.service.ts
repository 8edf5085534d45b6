import { Inject, Injectable } from '@nestjs/common';
import { GatewayError, upstreamProtocolError } from '../common/errors/gateway-error';
import type { ErrorCode } from '../common/errors/catalogue';
import { APP_CONFIG, PROXY_DEFAULTS } from '../config/app-config';
import type { AppConfig, ProxyConfig } from '../config/app-config';
import { FmgClient } from '../upstream/clients';
import { escapeSegment, fmgUrl } from '../upstream/dialects/fmg-url';
import { DeviceQueue } from './device-queue';

export type ProxyAction = 'get' | 'post' | 'put' | 'delete';

/** FortiOS's REST answer as FMG relays it: `results` plus `http_status`, `status`, `serial`, `version`... */
export type FortiOsAnswer = Record<string, unknown>;

/** One device's outcome: FortiOS's answer, or the error it would have been on its own. */
export type DeviceOutcome =
  { device: string; answer: FortiOsAnswer } | { device: string; error: GatewayError };

interface ProxyEntry {
  target?: unknown;
  status?: { code?: unknown; message?: unknown };
  response?: unknown;
}

/** FortiOS http_status → the gateway's code (401/403 mean FMG's own access to the device was refused). */
function fortiOsError(httpStatus: number, fortiOsCode: unknown): ErrorCode {
  if (httpStatus === 404) return 'FORTIOS_NOT_FOUND';
  // FortiOS answers a duplicate key with 500 and error -5.
  if (fortiOsCode === -5) return 'FORTIOS_CONFLICT';
  if ([400, 405, 413, 424].includes(httpStatus)) return 'FORTIOS_REJECTED';
  return 'FORTIOS_ERROR';
}

/** The message FMG gives a target whose FortiOS call ran out of time (docs/upstream-api.md §8.10, [U] wording). */
const TIMED_OUT = /time[ds]?[ -]?out/i;

/**
 * Calls a managed FortiGate's REST API through FortiManager's `exec /sys/proxy/json`
 * (docs/upstream-api.md §8.10): one device per call, serialised per device (DeviceQueue), the device
 * checked against the ADOM first so an unknown one is a clean 404.
 */
@Injectable()
export class FortiGateProxyService {
  readonly config: ProxyConfig;
  private readonly queue: DeviceQueue;

  constructor(
    @Inject(APP_CONFIG) app: AppConfig,
    private readonly fmg: FmgClient,
  ) {
    this.config = app.proxy ?? PROXY_DEFAULTS;
    this.queue = new DeviceQueue(this.config.queuePerDevice);
  }

  /** `timeout` for FMG: the client's, bounded by the configured maximum. */
  timeout(requested?: number): number {
    return Math.min(requested ?? this.config.maxTimeoutS, this.config.maxTimeoutS);
  }

  /** 404 (FMG_OBJECT_NOT_FOUND) unless `device` is managed in `adom`. */
  async assertDevice(adom: string, device: string): Promise<void> {
    await this.fmg.request('get', { url: fmgUrl`/dvmdb/adom/${adom}/device/${device}`, fields: ['name'] });
  }

  /** The devices of a device group, in FMG's order. */
  async groupMembers(adom: string, group: string): Promise<string[]> {
    const data = await this.fmg.request<Record<string, unknown> | undefined>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}/group/${group}`,
    });
    const members = Array.isArray(data?.['object member']) ? (data['object member'] as unknown[]) : [];
    const names = members.map((m) => (m as { name?: unknown }).name);
    return [...new Set(names.filter((n): n is string => typeof n === 'string'))];
  }

  /** Which of `devices` are managed in `adom` (one call for all). */
  async managedOf(adom: string, devices: string[]): Promise<Set<string>> {
    const rows = await this.fmg.request<unknown[] | undefined>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}/device`,
      fields: ['name'],
      filter: ['name', 'in', ...devices],
    });
    const names = (rows ?? []).map((r) => (r as { name?: unknown }).name);
    return new Set(names.filter((n): n is string => typeof n === 'string'));
  }

  /** One proxied call; throws the device's error (404, 502, 504, FortiOS errors) naming the device. */
  async call(
    adom: string,
    device: string,
    action: ProxyAction,
    resource: string,
    options: { payload?: unknown; timeout?: number } = {},
  ): Promise<FortiOsAnswer> {
    const outcome = await this.outcome(adom, device, action, resource, options);
    if ('error' in outcome) throw outcome.error;
    return outcome.answer;
  }

  /** One device's outcome, never thrown (for fan-out), except for errors of the whole call. */
  async outcome(
    adom: string,
    device: string,
    action: ProxyAction,
    resource: string,
    options: { payload?: unknown; timeout?: number } = {},
  ): Promise<DeviceOutcome> {
    const target = `adom/${escapeSegment(adom)}/device/${escapeSegment(device)}`;
    try {
      const data = await this.queue.run(`${this.fmg.name}:${device}`, device, () =>
        this.fmg.request<unknown>('exec', {
          url: '/sys/proxy/json',
          data: {
            action,
            resource,
            target: [target],
            timeout: this.timeout(options.timeout),
            ...(options.payload === undefined ? {} : { payload: options.payload }),
          },
        }),
      );
      return { device, ...this.interpret(device, data) };
    } catch (e) {
      if (e instanceof GatewayError) return { device, error: e.with(e.detail, { device }) };
      throw e;
    }
  }

  private interpret(device: string, data: unknown): { answer: FortiOsAnswer } | { error: GatewayError } {
    const entries = Array.isArray(data) ? (data as ProxyEntry[]) : [];
    const entry = entries.find((e) => e.target === device) ?? (entries.length === 1 ? entries[0] : undefined);
    if (!entry) {
      throw upstreamProtocolError(`FortiManager's proxy answer has no entry for device "${device}".`);
    }
    const code = Number(entry.status?.code ?? 0);
    const message = typeof entry.status?.message === 'string' ? entry.status.message : '';
    if (code !== 0 || typeof entry.response !== 'object' || entry.response === null) {
      const upstream = { code, message, url: '/sys/proxy/json', method: 'exec' };
      const error = TIMED_OUT.test(message)
        ? new GatewayError('DEVICE_TIMEOUT', `Device "${device}" did not answer in time: ${message}`, {
            upstream,
          })
        : new GatewayError('FMG_DEVICE_UNREACHABLE', `Device "${device}" could not be reached: ${message}`, {
            upstream,
          });
      return { error: error.with(error.detail, { device }) };
    }
    const answer = entry.response as FortiOsAnswer;
    const httpStatus = Number(answer.http_status ?? 200);
    if (answer.status === 'error' || httpStatus >= 400) {
      const status = Number.isFinite(httpStatus) ? httpStatus : 500;
      return {
        error: new GatewayError(
          fortiOsError(status, answer.error),
          `Device "${device}" answered HTTP ${status} to the FortiOS call.`,
          { extensions: { device, fortios: { httpStatus: status, error: answer.error } } },
        ),
      };
    }
    return { answer };
  }
}
