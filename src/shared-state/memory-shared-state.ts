import { serialise, SharedState, WindowHits } from './shared-state';

interface Entry {
  json: string;
  expiresAt: number;
}

/** A client's windows: anchored at its first hit, `index` windows after it. */
interface Windows {
  anchor: number;
  index: number;
  current: number;
  previous: number;
}

/** The same steps as the Redis script `frCountHit`. */
function nextWindows(known: Windows | undefined, now: number, windowMs: number): Windows {
  const anchor = known?.anchor ?? now;
  const index = Math.floor((now - anchor) / windowMs);
  let current = 0;
  let previous = 0;
  if (known && index === known.index) ({ current, previous } = known);
  else if (known && index === known.index + 1) previous = known.current;
  return { anchor, index, current: current + 1, previous };
}

/** Enough for a busy single instance; beyond it the oldest entries go first (idempotency records are big). */
const MAX_ENTRIES = 100_000;
const SWEEP_MS = 30_000;

/**
 * One instance: everything in this process. Single-threaded JavaScript makes each method atomic as long
 * as it does not await, and none does. Expired entries are dropped when read and by a periodic sweep.
 */
export class MemorySharedState extends SharedState {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();
  private readonly semaphores = new Map<string, Map<string, number>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly maxEntries = MAX_ENTRIES) {
    super();
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  get<T>(key: string): Promise<T | undefined> {
    const entry = this.live(key);
    return Promise.resolve(entry ? (JSON.parse(entry.json) as T) : undefined);
  }

  set(key: string, value: unknown, ttlMs: number): Promise<void> {
    this.put(key, serialise(value), ttlMs);
    return Promise.resolve();
  }

  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return Promise.resolve(false);
    this.put(key, serialise(value), ttlMs);
    return Promise.resolve(true);
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  deleteIf(key: string, expected: unknown): Promise<boolean> {
    const entry = this.live(key);
    if (!entry || entry.json !== serialise(expected)) return Promise.resolve(false);
    this.entries.delete(key);
    return Promise.resolve(true);
  }

  touchIf(key: string, expected: unknown, ttlMs: number): Promise<boolean> {
    const entry = this.live(key);
    if (!entry || entry.json !== serialise(expected)) return Promise.resolve(false);
    entry.expiresAt = Date.now() + ttlMs;
    return Promise.resolve(true);
  }

  countHit(key: string, windowMs: number): Promise<WindowHits> {
    const now = Date.now();
    const entry = this.live(key);
    const known = entry ? (JSON.parse(entry.json) as Windows) : undefined;
    const windows = nextWindows(known, now, windowMs);
    this.put(key, JSON.stringify(windows), 2 * windowMs);
    return Promise.resolve({
      current: windows.current,
      previous: windows.previous,
      elapsedMs: now - windows.anchor - windows.index * windowMs,
    });
  }

  acquireSlot(semaphore: string, holder: string, limit: number, ttlMs: number): Promise<boolean> {
    const leases = this.leases(semaphore);
    if (!leases.has(holder) && leases.size >= limit) return Promise.resolve(false);
    leases.set(holder, Date.now() + ttlMs);
    return Promise.resolve(true);
  }

  renewSlot(semaphore: string, holder: string, ttlMs: number): Promise<boolean> {
    const leases = this.leases(semaphore);
    if (!leases.has(holder)) return Promise.resolve(false);
    leases.set(holder, Date.now() + ttlMs);
    return Promise.resolve(true);
  }

  releaseSlot(semaphore: string, holder: string): Promise<void> {
    this.semaphores.get(semaphore)?.delete(holder);
    return Promise.resolve();
  }

  slotHolders(semaphore: string): Promise<string[]> {
    return Promise.resolve([...this.leases(semaphore).keys()]);
  }

  /** One instance: there is no other replica to tell. */
  broadcast(): Promise<void> {
    return Promise.resolve();
  }

  onBroadcast(): void {}

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
    this.semaphores.clear();
    return Promise.resolve();
  }

  /** Unexpired leases of a semaphore (expired ones are dropped here). */
  private leases(semaphore: string): Map<string, number> {
    let leases = this.semaphores.get(semaphore);
    if (!leases) {
      leases = new Map();
      this.semaphores.set(semaphore, leases);
    }
    const now = Date.now();
    for (const [holder, expiresAt] of leases) if (expiresAt <= now) leases.delete(holder);
    return leases;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, json: string, ttlMs: number): void {
    // Re-inserted at the end, so Map order is roughly "least recently written first" for eviction.
    this.entries.delete(key);
    this.entries.set(key, { json, expiresAt: Date.now() + ttlMs });
    if (this.entries.size > this.maxEntries) {
      this.sweep();
      for (const oldest of this.entries.keys()) {
        if (this.entries.size <= this.maxEntries) break;
        this.entries.delete(oldest);
      }
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    for (const [name, leases] of this.semaphores) {
      for (const [holder, expiresAt] of leases) if (expiresAt <= now) leases.delete(holder);
      if (leases.size === 0) this.semaphores.delete(name);
    }
  }
}
