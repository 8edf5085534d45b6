import { GatewayError } from '../../common/errors/gateway-error';
import { ConcurrencyLimiter, deepFreeze, invalidationScope, ReadCache, touches } from './upstream-protection';

describe('invalidationScope', () => {
  it.each([
    ['/pm/config/adom/root/obj/firewall/address/x', 'pm/config/adom/root'],
    ['pm/config/adom/root/obj/firewall/address', 'pm/config/adom/root'],
    ['/pm/config/adom/branch-east/pkg/default/firewall/policy/5', 'pm/config/adom/branch-east'],
    ['/pm/config/device/FGT-1/vdom/root/firewall/address/a\\/b', 'pm/config/device/FGT-1'],
  ])('should scope a write to %s to %s', (url, scope) => {
    expect(invalidationScope(url)).toBe(scope);
  });

  it.each([
    '/pm/config/global/obj/firewall/address/x',
    '/pm/pkg/adom/root/default',
    '/dvmdb/adom/root/workspace/commit',
    '/securityconsole/install/package',
  ])('should drop everything for a write to %s', (url) => {
    expect(invalidationScope(url)).toBeUndefined();
  });

  it('should match whole path segments only', () => {
    expect(touches(['/pm/config/adom/root/obj/firewall/address'], 'pm/config/adom/root')).toBe(true);
    expect(touches(['/pm/config/adom/root2/obj/firewall/address'], 'pm/config/adom/root')).toBe(false);
    expect(touches(['/dvmdb/adom/root'], undefined)).toBe(true);
  });
});

describe('ReadCache', () => {
  const ok = (data: unknown) => JSON.stringify([{ status: { code: 0, message: 'OK' }, url: 'u', data }]);

  it('should only cache configuration reads', () => {
    expect(ReadCache.cacheable([{ url: '/pm/config/adom/root/obj/firewall/address' }])).toBe(true);
    expect(ReadCache.cacheable([{ url: 'pm/pkg/adom/root' }])).toBe(true);
    expect(ReadCache.cacheable([{ url: '/dvmdb/adom/root' }])).toBe(false);
    expect(ReadCache.cacheable([{ url: '/task/task/12' }])).toBe(false);
    expect(ReadCache.cacheable([{ url: '/pm/config/adom/root/x' }, { url: '/sys/status' }])).toBe(false);
  });

  it('should hand out a fresh copy on every hit', () => {
    const cache = new ReadCache({ ttlMs: 10_000, maxBytes: 1 << 20 });
    cache.set('k', ['/pm/config/adom/root/obj/a'], ok({ name: 'a' }));
    const first = cache.get('k')!;
    (first[0].data as { name: string }).name = 'changed';
    expect(cache.get('k')![0].data).toEqual({ name: 'a' });
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 2, misses: 0 });
  });

  it('should expire entries after the TTL', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000);
    try {
      const cache = new ReadCache({ ttlMs: 500, maxBytes: 1 << 20 });
      cache.set('k', ['pm/config/adom/root/obj/a'], ok(1));
      now.mockReturnValue(1_499);
      expect(cache.get('k')).toBeDefined();
      now.mockReturnValue(1_500);
      expect(cache.get('k')).toBeUndefined();
      expect(cache.size().entries).toBe(0);
    } finally {
      now.mockRestore();
    }
  });

  it('should invalidate by scope and keep the rest', () => {
    const cache = new ReadCache({ ttlMs: 10_000, maxBytes: 1 << 20 });
    cache.set('root', ['/pm/config/adom/root/obj/firewall/address'], ok(1));
    cache.set('east', ['/pm/config/adom/branch-east/obj/firewall/address'], ok(2));
    cache.invalidate('pm/config/adom/root');
    expect(cache.get('root')).toBeUndefined();
    expect(cache.get('east')).toBeDefined();
    cache.invalidate(undefined);
    expect(cache.size()).toEqual({ entries: 0, bytes: 0 });
    expect(cache.invalidations).toBe(2);
  });

  it('should stay within its byte budget, evicting the oldest first', () => {
    const cache = new ReadCache({ ttlMs: 10_000, maxBytes: 4_000 });
    const body = ok('x'.repeat(400)); // ~1 KB as UTF-16
    for (const k of ['a', 'b', 'c', 'd', 'e']) cache.set(k, ['pm/config/adom/root/obj/t'], body);
    expect(cache.size().bytes).toBeLessThanOrEqual(4_000);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('e')).toBeDefined();
  });
});

describe('ConcurrencyLimiter', () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    return { open, opened };
  };

  it('should never run more than the limit at once, and run the rest in arrival order', async () => {
    const limiter = new ConcurrencyLimiter({
      name: 'fmg',
      maxConcurrency: 2,
      queueTimeoutMs: 5_000,
      maxQueue: 10,
    });
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.stats()).toMatchObject({ inFlight: 2, queued: 3 });
    gates[1].open();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.stats()).toMatchObject({ inFlight: 0, queued: 0, peakInFlight: 2, rejected: 0 });
  });

  it('should refuse with 503 and Retry-After when the queue is full', async () => {
    const limiter = new ConcurrencyLimiter({
      name: 'fmg',
      maxConcurrency: 1,
      queueTimeoutMs: 5_000,
      maxQueue: 0,
    });
    const g = gate();
    const first = limiter.run(() => g.opened);
    const refused = await limiter.run(() => Promise.resolve()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GatewayError);
    expect(refused).toMatchObject({ status: 503, code: 'UPSTREAM_BUSY', headers: { 'Retry-After': '5' } });
    g.open();
    await first;
    expect(limiter.stats().rejected).toBe(1);
  });

  it('should give up after the queue timeout and free the slot for later calls', async () => {
    jest.useFakeTimers();
    try {
      const limiter = new ConcurrencyLimiter({
        name: 'fmg',
        maxConcurrency: 1,
        queueTimeoutMs: 300,
        maxQueue: 5,
      });
      const g = gate();
      const first = limiter.run(() => g.opened);
      const waiting = limiter.run(() => Promise.resolve('late')).catch((e: unknown) => e);
      jest.advanceTimersByTime(300);
      expect(await waiting).toMatchObject({ status: 503, code: 'UPSTREAM_BUSY' });
      g.open();
      await first;
      expect(await limiter.run(() => Promise.resolve('next'))).toBe('next');
      expect(limiter.stats()).toMatchObject({ inFlight: 0, queued: 0, rejected: 1 });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('deepFreeze (answers shared by coalesced readers)', () => {
  it('freezes every level, so a reader that tries to alter a shared answer fails loudly', () => {
    const results = deepFreeze([
      { status: { code: 0, message: 'OK' }, url: '/x', data: [{ name: 'a', member: ['m'] }] },
    ]);
    const row = (results[0].data as { name: string; member: string[] }[])[0];
    expect(Object.isFrozen(results)).toBe(true);
    expect(Object.isFrozen(row.member)).toBe(true);
    expect(() => {
      row.name = 'changed';
    }).toThrow(TypeError);
    expect(() => row.member.push('n')).toThrow(TypeError);
    expect(row).toEqual({ name: 'a', member: ['m'] });
  });
});
