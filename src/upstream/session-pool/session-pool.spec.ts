import { GatewayError } from '../../common/errors/gateway-error';
import { Authenticator, tokenConcurrencyBug } from './authenticators';
import { PoolOptions, SessionPool } from './session-pool';

/** A recording authenticator: the pool's logic in isolation (the e2e suites use the real emulator). */
class FakeAuth implements Authenticator {
  kind: 'session' | 'token' = 'session';
  live = new Set<string>();
  loggedOut: string[] = [];
  loginDelayMs = 0;
  failNextLogin = false;
  limit: number | undefined;
  private n = 0;
  async login(): Promise<string> {
    if (this.loginDelayMs) await new Promise((r) => setTimeout(r, this.loginDelayMs));
    if (this.failNextLogin) {
      this.failNextLogin = false;
      throw new Error('login refused');
    }
    const s = `s${++this.n}`;
    this.live.add(s);
    return s;
  }
  logout(session: string): Promise<void> {
    this.live.delete(session);
    this.loggedOut.push(session);
    return Promise.resolve();
  }
  headers() {
    return {};
  }
  concurrencyLimit() {
    return Promise.resolve(this.limit);
  }
  close() {
    return Promise.resolve();
  }
}

const options = (o: Partial<PoolOptions> = {}): PoolOptions => ({
  name: 'fmg',
  maxSessions: 2,
  queueTimeoutMs: 100,
  maxQueue: 10,
  sessionIdleMs: 60_000,
  drainMs: 200,
  ...o,
});

describe('SessionPool', () => {
  let auth: FakeAuth;
  let pool: SessionPool;
  beforeEach(() => {
    auth = new FakeAuth();
  });
  afterEach(() => pool.close());

  it('should log in lazily and reuse an idle session', async () => {
    pool = new SessionPool(auth, options());
    expect(auth.live.size).toBe(0);
    const a = await pool.lease();
    a.release();
    const b = await pool.lease();
    expect(b.session).toBe(a.session);
    b.release();
    expect(pool.stats()).toMatchObject({ sessions: 1, logins: 1, busy: 0 });
  });

  it('should never lend one session to two calls, and cap the number of sessions', async () => {
    pool = new SessionPool(auth, options());
    const a = await pool.lease();
    const b = await pool.lease();
    expect(a.session).not.toBe(b.session);
    const waiting = pool.lease();
    await new Promise((r) => setImmediate(r)); // lease() is async: let it reach the queue
    expect(pool.stats()).toMatchObject({ sessions: 2, busy: 2, waiting: 1 });
    a.release();
    const c = await waiting;
    expect(c.session).toBe(a.session);
    expect(auth.live.size).toBe(2);
    b.release();
    c.release();
  });

  it('should answer 503 with Retry-After when no session frees in time, or the queue is full', async () => {
    pool = new SessionPool(auth, options({ maxSessions: 1, maxQueue: 1, queueTimeoutMs: 1500 }));
    const held = await pool.lease();
    const queued = pool.lease();
    const full = await pool.lease().catch((e: GatewayError) => e);
    expect(full).toBeInstanceOf(GatewayError);
    expect((full as GatewayError).status).toBe(503);
    expect((full as GatewayError).headers['Retry-After']).toBe('2');
    held.release();
    (await queued).release();

    pool = new SessionPool(auth, options({ maxSessions: 1, queueTimeoutMs: 30 }));
    const busy = await pool.lease();
    await expect(pool.lease()).rejects.toMatchObject({ status: 503, code: 'UPSTREAM_BUSY' });
    busy.release();
  });

  it('should re-login a slot and log the replaced session out', async () => {
    pool = new SessionPool(auth, options());
    const lease = await pool.lease();
    const stale = lease.session!;
    await lease.relogin();
    expect(lease.session).not.toBe(stale);
    expect(auth.loggedOut).toEqual([stale]);
    expect([...auth.live]).toEqual([lease.session]);
    lease.release();
  });

  it('should give the capacity of a failed login to the next waiter', async () => {
    pool = new SessionPool(auth, options({ maxSessions: 1, queueTimeoutMs: 1000 }));
    auth.loginDelayMs = 20;
    auth.failNextLogin = true;
    const first = pool.lease();
    const second = pool.lease();
    await expect(first).rejects.toThrow('login refused');
    const lease = await second;
    expect(lease.session).toBeDefined();
    lease.release();
    expect(pool.stats().sessions).toBe(1);
  });

  it('should log idle sessions out after the idle time', async () => {
    pool = new SessionPool(auth, options({ sessionIdleMs: 40 }));
    (await pool.lease()).release();
    expect(auth.live.size).toBe(1);
    await new Promise((r) => setTimeout(r, 120));
    expect(auth.live.size).toBe(0);
    expect(pool.stats().sessions).toBe(0);
  });

  it('should refuse a lease that was still being set up when close began', async () => {
    pool = new SessionPool(auth, options({ maxSessions: 1, queueTimeoutMs: 5000 }));
    const held = await pool.lease();
    const late = pool.lease();
    const closing = pool.close();
    await expect(late).rejects.toMatchObject({ status: 503 });
    held.release();
    await closing;
    expect(auth.live.size).toBe(0);
  });

  it('should log every session out on close, reject waiters, and refuse new leases', async () => {
    pool = new SessionPool(auth, options({ maxSessions: 1, queueTimeoutMs: 5000 }));
    const held = await pool.lease();
    const waiter = pool.lease();
    await new Promise((r) => setImmediate(r));
    const closing = pool.close();
    await expect(waiter).rejects.toMatchObject({ status: 503 });
    held.release();
    await closing;
    expect(auth.live.size).toBe(0);
    await expect(pool.lease()).rejects.toMatchObject({ status: 503 });
  });

  it('should not let a login that finishes during close outlive the pool', async () => {
    pool = new SessionPool(auth, options({ drainMs: 0 }));
    auth.loginDelayMs = 50;
    const pending = pool.lease();
    await pool.close();
    await expect(pending).rejects.toMatchObject({ status: 503 });
    expect(auth.live.size).toBe(0);
  });

  describe('shared leases (maxInflight 3)', () => {
    const shared = { shared: true };

    it('should let up to maxInflight reads share one session, then open the next', async () => {
      pool = new SessionPool(auth, options({ maxSessions: 2, maxInflight: 3 }));
      const first = await Promise.all([pool.lease(shared), pool.lease(shared), pool.lease(shared)]);
      expect(new Set(first.map((l) => l.session)).size).toBe(1);
      const fourth = await pool.lease(shared);
      expect(fourth.session).not.toBe(first[0].session);
      expect(auth.live.size).toBe(2);
      for (const l of [...first, fourth]) l.release();
      expect(pool.stats()).toMatchObject({ sessions: 2, busy: 0, logins: 2 });
    });

    it('should hand an exclusive caller a session only once its sharers are gone, before new reads', async () => {
      pool = new SessionPool(auth, options({ maxSessions: 1, maxInflight: 3, queueTimeoutMs: 1000 }));
      const a = await pool.lease(shared);
      const b = await pool.lease(shared);
      const writer = pool.lease();
      await new Promise((r) => setImmediate(r));
      // A read arriving now queues behind the writer rather than joining the busy session.
      const lateRead = pool.lease(shared);
      await new Promise((r) => setImmediate(r));
      expect(pool.stats().waiting).toBe(2);
      a.release();
      await new Promise((r) => setImmediate(r));
      expect(pool.stats().waiting).toBe(2);
      b.release();
      const w = await writer;
      expect(w.session).toBe(a.session);
      expect(pool.stats().waiting).toBe(1);
      w.release();
      (await lateRead).release();
      expect(pool.stats()).toMatchObject({ busy: 0, waiting: 0, logins: 1 });
    });

    it('should re-login once for all sharers that saw the same stale session', async () => {
      pool = new SessionPool(auth, options({ maxSessions: 1, maxInflight: 3 }));
      auth.loginDelayMs = 20;
      const leases = await Promise.all([pool.lease(shared), pool.lease(shared), pool.lease(shared)]);
      const stale = leases[0].session!;
      await Promise.all(leases.map((l) => l.relogin(stale)));
      const fresh = await Promise.all(leases.map((l) => l.current()));
      expect(new Set(fresh)).toEqual(new Set([leases[0].session]));
      expect(fresh[0]).not.toBe(stale);
      expect(auth.loggedOut).toEqual([stale]);
      expect(pool.stats().logins).toBe(2);
      for (const l of leases) l.release();
    });

    it('should keep token mode at one call when the authenticator says so, whatever maxInflight', async () => {
      auth.kind = 'token';
      auth.limit = 1;
      pool = new SessionPool(auth, options({ maxSessions: 8, maxInflight: 4, queueTimeoutMs: 30 }));
      const only = await pool.lease(shared);
      await expect(pool.lease(shared)).rejects.toMatchObject({ status: 503 });
      only.release();
    });
  });

  it('should lower the parallelism to what the authenticator tolerates (token mode)', async () => {
    auth.kind = 'token';
    auth.limit = 1;
    pool = new SessionPool(auth, options({ maxSessions: 8, queueTimeoutMs: 30 }));
    const only = await pool.lease();
    expect(only.session).toBeUndefined();
    await expect(pool.lease()).rejects.toMatchObject({ status: 503 });
    expect(pool.stats()).toMatchObject({ max: 8, limit: 1, logins: 0 });
    only.release();
  });
});

describe('tokenConcurrencyBug', () => {
  it.each([
    ['v7.2.6-build1 (GA)', false],
    ['v7.2.7-build1 (GA)', true],
    ['v7.4.5-build2662 240723 (GA)', true],
    ['v7.4.7-build1 (GA)', true],
    ['v7.4.8-build1 (GA)', false],
    ['v7.6.5-build3653 250124 (GA)', false],
    ['garbage', false],
  ])('%s → %s', (version, expected) => {
    expect(tokenConcurrencyBug(version)).toBe(expected);
  });
});
