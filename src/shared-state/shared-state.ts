import { randomUUID } from 'node:crypto';

/**
 * A client's hits after one more, in windows of fixed length that start with its first hit and follow one
 * another while it keeps sending (a pause of two windows starts afresh).
 */
export interface WindowHits {
  /** Hits in the current window, this one included. */
  current: number;
  /** Hits in the window just before it. */
  previous: number;
  /** How far into the current window this hit came. */
  elapsedMs: number;
}

/**
 * State that replicas of the gateway must agree on: session budget, change-set ownership, rate-limit
 * counters, idempotency records, FortiAnalyzer search ids. One instance (no REDIS_URL) keeps it in memory;
 * with REDIS_URL every replica reads and writes the same Redis.
 *
 * Values are JSON: both implementations store a serialised copy, so a caller never shares an object with
 * the store, and `deleteIf` compares what was stored, not object identity. Every operation that decides
 * something (set-if-absent, compare-and-delete, counters, slots) is atomic in both implementations.
 *
 * Also the DI token: inject `SharedState`.
 */
export abstract class SharedState {
  abstract readonly kind: 'memory' | 'redis';
  /** Names this process among the replicas (lease holders, change-set records). */
  readonly replicaId = `${process.pid}-${randomUUID().slice(0, 8)}`;

  abstract get<T>(key: string): Promise<T | undefined>;
  abstract set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** Stores only if the key is absent; true when this call stored it. */
  abstract setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  abstract delete(key: string): Promise<void>;
  /** Deletes only while the stored value equals `expected`: an owner gives back only what it still owns. */
  abstract deleteIf(key: string, expected: unknown): Promise<boolean>;
  /** Extends the TTL only while the stored value equals `expected`; false when it is gone or someone else's. */
  abstract touchIf(key: string, expected: unknown, ttlMs: number): Promise<boolean>;
  /** Counts a hit in the current window (see WindowHits) and tells the current and the previous counts. */
  abstract countHit(key: string, windowMs: number): Promise<WindowHits>;

  /**
   * A counting semaphore of `limit` slots whose leases expire after `ttlMs` unless renewed, so the slots
   * of a replica that died come back on their own. True when `holder` now has a slot (or already had one).
   */
  abstract acquireSlot(semaphore: string, holder: string, limit: number, ttlMs: number): Promise<boolean>;
  /** Renews a lease; false when it had expired (the slot may be someone else's now). */
  abstract renewSlot(semaphore: string, holder: string, ttlMs: number): Promise<boolean>;
  abstract releaseSlot(semaphore: string, holder: string): Promise<void>;
  /** Holders of unexpired leases. */
  abstract slotHolders(semaphore: string): Promise<string[]>;

  /**
   * Tells the other replicas something that is worth knowing now but harmless to miss (at most once,
   * no history: a replica that is not listening at that moment never hears it), e.g. "this changed".
   */
  abstract broadcast(channel: string, message: unknown): Promise<void>;
  /** What the *other* replicas broadcast on `channel`; this replica's own messages are not delivered. */
  abstract onBroadcast(channel: string, listener: (message: unknown) => void): void;

  abstract close(): Promise<void>;
}

/** What `deleteIf`/`touchIf` compare: the serialised value. */
export function serialise(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('Shared state values must be JSON-serialisable');
  return json;
}
