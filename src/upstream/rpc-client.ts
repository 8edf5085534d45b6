import { Logger } from '@nestjs/common';
import {
  defaultSessionInflight,
  READ_BATCH_DEFAULT,
  type UpstreamConfig,
  type UpstreamName,
} from '../config/app-config';
import { currentContext, recordRpcResults } from '../common/context/request-context';
import { GatewayError } from '../common/errors/gateway-error';
import type { SharedState } from '../shared-state/shared-state';
import { fmgStatusToError } from './status/fmg-status.mapper';
import { FMG_NO_PERMISSION, FMG_OK, RpcMethod, RpcParam, RpcResult } from './transport/jsonrpc.types';
import type { Dialect } from './dialects/dialect';
import {
  type BreakerState,
  JsonRpcTransport,
  readingBodies,
  type TransportEvent,
} from './transport/jsonrpc-transport';
import { Authenticator, createAuthenticator } from './session-pool/authenticators';
import type { SessionBudget } from './session-pool/session-budget';
import { Lease, PoolStats, SessionPool } from './session-pool/session-pool';
import {
  ConcurrencyLimiter,
  deepFreeze,
  invalidationScope,
  ProtectionStats,
  ReadCache,
  touches,
} from './protection/upstream-protection';
import { loopLoad } from './protection/loop-load';
import { type LateParams, ReadBatcher } from './protection/read-batcher';

export type { ProtectionStats } from './protection/upstream-protection';

/** Default byte budget of the read cache when it is on. */
export const READ_CACHE_DEFAULT_BYTES = 32 * 1024 * 1024;

/** Calls that share one upstream session (and so its workspace locks). */
export abstract class RpcSession {
  abstract call(method: RpcMethod, params: RpcParam[], dialect?: Dialect): Promise<RpcResult[]>;

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
  /** Concurrency limit, coalescing and read-cache counters (undefined when not configured). */
  abstract protection(): ProtectionStats | undefined;
  /** The transport's circuit breaker (undefined when not configured). */
  abstract breakerState(): BreakerState | undefined;
  /** Subscribes to the transport's events (calls, resends, refusals); returns the unsubscribe. */
  abstract observe(listener: (event: TransportEvent) => void): () => void;
  abstract close(): Promise<void>;

  async exclusive<T>(fn: (session: RpcSession) => Promise<T>): Promise<T> {
    const held = await this.acquire();
    try {
      return await fn(held);
    } finally {
      held.release();
    }
  }

  call(method: RpcMethod, params: RpcParam[], dialect?: Dialect): Promise<RpcResult[]> {
    return this.exclusive((session) => session.call(method, params, dialect));
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

/** A read in flight that identical reads may join. */
interface Flight {
  urls: string[];
  joined: number;
  done: Promise<RpcResult[]>;
}

export interface ProtectionOptions {
  limiter: ConcurrencyLimiter;
  /** Undefined: no read cache (the default). */
  cache?: ReadCache;
  coalesce: boolean;
  /** Most params of concurrent reads sent as one call; 1 or unset: every read alone. */
  batchMax?: number;
  /**
   * The other replicas (REDIS_URL): each write here is announced so that their read caches drop what it
   * may have changed within milliseconds rather than at the TTL. Only with a read cache.
   */
  peers?: Pick<SharedState, 'broadcast' | 'onBroadcast'>;
}

/** A write's invalidation scopes as broadcast to the other replicas (null: everything). */
interface WriteNotice {
  scopes: (string | null)[];
}

const isWriteNotice = (m: unknown): m is WriteNotice =>
  typeof m === 'object' &&
  m !== null &&
  Array.isArray((m as WriteNotice).scopes) &&
  (m as WriteNotice).scopes.every((x) => x === null || typeof x === 'string');

/**
 * The caller's ADOM allow-list, part of every shared-read key: an answer is only ever shared among
 * callers with the same permission context, so a restricted client can only receive what a call of
 * its own would have fetched, even if a later change made upstream answers depend on the caller.
 */
function permissionContext(): string {
  const adoms = currentContext()?.adoms;
  return adoms ? [...adoms].sort().join(',') : '-';
}

/**
 * A configured upstream: transport + authenticator + session pool, and the one rule about -11.
 * If every result says -11 the session is presumed stale: log in again once and resend. Nothing
 * ran (FMG checks the session before executing), so resending is safe for writes too. A -11 on only
 * some items is a permission answer (the others ran), so nothing is resent.
 *
 * Upstream protection (upstream-protection.ts): every JSON-RPC HTTP call passes the concurrency
 * limiter; pooled `get` calls (not those on a held session, which may see an uncommitted workspace)
 * join an identical one in flight and, when the read cache is on, are answered from it. Every write
 * drops the cached and in-flight reads it may have changed, before it is sent and again after.
 */
export class UpstreamClient extends RpcClient {
  private readonly logger: Logger;
  readonly name: UpstreamName;
  private readonly limiter: ConcurrencyLimiter;
  private readonly cache?: ReadCache;
  private readonly coalesce: boolean;
  private readonly flights = new Map<string, Flight>();
  private readonly batcher?: ReadBatcher;
  /** Bumped before and after every write: a read that overlapped a write is not cached. */
  private writeEpoch = 0;
  private coalesced = 0;
  private readonly peers?: ProtectionOptions['peers'];
  private readonly writesChannel: string;

  constructor(
    private readonly transport: JsonRpcTransport,
    private readonly auth: Authenticator,
    private readonly pool: SessionPool,
    protection: ProtectionOptions,
  ) {
    super();
    this.name = transport.config.name;
    this.logger = new Logger(`Upstream:${this.name}`);
    this.limiter = protection.limiter;
    this.cache = protection.cache;
    this.coalesce = protection.coalesce;
    const batchMax = protection.batchMax ?? 1;
    if (batchMax > 1) {
      this.batcher = new ReadBatcher(
        this.name,
        batchMax,
        (late) => this.leased('get', late),
        () => this.limiter.full() || loopLoad.busy(),
      );
    }
    this.writesChannel = `writes:${this.name}`;
    this.peers = this.cache ? protection.peers : undefined;
    this.peers?.onBroadcast(this.writesChannel, (notice) => {
      if (isWriteNotice(notice)) this.dropReads(notice.scopes.map((x) => x ?? undefined));
    });
  }

  static create(
    config: UpstreamConfig,
    budget?: SessionBudget,
    peers?: ProtectionOptions['peers'],
  ): UpstreamClient {
    const transport = new JsonRpcTransport(config);
    const auth = createAuthenticator(transport, config.auth);
    const inflight = config.sessionMaxInflight ?? defaultSessionInflight(config.auth);
    const pool = new SessionPool(auth, {
      name: config.name,
      maxSessions: config.maxSessions,
      queueTimeoutMs: config.queueTimeoutMs,
      maxQueue: config.maxQueue,
      sessionIdleMs: config.sessionIdleMs,
      budget,
      maxInflight: inflight,
    });
    const limiter = new ConcurrencyLimiter({
      name: config.name,
      maxConcurrency: config.maxConcurrency ?? config.maxSessions * inflight,
      queueTimeoutMs: config.queueTimeoutMs,
      maxQueue: config.maxQueue,
    });
    const cache = config.readCacheTtlMs
      ? new ReadCache({
          ttlMs: config.readCacheTtlMs,
          maxBytes: config.readCacheMaxBytes ?? READ_CACHE_DEFAULT_BYTES,
        })
      : undefined;
    return new UpstreamClient(transport, auth, pool, {
      limiter,
      cache,
      coalesce: config.coalesceReads ?? true,
      batchMax: config.readBatchMax ?? READ_BATCH_DEFAULT,
      peers,
    });
  }

  override call(method: RpcMethod, params: RpcParam[], dialect?: Dialect): Promise<RpcResult[]> {
    if (method !== 'get' || (!this.coalesce && !this.cache)) return this.pooled(method, params, dialect);
    return this.sharedRead(params, dialect);
  }

  /**
   * One call on a pooled session. Reads may share theirs with other reads (SESSION_MAX_INFLIGHT); anything
   * else owns it for the call, as do sequences through acquire() (workspace lock, writes, commit, unlock).
   */
  private pooled(method: RpcMethod, params: RpcParam[], dialect?: Dialect): Promise<RpcResult[]> {
    // Reads of the classic dialect may go out together (read-batcher.ts); not those whose answer is read
    // by a body reader of their own (the log export), nor the analytics dialect (one url per call).
    if (this.batcher && method === 'get' && dialect !== 'faz-analytics' && !readingBodies()) {
      return this.batcher.read(params);
    }
    return this.leased(method, params, dialect);
  }

  /** One call on a pooled session; its params may be given late (a batch that fills while it waits). */
  private async leased(
    method: RpcMethod,
    params: RpcParam[] | LateParams,
    dialect?: Dialect,
  ): Promise<RpcResult[]> {
    const lease = await this.pool.lease({ shared: method === 'get' });
    try {
      return await this.callOn(lease, method, params, dialect);
    } finally {
      lease.release();
    }
  }

  async acquire(): Promise<HeldSession> {
    const lease = await this.pool.lease();
    return new LeasedSession(lease, (method, params, dialect) => this.callOn(lease, method, params, dialect));
  }

  private async sharedRead(params: RpcParam[], dialect?: Dialect): Promise<RpcResult[]> {
    const key = `${permissionContext()}\n${dialect ?? ''}\n${JSON.stringify(params)}`;
    const cache = this.cache && ReadCache.cacheable(params) ? this.cache : undefined;
    const hit = cache?.get(key);
    if (hit) return hit;
    const running = this.coalesce ? this.flights.get(key) : undefined;
    if (running) {
      running.joined++;
      this.coalesced++;
      return running.done;
    }
    const epoch = this.writeEpoch;
    const flight: Flight = { urls: params.map((p) => p.url), joined: 0, done: Promise.resolve([]) };
    const settle = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    // The first reaction to the answer, so it runs before the leader (or anyone) sees it; and the
    // flight leaves the map in the same step, so nobody joins once it has been frozen.
    flight.done = this.pooled('get', params, dialect).then(
      (results) => {
        settle();
        // Readers share one answer rather than a parsed copy each (64 readers of a 500-row list were
        // 64 copies); frozen, so no reader can alter what another receives.
        if (flight.joined > 0) deepFreeze(results);
        if (cache && epoch === this.writeEpoch && results.every((r) => r.status.code === FMG_OK)) {
          cache.set(key, flight.urls, JSON.stringify(results));
        }
        return results;
      },
      (err: unknown) => {
        settle();
        throw err;
      },
    );
    if (this.coalesce) this.flights.set(key, flight);
    return flight.done;
  }

  private async callOn(
    lease: Lease,
    method: RpcMethod,
    params: RpcParam[] | LateParams,
    dialect?: Dialect,
  ): Promise<RpcResult[]> {
    const used = await lease.current();
    // Late params are taken once, when the first attempt goes out; a resend sends the same.
    let taken = typeof params === 'function' ? undefined : params;
    const take = () => (taken ??= (params as LateParams)());
    const first = await this.send(used, method, take, dialect);
    if (this.auth.kind !== 'session' || !first.every((r) => r.status.code === FMG_NO_PERMISSION)) {
      return first;
    }
    // Sharers that saw the same -11 get one re-login between them, then each resends once.
    await lease.relogin(used);
    return this.send(await lease.current(), method, take, dialect);
  }

  stats(): PoolStats {
    return this.pool.stats();
  }

  protection(): ProtectionStats {
    const cache = this.cache?.size();
    return {
      ...this.limiter.stats(),
      coalesced: this.coalesced,
      batched: this.batcher?.batched ?? 0,
      cacheHits: this.cache?.hits ?? 0,
      cacheMisses: this.cache?.misses ?? 0,
      cacheEntries: cache?.entries ?? 0,
      cacheBytes: cache?.bytes ?? 0,
      cacheInvalidations: this.cache?.invalidations ?? 0,
    };
  }

  breakerState(): BreakerState {
    return this.transport.breakerState();
  }

  observe(listener: (event: TransportEvent) => void): () => void {
    return this.transport.observe(listener);
  }

  async close(): Promise<void> {
    this.limiter.close();
    await this.pool.close();
    this.transport.destroy();
  }

  /** `take` gives the params; a read takes them only once it has its limiter slot. */
  private async send(
    session: string | undefined,
    method: RpcMethod,
    take: LateParams,
    dialect?: Dialect,
  ): Promise<RpcResult[]> {
    const written = method !== 'get' ? take() : undefined;
    if (written) this.invalidate(written);
    try {
      const started = Date.now();
      let params: RpcParam[] = [];
      const { result } = await this.limiter.run(() => {
        params = take();
        return this.transport.send(method, params, { session, headers: this.auth.headers(), dialect });
      });
      recordRpcResults(this.name, method, params, result);
      this.logger.debug(
        `${method} ${params.map((p) => p.url).join(', ')} → ${result.map((r) => r.status.code).join(',')} (${Date.now() - started} ms)`,
      );
      return result;
    } finally {
      // Again once the write is done: a read that started meanwhile may hold the old state. The other
      // replicas hear of it now (whether the write succeeded or not: dropping a cached read is harmless).
      if (written) this.invalidate(written, true);
    }
  }

  /** A write: cached reads it may have changed are dropped, and new reads no longer join old ones. */
  private invalidate(params: RpcParam[], announce = false): void {
    const scopes = params.map((p) => invalidationScope(p.url));
    const targets = scopes.includes(undefined) ? [undefined] : [...new Set(scopes)];
    this.dropReads(targets);
    if (announce && this.peers) {
      const notice: WriteNotice = { scopes: targets.map((x) => x ?? null) };
      this.peers.broadcast(this.writesChannel, notice).catch((err: Error) => {
        this.logger.warn(`Could not tell the other replicas about a write: ${err.message}`);
      });
    }
  }

  /** Scopes written here or on another replica (undefined: anything). */
  private dropReads(targets: (string | undefined)[]): void {
    this.writeEpoch++;
    for (const scope of targets) {
      this.cache?.invalidate(scope);
      for (const [key, flight] of this.flights) {
        if (touches(flight.urls, scope)) this.flights.delete(key);
      }
    }
  }
}

class LeasedSession extends HeldSession {
  constructor(
    private readonly lease: Lease,
    private readonly send: (method: RpcMethod, params: RpcParam[], dialect?: Dialect) => Promise<RpcResult[]>,
  ) {
    super();
  }
  call(method: RpcMethod, params: RpcParam[], dialect?: Dialect): Promise<RpcResult[]> {
    return this.send(method, params, dialect);
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
      new GatewayError(
        'UPSTREAM_NOT_CONFIGURED',
        `This gateway has no ${this.name === 'fmg' ? 'FortiManager' : 'FortiAnalyzer'} (${variable} is not set).`,
      ),
    );
  }

  stats(): undefined {
    return undefined;
  }

  protection(): undefined {
    return undefined;
  }

  breakerState(): undefined {
    return undefined;
  }

  observe(): () => void {
    return () => undefined;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
