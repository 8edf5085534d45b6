import { GatewayError } from '../../common/errors/gateway-error';
import type { RpcParam, RpcResult } from '../transport/jsonrpc.types';

/**
 * Upstream protection for one upstream (issue #8): FortiManager is easily overloaded, so the gateway
 * bounds the JSON-RPC calls it has in flight, lets identical concurrent reads share one call, and can
 * keep read answers for a short time. The pieces are here; UpstreamClient (rpc-client.ts) wires them.
 */

/** Counters for one upstream, meant to be exported as metrics. All counts are since start. */
export interface ProtectionStats {
  /** Upper bound on JSON-RPC calls in flight to this upstream. */
  maxConcurrency: number;
  inFlight: number;
  /** Most calls ever in flight at once. */
  peakInFlight: number;
  /** Calls waiting for a free slot right now. */
  queued: number;
  /** Calls refused with 503 because no slot freed in time or the queue was full. */
  rejected: number;
  /** Reads answered by joining an identical read already in flight. */
  coalesced: number;
  /** Reads sent in one JSON-RPC call with other reads (read-batcher.ts). */
  batched: number;
  cacheHits: number;
  /** Cacheable reads that found nothing cached (always 0 while the cache is off). */
  cacheMisses: number;
  cacheEntries: number;
  cacheBytes: number;
  /** Cached entries dropped because a write through the gateway touched them. */
  cacheInvalidations: number;
}

export interface LimiterOptions {
  /** Upstream name, for errors. */
  name: string;
  maxConcurrency: number;
  queueTimeoutMs: number;
  maxQueue: number;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A counting semaphore with a bounded FIFO queue and a bounded wait. It sits around every JSON-RPC
 * HTTP call (whatever the auth mode), so it also bounds API-key mode, which holds no sessions.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private peak = 0;
  private refused = 0;
  private readonly waiters: Waiter[] = [];

  constructor(private readonly options: LimiterOptions) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Every slot taken: a call now would wait. */
  full(): boolean {
    return this.active >= this.options.maxConcurrency;
  }

  stats(): Pick<ProtectionStats, 'maxConcurrency' | 'inFlight' | 'peakInFlight' | 'queued' | 'rejected'> {
    return {
      maxConcurrency: this.options.maxConcurrency,
      inFlight: this.active,
      peakInFlight: this.peak,
      queued: this.waiters.length,
      rejected: this.refused,
    };
  }

  /** Shutdown: nobody waits any more. */
  close(): void {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(this.busy('The gateway is shutting down.'));
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.maxConcurrency) {
      this.take();
      return Promise.resolve();
    }
    if (this.waiters.length >= this.options.maxQueue) {
      this.refused++;
      return Promise.reject(this.busy(`${this.active} calls are in flight and the queue is full.`));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          this.refused++;
          reject(
            this.busy(
              `${this.active} calls are in flight and none finished within ${this.options.queueTimeoutMs} ms.`,
            ),
          );
        }, this.options.queueTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private take(): void {
    this.active++;
    if (this.active > this.peak) this.peak = this.active;
  }

  /** The slot goes straight to the next waiter, so a burst cannot overtake the queue. */
  private release(): void {
    const next = this.waiters.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve();
    } else {
      this.active--;
    }
  }

  private busy(detail: string): GatewayError {
    return new GatewayError('UPSTREAM_BUSY', `${this.options.name}: ${detail}`, {
      extensions: { retryable: true },
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(this.options.queueTimeoutMs / 1000))) },
    });
  }
}

/** `/pm/config/…/` and `pm/config/…` are the same url to FMG. */
export function normalizeUrl(url: string): string {
  return url.replace(/^\/+/, '').replace(/\/+$/, '');
}

/**
 * Only configuration reads are cached: device state, workspace locks, tasks and system status change
 * behind the gateway's back (or are polled for progress) and must always be asked afresh.
 */
const CACHEABLE = /^pm\/(config|pkg)\//;

/**
 * What a write to `url` may have changed, as a url prefix; `undefined` means "anything". A write in an
 * ADOM (or a device DB) drops that whole scope, not just the table: FMG updates references across tables
 * (a renamed address in its groups and policies, where-used answers), and writes are rare next to reads.
 * Writes elsewhere (global objects, packages, dvmdb, exec such as workspace commit) drop everything.
 */
export function invalidationScope(url: string): string | undefined {
  const match = /^pm\/config\/(adom|device)\/([^/]+)(\/|$)/.exec(normalizeUrl(url));
  return match ? `pm/config/${match[1]}/${match[2]}` : undefined;
}

function under(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`);
}

interface CacheEntry {
  urls: string[];
  /** JSON text: every hit parses its own copy, so no caller can alter what another one gets. */
  json: string;
  expires: number;
}

export interface ReadCacheOptions {
  ttlMs: number;
  maxBytes: number;
}

/** A short-TTL cache of whole read answers, bounded in bytes, oldest evicted first. */
export class ReadCache {
  private readonly entries = new Map<string, CacheEntry>();
  private bytes = 0;
  hits = 0;
  misses = 0;
  invalidations = 0;

  constructor(private readonly options: ReadCacheOptions) {}

  static cacheable(params: RpcParam[]): boolean {
    return params.every((p) => CACHEABLE.test(normalizeUrl(p.url)));
  }

  get(key: string): RpcResult[] | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expires > Date.now()) {
      this.hits++;
      return JSON.parse(entry.json) as RpcResult[];
    }
    if (entry) this.drop(key, entry);
    this.misses++;
    return undefined;
  }

  set(key: string, urls: string[], json: string): void {
    // Twice the UTF-16 length: a fair bound on what the string costs in memory.
    const size = json.length * 2;
    if (size > this.options.maxBytes / 4) return; // one huge answer must not flush everything else
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { urls: urls.map(normalizeUrl), json, expires: Date.now() + this.options.ttlMs });
    this.bytes += size;
    // Insertion order is expiry order (one TTL), so expired and over-budget entries are at the front.
    const now = Date.now();
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.options.maxBytes && e.expires > now) break;
      this.drop(k, e);
    }
  }

  /** Drops entries with a url under `prefix` (everything when `prefix` is undefined). */
  invalidate(prefix: string | undefined): void {
    for (const [key, entry] of this.entries) {
      if (prefix === undefined || entry.urls.some((u) => under(u, prefix))) {
        this.drop(key, entry);
        this.invalidations++;
      }
    }
  }

  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private drop(key: string, entry: CacheEntry): void {
    this.entries.delete(key);
    this.bytes -= entry.json.length * 2;
  }
}

/** Does a read of these urls fall under a write's invalidation scope? */
export function touches(urls: string[], prefix: string | undefined): boolean {
  return prefix === undefined || urls.some((u) => under(normalizeUrl(u), prefix));
}

/** Freezes a JSON value and everything in it (answers shared between readers); returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
