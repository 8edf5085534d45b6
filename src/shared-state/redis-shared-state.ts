import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { serialise, SharedState, WindowHits } from './shared-state';

/**
 * Lua runs atomically in Redis, so no read-modify-write race exists between replicas. Lease expiry uses
 * Redis' own clock (TIME), never the replicas', so clock skew between gateway hosts cannot steal slots.
 */
const NOW_MS = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** The semaphore key lives as long as its longest lease, so an abandoned one disappears by itself. */
const KEEP_SEMAPHORE = `local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIREAT', KEYS[1], last[2]) end`;

const SCRIPTS = {
  frDeleteIf: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  frTouchIf: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  // ARGV: windowMs. One hash per client: anchor, window index, hits in it and in the one before.
  frCountHit: `${NOW_MS}
local win = tonumber(ARGV[1])
local h = redis.call('HMGET', KEYS[1], 'a', 'w', 'c', 'p')
local a = tonumber(h[1]) or now
local w = math.floor((now - a) / win)
local known = tonumber(h[2])
local c, p = 0, 0
if known == w then c, p = tonumber(h[3]), tonumber(h[4])
elseif known == w - 1 then p = tonumber(h[3]) end
c = c + 1
redis.call('HSET', KEYS[1], 'a', string.format('%d', a), 'w', w, 'c', c, 'p', p)
redis.call('PEXPIRE', KEYS[1], 2 * win)
return {c, p, now - a - w * win}`,
  // ARGV: holder, limit, ttlMs
  frAcquireSlot: `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  ${KEEP_SEMAPHORE}
  return 1
end
return 0`,
  // ARGV: holder, ttlMs
  frRenewSlot: `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
${KEEP_SEMAPHORE}
return 1`,
  frSlotHolders: `${NOW_MS}
return redis.call('ZRANGE', KEYS[1], '(' .. now, '+inf', 'BYSCORE')`,
} as const;

type Scripts = {
  [name in keyof typeof SCRIPTS]: (key: string, ...args: (string | number)[]) => Promise<unknown>;
};

export interface RedisSharedStateOptions {
  url: string;
  /** Put before every key, so several deployments (or test runs) can share one Redis. */
  keyPrefix: string;
  /** A command that gets no answer within this fails, instead of hanging a request. */
  commandTimeoutMs?: number;
}

/** Replicas share this through one Redis (REDIS_URL). */
export class RedisSharedState extends SharedState {
  readonly kind = 'redis';
  private readonly logger = new Logger('SharedState');
  private readonly redis: Redis;
  private readonly scripts: Scripts;
  private lastError?: string;
  /** A connection in subscriber mode can do nothing else: a second one, opened on the first onBroadcast. */
  private subscriber?: Redis;
  private readonly listeners = new Map<string, ((message: unknown) => void)[]>();

  constructor(private readonly options: RedisSharedStateOptions) {
    super();
    this.redis = new Redis(options.url, {
      // Fail a command soon while Redis is away rather than queueing it for ever; the caller decides.
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? 2_000,
      connectionName: `fortirest-${this.replicaId}`,
    });
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      this.redis.defineCommand(name, { lua, numberOfKeys: 1 });
    }
    this.scripts = this.redis as unknown as Scripts;
    // Log each distinct failure once, not once per reconnect attempt.
    this.redis.on('error', (err: Error) => {
      if (err.message === this.lastError) return;
      this.lastError = err.message;
      this.logger.error(`Redis: ${err.message}`);
    });
    this.redis.on('ready', () => {
      if (this.lastError) this.logger.log('Redis: connected again');
      this.lastError = undefined;
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.redis.get(this.key(key));
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.redis.set(this.key(key), serialise(value), 'PX', ttl(ttlMs));
  }

  async setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(key), serialise(value), 'PX', ttl(ttlMs), 'NX')) === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  async deleteIf(key: string, expected: unknown): Promise<boolean> {
    return (await this.scripts.frDeleteIf(this.key(key), serialise(expected))) === 1;
  }

  async touchIf(key: string, expected: unknown, ttlMs: number): Promise<boolean> {
    return (await this.scripts.frTouchIf(this.key(key), serialise(expected), ttl(ttlMs))) === 1;
  }

  async countHit(key: string, windowMs: number): Promise<WindowHits> {
    const [current, previous, elapsedMs] = (await this.scripts.frCountHit(this.key(key), ttl(windowMs))) as [
      number,
      number,
      number,
    ];
    return { current, previous, elapsedMs };
  }

  async acquireSlot(semaphore: string, holder: string, limit: number, ttlMs: number): Promise<boolean> {
    return (await this.scripts.frAcquireSlot(this.key(semaphore), holder, limit, ttl(ttlMs))) === 1;
  }

  async renewSlot(semaphore: string, holder: string, ttlMs: number): Promise<boolean> {
    return (await this.scripts.frRenewSlot(this.key(semaphore), holder, ttl(ttlMs))) === 1;
  }

  async releaseSlot(semaphore: string, holder: string): Promise<void> {
    await this.redis.zrem(this.key(semaphore), holder);
  }

  async slotHolders(semaphore: string): Promise<string[]> {
    return (await this.scripts.frSlotHolders(this.key(semaphore))) as string[];
  }

  /** Deletes every key under this instance's prefix (tests clean up after themselves with it). */
  async deleteAllKeys(): Promise<number> {
    const pattern = `${this.options.keyPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) deleted += await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  }

  /** Sends what is queued, then disconnects. */
  async broadcast(channel: string, message: unknown): Promise<void> {
    await this.redis.publish(this.key(`broadcast:${channel}`), serialise({ from: this.replicaId, message }));
  }

  onBroadcast(channel: string, listener: (message: unknown) => void): void {
    const name = this.key(`broadcast:${channel}`);
    const known = this.listeners.get(name);
    if (known) {
      known.push(listener);
      return;
    }
    this.listeners.set(name, [listener]);
    if (!this.subscriber) {
      const subscriber = this.redis.duplicate({ connectionName: `fortirest-${this.replicaId}-sub` });
      subscriber.on('error', () => undefined); // the main connection logs Redis being away
      subscriber.on('message', (channel: string, json: string) => this.deliver(channel, json));
      this.subscriber = subscriber;
    }
    this.subscriber.subscribe(name).catch((err: Error) => {
      this.logger.error(`Redis: cannot subscribe to ${channel}: ${err.message}`);
    });
  }

  async close(): Promise<void> {
    for (const connection of [this.subscriber, this.redis]) {
      if (!connection) continue;
      try {
        await connection.quit();
      } catch {
        connection.disconnect();
      }
    }
  }

  private deliver(channel: string, json: string): void {
    let envelope: { from?: unknown; message?: unknown };
    try {
      envelope = JSON.parse(json) as { from?: unknown; message?: unknown };
    } catch {
      return; // not ours: another program on the same channel name
    }
    if (envelope.from === this.replicaId) return;
    for (const listener of this.listeners.get(channel) ?? []) listener(envelope.message);
  }

  private key(key: string): string {
    return `${this.options.keyPrefix}${key}`;
  }
}

/** Redis refuses PX 0; a TTL is always at least a millisecond. */
function ttl(ms: number): number {
  return Math.max(1, Math.ceil(ms));
}
