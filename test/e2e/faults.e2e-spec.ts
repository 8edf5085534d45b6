import { startEmulator } from '../../src/emulator';
import type { RunningEmulator } from '../../src/emulator';
import type { Fault } from '../support/emulator-control';
import { scrape } from '../support/metrics';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

const ADDRESSES = '/adoms/root/firewall/addresses';
const ADDR_URL = 'pm/config/adom/root/obj/firewall/address';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Faults injected into the emulator, one at a time, and what the gateway makes of each. */
describe('upstream faults, end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    // A breaker that never opens here: this block is about the answer to each single fault.
    stack = await startStack({ fmg: { timeoutMs: 600, breakerThreshold: 1000 } });
    await stack.http().get('/adoms/root').expect(200);
  });
  afterAll(() => stack.close());
  afterEach(() => stack.control.clearFaults());

  it.each<{ label: string; fault: Fault; status: number; code: string }>([
    {
      label: 'slow (slower than the timeout)',
      fault: { delayMs: 3000 },
      status: 504,
      code: 'UPSTREAM_TIMEOUT',
    },
    { label: 'hang (accepts, never answers)', fault: { hang: true }, status: 504, code: 'UPSTREAM_TIMEOUT' },
    { label: 'HTTP 500', fault: { httpStatus: 500 }, status: 502, code: 'UPSTREAM_PROTOCOL_ERROR' },
    {
      label: 'HTTP 502 from the web front',
      fault: { httpStatus: 502 },
      status: 503,
      code: 'UPSTREAM_UNAVAILABLE',
    },
    { label: 'invalid JSON', fault: { invalidJson: true }, status: 502, code: 'UPSTREAM_PROTOCOL_ERROR' },
    {
      label: 'an answer with another id',
      fault: { wrongId: true },
      status: 502,
      code: 'UPSTREAM_PROTOCOL_ERROR',
    },
    {
      label: 'a connection dropped on every attempt',
      fault: { drop: true, times: 3 },
      status: 502,
      code: 'UPSTREAM_UNREACHABLE',
    },
  ])('$label → $status $code', async ({ fault, status, code }) => {
    await stack.control.fault({ match: { url: 'dvmdb/adom/root' }, ...fault });
    const res = await stack.http().get('/adoms/root');
    expectProblem(res, status, code);
    if (status === 503) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('expired sessions: re-login once and answer 200', async () => {
    await stack.control.expireSessions();
    const { next } = await stack.control.calls();
    await stack.http().get('/adoms/root').expect(200);
    const { calls } = await stack.control.calls(next);
    expect(calls.filter((c) => c.url === 'sys/login/user')).toHaveLength(1);
  });

  it('a read survives one dropped connection: resent once, answered 200', async () => {
    await stack.control.fault({ match: { url: 'dvmdb/adom/root' }, drop: true });
    const { next } = await stack.control.calls();
    const before = (await scrape(stack))('fortirest_upstream_retries_total', { method: 'get' }) || 0;
    const res = await stack.http().get('/adoms/root').expect(200);
    expect(res.body.name).toBe('root');
    // The dropped attempt never ran; the resend did, exactly once.
    const { calls } = await stack.control.calls(next);
    expect(calls.filter((c) => c.url === 'dvmdb/adom/root')).toHaveLength(1);
    expect((await stack.control.sessions()).live).toBeGreaterThan(0);
    const after = (await scrape(stack))('fortirest_upstream_retries_total', { method: 'get' });
    expect(after - before).toBe(1);
  });

  it('a write whose answer is lost is never resent: 502 outcome unknown, applied exactly once', async () => {
    await stack.control.fault({ match: { method: 'add', url: ADDR_URL }, dropResponse: true });
    const { next } = await stack.control.calls();
    const res = await stack.http().post(ADDRESSES).send({ name: 'lost-answer', subnet: '192.0.2.77/32' });
    const body = expectProblem(res, 502, 'UPSTREAM_OUTCOME_UNKNOWN');
    expect(body).toMatchObject({ retryable: false, outcome: 'unknown' });
    const { calls } = await stack.control.calls(next);
    expect(calls.filter((c) => c.method === 'add')).toEqual([
      expect.objectContaining({ url: ADDR_URL, code: 0 }),
    ]);
    // FMG acknowledged it: the object is there, once.
    const got = await stack.http().get(`${ADDRESSES}/lost-answer`).expect(200);
    expect(got.body.subnet).toBe('192.0.2.77/32');
  });

  it('a write whose connection dropped before it ran is not resent either (and nothing was created)', async () => {
    await stack.control.fault({ match: { method: 'add', url: ADDR_URL }, drop: true });
    const res = await stack.http().post(ADDRESSES).send({ name: 'never-sent', subnet: '192.0.2.78/32' });
    expectProblem(res, 502, 'UPSTREAM_OUTCOME_UNKNOWN');
    // A resend would have gone through (the fault fires once) and created it.
    await stack.http().get(`${ADDRESSES}/never-sent`).expect(404);
  });

  it('a write that times out is reported as 504 with an unknown outcome, and completes upstream later', async () => {
    await stack.control.fault({ match: { method: 'add', url: ADDR_URL }, delayMs: 1200 });
    const { next } = await stack.control.calls();
    const res = await stack.http().post(ADDRESSES).send({ name: 'slow-write', subnet: '192.0.2.79/32' });
    expect(expectProblem(res, 504, 'UPSTREAM_TIMEOUT')).toMatchObject({
      outcome: 'unknown',
      retryable: false,
    });
    await waitFor(async () => (await stack.http().get(`${ADDRESSES}/slow-write`)).status === 200);
    const { calls } = await stack.control.calls(next);
    expect(calls.filter((c) => c.method === 'add')).toHaveLength(1);
  });

  it('fails N times, then the upstream recovers by itself', async () => {
    await stack.control.fault({ match: { url: 'dvmdb/adom/root' }, httpStatus: 500, times: 2 });
    expectProblem(await stack.http().get('/adoms/root'), 502, 'UPSTREAM_PROTOCOL_ERROR');
    expectProblem(await stack.http().get('/adoms/root'), 502, 'UPSTREAM_PROTOCOL_ERROR');
    await stack.http().get('/adoms/root').expect(200);
  });
});

describe('a hanging upstream', () => {
  it('answers 504 within the timeout and leaks no session', async () => {
    const emulator = await startEmulator();
    const stack = await startStack({ reuseEmulator: emulator, fmg: { timeoutMs: 500 } });
    try {
      await stack.control.fault({ match: { url: 'dvmdb/adom' }, hang: true, times: 2 });
      expectProblem(await stack.http().get('/adoms'), 504, 'UPSTREAM_TIMEOUT');
      expectProblem(await stack.http().get('/adoms/root'), 504, 'UPSTREAM_TIMEOUT');
      // The session that carried the hung call is still usable and goes back to the pool.
      await stack.http().get('/system/status').expect(200);
      expect((await stack.control.sessions()).live).toBe(1);
    } finally {
      await stack.close();
    }
    expect((await stack.control.sessions()).live).toBe(0);
    await emulator.close();
  });
});

describe('circuit breaker', () => {
  let emulator: RunningEmulator;
  let stack: Stack;
  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await startStack({
      reuseEmulator: emulator,
      fmg: { timeoutMs: 600, breakerThreshold: 3, breakerHalfOpenMs: 3000 },
    });
  });
  afterAll(async () => {
    await stack.close();
    await emulator.close();
  });

  it('opens after 3 failed calls, answers 503 + Retry-After without calling upstream, then recovers by itself', async () => {
    await stack.http().get('/adoms/root').expect(200);
    await stack.control.fault({ match: { url: 'dvmdb/adom' }, httpStatus: 502, times: 3 });
    for (let i = 0; i < 3; i++) {
      expectProblem(await stack.http().get('/adoms/root'), 503, 'UPSTREAM_UNAVAILABLE');
    }
    // The upstream is fine again now (the faults are used up), but the breaker does not know yet.
    expect((await stack.control.calls()).calls.length).toBeGreaterThan(0);
    const { next } = await stack.control.calls();
    const res = await stack.http().get('/adoms/root');
    const body = expectProblem(res, 503, 'UPSTREAM_CIRCUIT_OPEN');
    expect(body.retryable).toBe(true);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    expectProblem(await stack.http().get('/adoms'), 503, 'UPSTREAM_CIRCUIT_OPEN');
    expect((await stack.control.calls(next)).calls).toEqual([]);
    let metric = await scrape(stack);
    expect(metric('fortirest_upstream_circuit_state', { upstream: 'fmg' })).toBe(1);
    expect(metric('fortirest_upstream_circuit_rejections_total', { upstream: 'fmg' })).toBe(2);

    // No one resets it: after the half-open delay one test call goes through and closes it.
    await waitFor(async () => (await stack.http().get('/adoms/root')).status === 200);
    expect((await stack.control.calls(next)).calls.map((c) => c.url)).toContain('dvmdb/adom/root');
    await stack.http().get('/adoms').expect(200);
    metric = await scrape(stack);
    expect(metric('fortirest_upstream_circuit_state', { upstream: 'fmg' })).toBe(0);
  });

  it('opens on an unreachable upstream too, and /health/ready says so', async () => {
    await stack.control.fault({ match: { url: 'dvmdb/adom' }, drop: true, times: 9 });
    for (let i = 0; i < 3; i++) {
      expectProblem(await stack.http().get('/adoms/root'), 502, 'UPSTREAM_UNREACHABLE');
    }
    expectProblem(await stack.http().get('/adoms/root'), 503, 'UPSTREAM_CIRCUIT_OPEN');
    const ready = await stack.anonymous().get('/health/ready');
    expectProblem(ready, 503, 'NOT_READY');
    await stack.control.clearFaults();
    await waitFor(async () => (await stack.http().get('/adoms/root')).status === 200);
    await stack.anonymous().get('/health/ready').expect(200);
  });
});
