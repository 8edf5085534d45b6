import { createPino, PinoLogger } from '../../src/observability/logger';
import { scrape } from '../support/metrics';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';
import { testToken } from '../support/tokens';

type Line = Record<string, unknown> & { level: string; msg?: string; context?: string };

const UPSTREAM_PASSWORD = 'Upstream-Pw-7f3e9c1a-never-logged';

describe('logs', () => {
  let stack: Stack;
  const raw: string[] = [];
  const lines = (): Line[] =>
    raw
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);

  beforeAll(async () => {
    // Every level, so nothing a debug line might say escapes the checks below.
    const destination = { write: (chunk: string) => void raw.push(chunk) };
    stack = await startStack({
      emulator: { users: [{ user: 'admin', password: UPSTREAM_PASSWORD, rpcPermit: 'read-write' }] },
      fmg: { auth: { mode: 'password', username: 'admin', password: UPSTREAM_PASSWORD } },
      logger: new PinoLogger(createPino('verbose', destination)),
    });
  });
  afterAll(() => stack.close());

  it('writes one JSON access line per request, with the JSON-RPC ids its upstream calls carried', async () => {
    await stack.http().get('/adoms/root').set('X-Request-Id', 'obs-read-1').expect(200);
    const access = lines().filter((l) => l.context === 'Access' && l.requestId === 'obs-read-1');
    expect(access).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        method: 'GET',
        route: '/adoms/:adom',
        path: '/adoms/root',
        status: 200,
        durationMs: expect.any(Number),
        subject: 'e2e-client',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    // FMG wants integer ids: each upstream call logs its numeric id next to the request id.
    const ids = access[0].upstreamIds as number[];
    expect(ids.length).toBeGreaterThan(0);
    const upstream = lines().filter((l) => l.msg === 'upstream call' && l.requestId === 'obs-read-1');
    expect(upstream.map((l) => l.rpcId)).toEqual(ids);
    expect(upstream).toContainEqual(
      expect.objectContaining({
        method: 'get',
        url: '/dvmdb/adom/root',
        outcome: '0',
        context: 'JsonRpc:fmg',
      }),
    );
  });

  it('writes audit lines through the same logger, as fields', async () => {
    await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .set('X-Request-Id', 'obs-write-1')
      .send({ name: 'obs-audit', subnet: '192.0.2.55/32', comment: 'body-text-must-not-be-logged' })
      .expect(201);
    const audit = lines().filter((l) => l.context === 'Audit' && l.requestId === 'obs-write-1');
    expect(audit).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'audit',
        type: 'audit',
        method: 'POST',
        status: 201,
        subject: 'e2e-client',
        rpc: expect.arrayContaining([expect.objectContaining({ method: 'add', code: 0 })]),
      }),
    ]);
  });

  it('never logs tokens, upstream credentials or bodies', async () => {
    const token = testToken({ sub: 'secret-check' });
    const bogus = 'eyJhbGciOiJIUzI1NiJ9.bogus-token-value.c2lnbmF0dXJl';
    await stack.anonymous().get('/adoms/root').set('Authorization', `Bearer ${token}`).expect(200);
    await stack.anonymous().get('/adoms/root').set('Authorization', `Bearer ${bogus}`).expect(401);
    await stack.control.fault({ match: { url: 'sys/status' }, status: { code: -1 } });
    expectProblem(
      await stack.anonymous().get('/system/status').set('Authorization', `Bearer ${token}`),
      502,
      'FMG_INTERNAL_ERROR',
    );
    // A fresh login (its request carries the password) and a logout, both at debug level.
    await stack.control.expireSessions();
    await stack.anonymous().get('/adoms').set('Authorization', `Bearer ${token}`).expect(200);
    const text = raw.join('');
    expect(lines().some((l) => l.subject === 'secret-check')).toBe(true);
    for (const secret of [
      token,
      token.split('.')[2],
      bogus,
      UPSTREAM_PASSWORD,
      'body-text-must-not-be-logged',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text.toLowerCase()).not.toContain('bearer ');
  });
});

describe('metrics', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('counts requests by route template and status, and upstream calls by url template and code', async () => {
    const before = await scrape(stack);
    const reads = 3;
    for (let i = 0; i < reads; i++) await stack.http().get('/adoms/root').expect(200);
    await stack.http().get('/adoms/root/firewall/addresses/no-such-1').expect(404);
    await stack.http().get('/adoms/root/firewall/addresses/no-such-2').expect(404);
    const after = await scrape(stack);
    const delta = (name: string, labels: Record<string, string>) =>
      after(name, labels) - (before(name, labels) || 0);

    const adom = { method: 'GET', route: '/adoms/:adom', status: '200' };
    expect(delta('http_requests_total', adom)).toBe(reads);
    expect(delta('http_request_duration_seconds_count', adom)).toBe(reads);
    expect(after('http_request_duration_seconds_sum', adom)).toBeGreaterThan(0);
    const missing = { method: 'GET', route: '/adoms/:adom/firewall/addresses/:name', status: '404' };
    expect(delta('http_requests_total', missing)).toBe(2);

    const upstream = 'fortirest_upstream_request_duration_seconds_count';
    expect(delta(upstream, { upstream: 'fmg', method: 'get', url: '/dvmdb/adom/{adom}', code: '0' })).toBe(
      reads,
    );
    // Two different names, one series: names never become label values.
    expect(
      delta(upstream, {
        method: 'get',
        url: '/pm/config/adom/{adom}/obj/firewall/address/{name}',
        code: '-3',
      }),
    ).toBe(2);
  });

  it('reports the session pool, the breaker and the read cache', async () => {
    await stack.http().get('/adoms').expect(200);
    const metric = await scrape(stack);
    expect(metric('fortirest_upstream_sessions', { upstream: 'fmg' })).toBeGreaterThanOrEqual(1);
    expect(metric('fortirest_upstream_sessions_in_use', { upstream: 'fmg' })).toBe(0);
    expect(metric('fortirest_upstream_session_waiters', { upstream: 'fmg' })).toBe(0);
    expect(metric('fortirest_upstream_sessions_limit', { upstream: 'fmg' })).toBe(8);
    expect(metric('fortirest_upstream_circuit_state', { upstream: 'fmg' })).toBe(0);
    // The read cache is off by default: the counter exists and stays at 0.
    expect(metric('fortirest_read_cache_hits_total', { upstream: 'fmg' })).toBe(0);
    expect(metric('process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('serves the Prometheus text format without a token, and is documented', async () => {
    const res = await stack.anonymous().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const doc = (await stack.anonymous().get('/docs/openapi.json').expect(200)).body;
    expect(doc.paths['/metrics'].get.tags).toEqual(['Health']);
  });

  it('is not served with METRICS_ENABLED=false', async () => {
    const off = await startStack({ reuseEmulator: stack.emulator, gateway: { metricsEnabled: false } });
    try {
      expectProblem(await off.anonymous().get('/metrics'), 404, 'NOT_FOUND');
    } finally {
      await off.close();
    }
  });
});

describe('health', () => {
  it('answers live and ready with the pool', async () => {
    const stack = await startStack();
    try {
      await stack.anonymous().get('/health/live').expect(200, { status: 'ok' });
      const ready = await stack.anonymous().get('/health/ready').expect(200);
      expect(ready.body.upstreams[0]).toMatchObject({ name: 'fmg', state: 'up', pool: { max: 8 } });
    } finally {
      await stack.close();
    }
  });
});
