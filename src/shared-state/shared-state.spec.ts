import { randomUUID } from 'node:crypto';
import { MemorySharedState } from './memory-shared-state';
import { RedisSharedState } from './redis-shared-state';
import { SharedState } from './shared-state';
import { setTimeout as sleep } from 'node:timers/promises';

/** The Redis the tests (and CI) use; each run works under its own random prefix and deletes it after. */
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Replicas {
  a: SharedState;
  b: SharedState;
  cleanup: () => Promise<void>;
}

/**
 * One contract, two implementations. "Replicas" are two instances: for Redis two connections under one
 * prefix; for memory both names point at one store (memory is one instance by definition).
 */
describe.each([
  [
    'memory',
    (): Replicas => {
      const one = new MemorySharedState();
      return { a: one, b: one, cleanup: () => Promise.resolve() };
    },
  ],
  [
    'redis',
    (): Replicas => {
      const keyPrefix = `fortirest-test:${randomUUID()}:`;
      const a = new RedisSharedState({ url: TEST_REDIS_URL, keyPrefix });
      const b = new RedisSharedState({ url: TEST_REDIS_URL, keyPrefix });
      return { a, b, cleanup: async () => void (await a.deleteAllKeys()) };
    },
  ],
] as const)('SharedState (%s)', (_kind, create) => {
  let a: SharedState;
  let b: SharedState;
  let cleanup: () => Promise<void>;

  beforeAll(() => {
    ({ a, b, cleanup } = create());
  });
  afterAll(async () => {
    await cleanup();
    await a.close();
    if (b !== a) await b.close();
  });

  const key = () => `k:${randomUUID()}`;

  it('should store JSON values with a TTL, readable by every replica, and delete them', async () => {
    const k = key();
    const value = { id: 'search-1', rows: [1, 2], nested: { ok: true } };
    await a.set(k, value, 5_000);
    expect(await b.get(k)).toEqual(value);
    await b.delete(k);
    expect(await a.get(k)).toBeUndefined();
    await a.set(k, 'short', 50);
    await sleep(120);
    expect(await b.get(k)).toBeUndefined();
  });

  it('should store if absent exactly once among concurrent callers', async () => {
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).setIfAbsent(k, { by: i }, 5_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await a.get(k)).toEqual({ by: winner });
  });

  it('should delete or extend only while the stored value is the expected one', async () => {
    const k = key();
    await a.set(k, { owner: 'r1' }, 200);
    expect(await b.deleteIf(k, { owner: 'r2' })).toBe(false);
    expect(await b.touchIf(k, { owner: 'r2' }, 5_000)).toBe(false);
    expect(await b.touchIf(k, { owner: 'r1' }, 5_000)).toBe(true);
    await sleep(300); // past the first TTL: the touch extended it
    expect(await a.get(k)).toEqual({ owner: 'r1' });
    expect(await b.deleteIf(k, { owner: 'r1' })).toBe(true);
    expect(await a.get(k)).toBeUndefined();
    expect(await a.touchIf(k, { owner: 'r1' }, 5_000)).toBe(false);
  });

  it('should count hits atomically in windows shared by replicas, carry them over, then start again', async () => {
    const k = key();
    const hits = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).countHit(k, 400)));
    expect(hits.map((h) => h.current).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    for (const h of hits) {
      expect(h.previous).toBe(0);
      expect(h.elapsedMs).toBeGreaterThanOrEqual(0);
      expect(h.elapsedMs).toBeLessThan(400);
    }
    // The window after the first: the 30 hits are now the previous window's.
    await sleep(450 - hits.reduce((max, h) => Math.max(max, h.elapsedMs), 0));
    const next = await b.countHit(k, 400);
    expect(next).toMatchObject({ current: 1, previous: 30 });
    // A pause of more than two windows forgets the client.
    await sleep(900);
    expect(await a.countHit(k, 400)).toMatchObject({ current: 1, previous: 0 });
  });

  describe('slot semaphore', () => {
    it('should grant at most `limit` slots among concurrent replicas, and re-grant released ones', async () => {
      const s = key();
      const holders = Array.from({ length: 12 }, (_, i) => `h${i}`);
      const granted = await Promise.all(holders.map((h, i) => (i % 2 ? a : b).acquireSlot(s, h, 3, 5_000)));
      expect(granted.filter(Boolean)).toHaveLength(3);
      const owners = holders.filter((_, i) => granted[i]);
      expect((await a.slotHolders(s)).sort()).toEqual([...owners].sort());
      // A holder asking again keeps its slot rather than taking a second one.
      expect(await b.acquireSlot(s, owners[0], 3, 5_000)).toBe(true);
      expect(await b.slotHolders(s)).toHaveLength(3);
      await a.releaseSlot(s, owners[1]);
      expect(await b.acquireSlot(s, 'late', 3, 5_000)).toBe(true);
      expect(await b.acquireSlot(s, 'later', 3, 5_000)).toBe(false);
    });

    it('should give back the slots of a holder that stopped renewing (a dead replica) after the TTL', async () => {
      // TTLs several times the renewal period: a busy CI machine once stalled a 150 ms TTL past expiry.
      const ttl = 1_000;
      const s = key();
      expect(await a.acquireSlot(s, 'dead', 2, ttl)).toBe(true);
      expect(await a.acquireSlot(s, 'alive', 2, ttl)).toBe(true);
      expect(await b.acquireSlot(s, 'newcomer', 2, ttl)).toBe(false);
      for (let i = 0; i < 4; i++) {
        await sleep(ttl * 0.3);
        expect(await a.renewSlot(s, 'alive', ttl)).toBe(true);
      }
      // 1.2 TTLs later "dead" has expired, "alive" has not.
      expect(await b.acquireSlot(s, 'newcomer', 2, ttl)).toBe(true);
      expect((await b.slotHolders(s)).sort()).toEqual(['alive', 'newcomer']);
      expect(await a.renewSlot(s, 'dead', ttl)).toBe(false);
    });
  });

  it('should deliver a broadcast to the other replicas only, never back to the sender', async () => {
    const channel = key();
    const heardByA: unknown[] = [];
    const heardByB: unknown[] = [];
    a.onBroadcast(channel, (m) => heardByA.push(m));
    b.onBroadcast(channel, (m) => heardByB.push(m));
    await sleep(100); // subscribing is asynchronous
    await a.broadcast(channel, { scopes: ['pm/config/adom/root', null] });
    await a.broadcast(key(), 'on another channel');
    await sleep(100);
    expect(heardByA).toEqual([]);
    // Redis: b is another replica. Memory: one instance, so there is nobody else to hear it.
    expect(heardByB).toEqual(a === b ? [] : [{ scopes: ['pm/config/adom/root', null] }]);
  });
});
