import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import axios, { AxiosError, AxiosInstance } from 'axios';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig, FortiManagerConfig } from '../config/app-config';
import {
  GatewayError,
  upstreamProtocolError,
  upstreamTimeout,
  upstreamUnavailable,
  upstreamUnreachable,
} from '../common/errors/gateway-error';
import { fmgStatusToError, loginFailure } from './fmg-status.mapper';
import {
  FMG_NO_PERMISSION,
  FMG_OK,
  RpcMethod,
  RpcParam,
  RpcRequest,
  RpcResponse,
  RpcResult,
} from './jsonrpc.types';

/**
 * The one way to talk JSON-RPC to the FortiManager: envelope, transport errors, session and the
 * one-time re-login on -11. It never decides HTTP statuses for successful calls; callers get
 * `result[]` (call) or the unwrapped `data` (request), and non-zero codes become GatewayErrors.
 */
@Injectable()
export class FmgClient implements OnApplicationShutdown {
  private readonly logger = new Logger(FmgClient.name);
  private readonly http: AxiosInstance;
  private readonly cfg: FortiManagerConfig;
  private session?: string;
  private loginInFlight?: Promise<string>;
  private nextId = 1;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.fmg) throw new Error('FortiManager connection is not configured');
    this.cfg = config.fmg;
    if (this.cfg.insecureTls) {
      this.logger.warn('FMG_INSECURE_TLS is set: the FortiManager certificate is NOT verified.');
    }
    this.http = axios.create({
      baseURL: this.cfg.url,
      timeout: this.cfg.timeoutMs,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      // Raw text: we parse ourselves so a broken body becomes a clear 502, not an axios quirk.
      transformResponse: [(body: unknown) => body],
      responseType: 'text',
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new HttpsAgent({
        keepAlive: true,
        maxSockets: 64,
        ca: this.cfg.ca,
        rejectUnauthorized: !this.cfg.insecureTls,
      }),
    });
  }

  /**
   * Sends one JSON-RPC call (several params = one batch) and returns `result[]` in order.
   * If every result says -11 the session is presumed stale: log in again once and resend. A -11 on
   * only some items is a permission answer (the others ran), so nothing is resent.
   */
  async call(method: RpcMethod, params: RpcParam[]): Promise<RpcResult[]> {
    const session = await this.ensureSession();
    const results = await this.send(method, params, session);
    if (!results.every((r) => r.status.code === FMG_NO_PERMISSION)) return results;
    const fresh = await this.relogin(session);
    return this.send(method, params, fresh);
  }

  /** One param; returns its `data`, or throws the mapped GatewayError for a non-zero status. */
  async request<T = unknown>(method: RpcMethod, param: RpcParam): Promise<T> {
    const [result] = await this.call(method, [param]);
    return unwrap<T>(result, method);
  }

  async onApplicationShutdown(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session) await this.logout(session);
    (this.http.defaults.httpAgent as HttpAgent).destroy();
    (this.http.defaults.httpsAgent as HttpsAgent).destroy();
  }

  private async ensureSession(): Promise<string> {
    if (this.session) return this.session;
    return this.login();
  }

  /** Single-flight: concurrent callers share one login. */
  private login(): Promise<string> {
    this.loginInFlight ??= this.doLogin().finally(() => {
      this.loginInFlight = undefined;
    });
    return this.loginInFlight;
  }

  private async relogin(stale: string): Promise<string> {
    if (this.session && this.session !== stale) return this.session;
    if (this.session === stale) {
      this.session = undefined;
      // The -11 may have been a permission answer on a live session: close it so it does not leak.
      void this.logout(stale);
    }
    return this.login();
  }

  private async doLogin(): Promise<string> {
    const response = await this.post({
      id: this.nextId++,
      method: 'exec',
      params: [{ url: '/sys/login/user', data: { user: this.cfg.username, passwd: this.cfg.password } }],
    });
    const result = response.result?.[0];
    if (!result || result.status.code !== FMG_OK || typeof response.session !== 'string') {
      const upstream = { code: result?.status.code ?? -22, message: result?.status.message ?? 'Login fail' };
      this.logger.error(
        `Login to ${this.cfg.url} as ${this.cfg.username} failed: ${upstream.code} ${upstream.message}`,
      );
      throw loginFailure({ ...upstream, url: '/sys/login/user', method: 'exec' });
    }
    this.session = response.session;
    return response.session;
  }

  private async logout(session: string): Promise<void> {
    try {
      await this.post({ id: this.nextId++, method: 'exec', params: [{ url: '/sys/logout' }], session });
    } catch (err) {
      this.logger.warn(`Logout failed: ${(err as Error).message}`);
    }
  }

  private async send(method: RpcMethod, params: RpcParam[], session: string): Promise<RpcResult[]> {
    const started = Date.now();
    const response = await this.post({ id: this.nextId++, method, params, session, verbose: 1 });
    const results = response.result;
    if (!Array.isArray(results) || results.length !== params.length) {
      throw upstreamProtocolError(
        `Expected ${params.length} result(s) from the upstream, got ${describe(results)}.`,
      );
    }
    for (const r of results) {
      if (typeof r?.status?.code !== 'number') {
        throw upstreamProtocolError('Upstream result without a status code.');
      }
    }
    this.logger.debug(
      `${method} ${params.map((p) => p.url).join(', ')} → ${results.map((r) => r.status.code).join(',')} (${Date.now() - started} ms)`,
    );
    return results;
  }

  private async post(body: RpcRequest): Promise<RpcResponse> {
    let status: number;
    let text: string;
    try {
      const res = await this.http.post<string>('/jsonrpc', body);
      status = res.status;
      text = res.data;
    } catch (err) {
      throw transportError(err);
    }
    if (status === 503 || status === 429) {
      throw upstreamUnavailable(`The upstream answered HTTP ${status}.`, 5);
    }
    if (status !== 200) throw upstreamProtocolError(`The upstream answered HTTP ${status}.`);
    let parsed: RpcResponse;
    try {
      parsed = JSON.parse(text) as RpcResponse;
    } catch {
      throw upstreamProtocolError('The upstream answered with a body that is not JSON.');
    }
    if (parsed === null || typeof parsed !== 'object') {
      throw upstreamProtocolError('The upstream answer is not an object.');
    }
    if (parsed.id !== body.id) {
      throw upstreamProtocolError(`The upstream answered request ${body.id} with id ${String(parsed.id)}.`);
    }
    if (parsed.error) {
      throw new GatewayError({
        status: 502,
        code: 'UPSTREAM_PROTOCOL_ERROR',
        title: 'Bad upstream response',
        detail: `JSON-RPC error ${parsed.error.code}: ${parsed.error.message}`,
        upstream: { code: parsed.error.code, message: parsed.error.message },
      });
    }
    return parsed;
  }
}

export function unwrap<T>(result: RpcResult, method: RpcMethod): T {
  if (result.status.code !== FMG_OK) {
    throw fmgStatusToError({
      code: result.status.code,
      message: result.status.message,
      url: result.url,
      method,
    });
  }
  return result.data as T;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? `${value.length}` : typeof value;
}

function transportError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  const e = err as AxiosError;
  if (e.code === 'ETIMEDOUT' || e.code === 'ECONNABORTED') {
    return upstreamTimeout('The upstream did not answer in time.');
  }
  const reason = e.code ?? e.message;
  return upstreamUnreachable(`The upstream could not be reached (${reason}).`);
}
