import { Logger } from '@nestjs/common';
import type { UpstreamConfig, UpstreamName } from '../config/app-config';
import { recordRpc } from '../common/context/request-context';
import { GatewayError } from '../common/errors/gateway-error';
import { fmgStatusToError } from './fmg-status.mapper';
import { FMG_NO_PERMISSION, FMG_OK, RpcMethod, RpcParam, RpcResult } from './jsonrpc.types';
import { JsonRpcTransport } from './jsonrpc-transport';
import { Authenticator, createAuthenticator } from './session-pool/authenticators';
import { Lease, PoolStats, SessionPool } from './session-pool/session-pool';

/** Calls that share one upstream session (and so its workspace locks). */
export abstract class RpcSession {
  abstract call(method: RpcMethod, params: RpcParam[]): Promise<RpcResult[]>;

  /** One param; returns its `data`, or throws the mapped GatewayError for a non-zero status. */
  async request<T = unknown>(method: RpcMethod, param: RpcParam): Promise<T> {
    const [result] = await this.call(method, [param]);
    return unwrap<T>(result, method);
  }
}

/** A session lent by the pool until release(): nobody else uses it meanwhile. */
export abstract class HeldSession extends RpcSession {
  abstract release(): void;
}

/**
 * What services use to talk to one upstream. `call`/`request` borrow a session per call; `exclusive`
 * keeps one session for a sequence that must share it (lock, write, commit, unlock).
 */
export abstract class RpcClient extends RpcSession {
  abstract readonly name: UpstreamName;
  abstract acquire(): Promise<HeldSession>;
  abstract stats(): PoolStats | undefined;
  abstract close(): Promise<void>;

  async exclusive<T>(fn: (session: RpcSession) => Promise<T>): Promise<T> {
    const held = await this.acquire();
    try {
      return await fn(held);
    } finally {
      held.release();
    }
  }

  call(method: RpcMethod, params: RpcParam[]): Promise<RpcResult[]> {
    return this.exclusive((session) => session.call(method, params));
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

/**
 * A configured upstream: transport + authenticator + session pool, and the one rule about -11.
 * If every result says -11 the session is presumed stale: log in again once and resend. Nothing
 * ran (FMG checks the session before executing), so resending is safe for writes too. A -11 on only
 * some items is a permission answer (the others ran), so nothing is resent.
 */
export class UpstreamClient extends RpcClient {
  private readonly logger: Logger;
  readonly name: UpstreamName;

  constructor(
    private readonly transport: JsonRpcTransport,
    private readonly auth: Authenticator,
    private readonly pool: SessionPool,
  ) {
    super();
    this.name = transport.config.name;
    this.logger = new Logger(`Upstream:${this.name}`);
  }

  static create(config: UpstreamConfig): UpstreamClient {
    const transport = new JsonRpcTransport(config);
    const auth = createAuthenticator(transport, config.auth);
    const pool = new SessionPool(auth, {
      name: config.name,
      maxSessions: config.maxSessions,
      queueTimeoutMs: config.queueTimeoutMs,
      maxQueue: config.maxQueue,
      sessionIdleMs: config.sessionIdleMs,
    });
    return new UpstreamClient(transport, auth, pool);
  }

  async acquire(): Promise<HeldSession> {
    const lease = await this.pool.lease();
    return new LeasedSession(lease, (method, params) => this.callOn(lease, method, params));
  }

  private async callOn(lease: Lease, method: RpcMethod, params: RpcParam[]): Promise<RpcResult[]> {
    const first = await this.send(lease.session, method, params);
    if (this.auth.kind !== 'session' || !first.every((r) => r.status.code === FMG_NO_PERMISSION)) {
      return first;
    }
    await lease.relogin();
    return this.send(lease.session, method, params);
  }

  stats(): PoolStats {
    return this.pool.stats();
  }

  async close(): Promise<void> {
    await this.pool.close();
    this.transport.destroy();
  }

  private async send(
    session: string | undefined,
    method: RpcMethod,
    params: RpcParam[],
  ): Promise<RpcResult[]> {
    const started = Date.now();
    const { result } = await this.transport.send(method, params, { session, headers: this.auth.headers() });
    result.forEach((r, i) =>
      recordRpc({ upstream: this.name, method, url: params[i].url, code: r.status.code }),
    );
    this.logger.debug(
      `${method} ${params.map((p) => p.url).join(', ')} → ${result.map((r) => r.status.code).join(',')} (${Date.now() - started} ms)`,
    );
    return result;
  }
}

class LeasedSession extends HeldSession {
  constructor(
    private readonly lease: Lease,
    private readonly send: (method: RpcMethod, params: RpcParam[]) => Promise<RpcResult[]>,
  ) {
    super();
  }
  call(method: RpcMethod, params: RpcParam[]): Promise<RpcResult[]> {
    return this.send(method, params);
  }
  release(): void {
    this.lease.release();
  }
}

/** Stands in for an upstream that is not configured, so its routes answer a clear 503. */
export class MissingUpstream extends RpcClient {
  constructor(readonly name: UpstreamName) {
    super();
  }

  acquire(): Promise<HeldSession> {
    const variable = `${this.name.toUpperCase()}_URL`;
    return Promise.reject(
      new GatewayError({
        status: 503,
        code: 'UPSTREAM_NOT_CONFIGURED',
        title: 'Upstream not configured',
        detail: `This gateway has no ${this.name === 'fmg' ? 'FortiManager' : 'FortiAnalyzer'} (${variable} is not set).`,
      }),
    );
  }

  stats(): undefined {
    return undefined;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
