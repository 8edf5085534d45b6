import { startEmulator } from '../../src/emulator';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';
import { testToken } from '../support/tokens';

const AUTH = { Authorization: `Bearer ${testToken()}` };

/** The upstream session pool against an emulator that enforces login-max and counts sessions. */
describe('upstream session pool', () => {
  describe('slot exhaustion', () => {
    let stack: Stack;
    beforeAll(async () => {
      // Identical parallel reads must each take a session here, so they are neither coalesced, batched nor shared.
      stack = await startStack({
        fmg: {
          maxSessions: 2,
          queueTimeoutMs: 300,
          coalesceReads: false,
          readBatchMax: 1,
          sessionMaxInflight: 1,
        },
      });
    });
    afterAll(() => stack.close());
    afterEach(() => stack.control.clearFaults());

    it('should queue beyond the cap, then answer 503 with Retry-After when no session frees in time', async () => {
      await stack.control.fault({ match: { url: 'dvmdb/adom/root' }, delayMs: 1200, times: 2 });
      // supertest sends lazily: `.then` starts both requests now.
      const slow = [stack.http().get('/adoms/root'), stack.http().get('/adoms/root')].map((t) =>
        t.then((r) => r),
      );
      await new Promise((r) => setTimeout(r, 150)); // both sessions are now busy upstream
      const queued = await stack.http().get('/adoms');
      expectProblem(queued, 503, 'UPSTREAM_BUSY');
      expect(Number(queued.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      for (const res of await Promise.all(slow)) expect(res.status).toBe(200);
      expect((await stack.control.sessions()).maxLiveByUser.admin).toBe(2);
    });

    it('should serve every queued request once sessions free up, never holding more than the cap', async () => {
      const patient = await startStack({
        reuseEmulator: stack.emulator,
        fmg: {
          maxSessions: 2,
          queueTimeoutMs: 5_000,
          coalesceReads: false,
          readBatchMax: 1,
          sessionMaxInflight: 1,
        },
      });
      try {
        await stack.control.reset();
        await stack.control.fault({ match: { url: 'dvmdb/adom' }, delayMs: 50, times: 12 });
        const results = await Promise.all(Array.from({ length: 12 }, () => patient.http().get('/adoms')));
        expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
        const sessions = await stack.control.sessions();
        expect(sessions.maxLiveByUser.admin).toBeLessThanOrEqual(2);
        const logins = (await stack.control.calls()).calls.filter((c) => c.url === 'sys/login/user');
        expect(logins).toHaveLength(2);
      } finally {
        await patient.close();
      }
    });
  });

  describe('reads sharing one session (SESSION_MAX_INFLIGHT 4)', () => {
    let stack: Stack;
    beforeAll(async () => {
      // One session, so every overlap the emulator sees is on it; no coalescing or batching, so each read is
      // its own call.
      stack = await startStack({
        fmg: {
          maxSessions: 1,
          sessionMaxInflight: 4,
          queueTimeoutMs: 5_000,
          coalesceReads: false,
          readBatchMax: 1,
        },
      });
    });
    afterAll(() => stack.close());
    beforeEach(async () => {
      await stack.control.clearFaults();
      // A first read logs the session in, so the tests below count only what they cause.
      await stack.http().get('/adoms/root').expect(200);
    });

    const reads = (n: number) =>
      Promise.all(
        Array.from({ length: n }, () =>
          stack
            .http()
            .get('/adoms/root')
            .then((r) => r),
        ),
      );

    it('should send parallel reads on one session at once, each answered right', async () => {
      const expected = (await stack.http().get('/adoms/root').expect(200)).body as unknown;
      const { next } = await stack.control.calls();
      // The delay keeps each read in flight upstream long enough for the others to arrive.
      await stack.control.fault({ match: { url: 'dvmdb/adom/root' }, delayMs: 300, times: 6 });
      const results = await reads(6);
      for (const res of results) {
        expect(res.status).toBe(200);
        expect(res.body).toEqual(expected);
      }
      const calls = (await stack.control.calls(next)).calls;
      const loads = calls.filter((c) => c.url === 'dvmdb/adom/root').map((c) => c.sessionLoad ?? 0);
      expect(loads).toHaveLength(6);
      expect(Math.max(...loads)).toBeGreaterThan(1);
      expect(Math.max(...loads)).toBeLessThanOrEqual(4);
      expect(calls.filter((c) => c.url === 'sys/login/user')).toHaveLength(0);
    });

    it('should log in once for all sharers when the shared session answers -11, then resend each', async () => {
      const { next } = await stack.control.calls();
      // Four reads in flight on the session together all meet the -11 of an expired session.
      await stack.control.fault({
        match: { url: 'dvmdb/adom/root' },
        delayMs: 300,
        status: { code: -11, message: 'No permission for the resource' },
        times: 4,
      });
      const results = await reads(4);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const calls = (await stack.control.calls(next)).calls;
      const refused = calls.filter((c) => c.url === 'dvmdb/adom/root' && c.code === -11);
      expect(refused).toHaveLength(4);
      expect(Math.max(...refused.map((c) => c.sessionLoad ?? 0))).toBeGreaterThan(1);
      expect(calls.filter((c) => c.url === 'sys/login/user')).toHaveLength(1);
      expect(calls.filter((c) => c.url === 'sys/logout')).toHaveLength(1);
      expect(calls.filter((c) => c.url === 'dvmdb/adom/root' && c.code === 0)).toHaveLength(4);
    });

    it('should never share the session that holds a workspace lock', async () => {
      await stack.control.workspace('root', true);
      try {
        const { next } = await stack.control.calls();
        await stack.control.fault({ match: { url: 'dvmdb/adom/root' }, delayMs: 200, times: 8 });
        const before = reads(4);
        const write = stack
          .http()
          .post('/adoms/root/firewall/addresses')
          .send({ name: 'shared-pool-ws', subnet: '198.51.100.7/32' })
          .then((r) => r);
        const after = reads(4);
        const [early, created, late] = await Promise.all([before, write, after]);
        expect([...early, ...late].map((r) => r.status)).toEqual(Array(8).fill(200));
        expect(created.status).toBe(201);
        const calls = (await stack.control.calls(next)).calls;
        const lock = calls.findIndex((c) => c.url.endsWith('/workspace/lock'));
        const unlock = calls.findIndex((c) => c.url.endsWith('/workspace/unlock'));
        expect(lock).toBeGreaterThanOrEqual(0);
        expect(unlock).toBeGreaterThan(lock);
        // From lock to unlock the session is the writer's alone: nothing else arrives on it meanwhile.
        for (const c of calls.slice(lock, unlock + 1)) expect(c.sessionLoad).toBe(1);
        // …while the reads around it did share the session.
        const loads = calls.filter((c) => c.url === 'dvmdb/adom/root').map((c) => c.sessionLoad ?? 0);
        expect(Math.max(...loads)).toBeGreaterThan(1);
      } finally {
        await stack.control.workspace('root', false);
      }
    });
  });

  it('should re-login transparently when every session silently expires mid-run', async () => {
    const stack = await startStack({ fmg: { maxSessions: 4 } });
    try {
      const statuses: number[] = [];
      for (let round = 0; round < 5; round++) {
        const batch = await Promise.all(Array.from({ length: 8 }, () => stack.http().get('/adoms/root')));
        statuses.push(...batch.map((r) => r.status));
        if (round === 2) await stack.control.expireSessions();
      }
      expect(statuses).toEqual(Array(40).fill(200));
      const codes = (await stack.control.calls()).calls
        .filter((c) => c.url === 'dvmdb/adom/root')
        .map((c) => c.code);
      expect(codes.filter((c) => c === -11).length).toBeGreaterThan(0); // the expiry really happened
    } finally {
      await stack.close();
    }
  });

  it('should log every session out on shutdown', async () => {
    const emulator = await startEmulator();
    const stack = await startStack({
      reuseEmulator: emulator,
      fmg: { maxSessions: 5, coalesceReads: false, readBatchMax: 1, sessionMaxInflight: 1 },
    });
    const control = stack.control;
    try {
      await control.fault({ match: { url: 'dvmdb/adom' }, delayMs: 100, times: 5 });
      await Promise.all(Array.from({ length: 5 }, () => stack.http().get('/adoms').expect(200)));
      expect((await control.sessions()).live).toBe(5);
    } finally {
      await stack.close();
    }
    expect((await control.sessions()).live).toBe(0);
    await emulator.close();
  });

  it('should leak no session over 1,000 requests with random client aborts', async () => {
    const emulator = await startEmulator();
    const stack = await startStack({
      reuseEmulator: emulator,
      fmg: { maxSessions: 6, queueTimeoutMs: 2_000 },
    });
    const control = stack.control;
    const outcome = { completed: 0, aborted: 0, unexpected: 0 };
    try {
      // A little upstream latency so that aborts land while calls are in flight or queued.
      await control.fault({ match: { url: 'dvmdb/adom' }, delayMs: 5, times: 1_000_000 });
      const paths = [
        '/adoms',
        '/adoms/root',
        '/adoms/root/packages',
        '/adoms/root/firewall/addresses?limit=5',
      ];
      let next = 0;
      const worker = async () => {
        while (next < 1000) {
          const i = next++;
          try {
            // Every other request is aborted after a random 1–60 ms: before, during or after its upstream call.
            const signal = i % 2 === 0 ? AbortSignal.timeout(1 + Math.floor(Math.random() * 60)) : undefined;
            const res = await fetch(`${stack.url}${paths[i % paths.length]}`, { signal, headers: AUTH });
            await res.arrayBuffer();
            if (res.status >= 500 && res.status !== 503) outcome.unexpected++;
            if (res.status === 401 || res.status === 403) outcome.unexpected++; // auth must never fail here either
            outcome.completed++;
          } catch {
            outcome.aborted++;
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      expect(outcome.completed + outcome.aborted).toBe(1000);
      expect(outcome.aborted).toBeGreaterThan(50);
      expect(outcome.completed).toBeGreaterThan(50);
      expect(outcome.unexpected).toBe(0);
      const during = await control.sessions();
      expect(during.maxLiveByUser.admin).toBeLessThanOrEqual(6);
    } finally {
      await stack.close();
    }
    expect((await control.sessions()).live).toBe(0);
    await emulator.close();
  }, 60_000);
});
