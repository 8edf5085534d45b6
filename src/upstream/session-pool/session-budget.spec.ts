import { randomUUID } from 'node:crypto';
import { MemorySharedState } from '../../shared-state/memory-shared-state';
import { RedisSharedState } from '../../shared-state/redis-shared-state';
import { SharedState } from '../../shared-state/shared-state';
import { Authenticator } from './authenticators';
import { SharedSessionBudget } from './session-budget';
import { PoolOptions, SessionPool } from './session-pool';
import { setTimeout as sleep } from 'node:timers/promises';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One upstream account seen by every replica: counts live sessions and their high-water mark. */
class Upstream {
  live = new Set<string>();
  maxLive = 0;
  loggedOut: string[] = [];
  private n = 0;
  login(): string {
    const s = `s${++this.n}`;
    this.live.add(s);
    this.maxLive = Math.max(this.maxLive, this.live.size);
    return s;
  }
}

class FakeAuth implements Authenticator {
  readonly kind = 'session';
  constructor(private readonly upstream: Upstream) {}
  async login(): Promise<string> {
    await sleep(2);
    return this.upstream.login();
  }
  async logout(session: string): Promise<void> {
    await sleep(2);
    this.upstream.live.delete(session);
    this.upstream.loggedOut.push(session);
  }
  headers() {
    return {};
  }
  concurrencyLimit() {
    return Promise.resolve(undefined);
  }
  close() {
    return Promise.resolve();
  }
}

/**
 * Pools of several replicas on one shared budget. Memory: replicas in one process on one store (what the
 * abstraction promises); Redis: each replica its own connection, as separate processes would have.
 */
describe.each([
  ['memory', () => new MemorySharedState()],
  ['redis', (keyPrefix: string) => new RedisSharedState({ url: TEST_REDIS_URL, keyPrefix })],
] as const)('SessionPool with a shared budget (%s)', (kind, create) => {
  const keyPrefix = `fortirest-test:${randomUUID()}:`;
  let upstream: Upstream;
  let states: SharedState[];
  let pools: SessionPool[];
  let semaphore: string;

  beforeEach(() => {
    upstream = new Upstream();
    states = [];
    pools = [];
    semaphore = `sessions:test:${randomUUID()}`;
  });
  afterEach(async () => {
    await Promise.all(pools.map((p) => p.close()));
    for (const s of new Set(states)) {
      if (s instanceof RedisSharedState) await s.deleteAllKeys();
      await s.close();
    }
  });

  function replica(limit: number, o: Partial<PoolOptions> = {}, ttlMs = 30_000) {
    const state = kind === 'memory' && states.length > 0 ? states[0] : create(keyPrefix);
    states.push(state);
    const budget = new SharedSessionBudget(state, semaphore, limit, ttlMs, 20);
    const pool = new SessionPool(new FakeAuth(upstream), {
      name: 'fmg',
      maxSessions: limit,
      queueTimeoutMs: 5_000,
      maxQueue: 100,
      sessionIdleMs: 60_000,
      drainMs: 200,
      budget,
      ...o,
    });
    pools.push(pool);
    return { pool, budget };
  }

  it('should never let replicas hold more sessions together than the budget, and serve every caller', async () => {
    const a = replica(3);
    const b = replica(3);
    const work = async (pool: SessionPool) => {
      const lease = await pool.lease();
      expect(lease.session).toBeDefined();
      await sleep(5);
      lease.release();
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => work(i % 2 ? a.pool : b.pool)));
    expect(upstream.maxLive).toBeLessThanOrEqual(3);
    expect(a.pool.stats().logins).toBeGreaterThan(0);
    expect(b.pool.stats().logins).toBeGreaterThan(0);
    expect((await a.budget.holders()).length).toBeLessThanOrEqual(3);
  });

  it('should log an idle session out when another replica waits for the budget', async () => {
    const a = replica(1);
    const b = replica(1);
    const first = await a.pool.lease();
    const idle = first.session;
    first.release();
    const lease = await b.pool.lease();
    expect(upstream.loggedOut).toContain(idle);
    expect([...upstream.live]).toEqual([lease.session]);
    expect(upstream.maxLive).toBe(1);
    lease.release();
  });

  it('should give budget slots back on close', async () => {
    const a = replica(2);
    const leases = [await a.pool.lease(), await a.pool.lease()];
    expect(await a.budget.holders()).toHaveLength(2);
    leases.forEach((l) => l.release());
    await a.pool.close();
    expect(await a.budget.holders()).toEqual([]);
    expect(upstream.live.size).toBe(0);
  });

  it("should get a dead replica's slot once its lease expires, while renewals keep a live one's", async () => {
    // Renewals run every ttl/3: 600 ms tolerates a 400 ms stall of a loaded CI worker (200 ms did not).
    const ttlMs = 600;
    const living = replica(2, {}, ttlMs);
    const held = await living.pool.lease();
    // A replica that took a slot and died: nobody renews it.
    const dead = new SharedSessionBudget(states[0], semaphore, 2, ttlMs);
    expect(await dead.tryAcquire()).toBeDefined();
    const late = replica(2, { queueTimeoutMs: 3_000 }, ttlMs);
    const lease = await late.pool.lease(); // waits for the dead lease to expire, not for `held`
    await sleep(ttlMs * 2); // several TTLs: the living replica's lease has been renewed meanwhile
    const holders = await late.budget.holders();
    expect(holders).toHaveLength(2);
    expect(holders.filter((h) => h.startsWith(`${living.budget.holderId}:`))).toHaveLength(1);
    expect(holders.filter((h) => h.startsWith(`${late.budget.holderId}:`))).toHaveLength(1);
    expect(upstream.maxLive).toBe(2);
    lease.release();
    held.release();
  });

  it('should answer 503 when the budget stays taken for the whole queue time', async () => {
    const a = replica(1);
    const b = replica(1, { queueTimeoutMs: 150 });
    const held = await a.pool.lease();
    await expect(b.pool.lease()).rejects.toMatchObject({ status: 503, code: 'UPSTREAM_BUSY' });
    held.release();
  });
});
