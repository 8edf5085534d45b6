import { createServer } from 'node:net';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

/** Each row of the FMG status → HTTP table, produced by the emulator over HTTP. */
describe('status mapping, end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  afterEach(() => stack.control.clearFaults());

  it('0 → 200 / 201 / 204 by operation', async () => {
    await stack.http().get('/adoms/root').expect(200);
    await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'map-ok', subnet: '203.0.113.1/32' })
      .expect(201);
    await stack.http().delete('/adoms/root/firewall/addresses/map-ok').expect(204);
  });

  it('-2 → 409 when the object exists', async () => {
    const res = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'net_10.0.0.0/24', subnet: '10.0.0.0/24' });
    const body = expectProblem(res, 409, 'FMG_OBJECT_EXISTS');
    expect(body.upstream).toMatchObject({
      code: -2,
      method: 'add',
      url: '/pm/config/adom/root/obj/firewall/address',
    });
  });

  it('-3 → 404 for a missing object', async () => {
    const body = expectProblem(
      await stack.http().get('/adoms/root/firewall/addresses/nope'),
      404,
      'FMG_OBJECT_NOT_FOUND',
    );
    expect(body.upstream).toMatchObject({ code: -3, url: '/pm/config/adom/root/obj/firewall/address/nope' });
    expect(body.instance).toBe('/adoms/root/firewall/addresses/nope');
  });

  it('-6 → 404 for a url that does not exist (unknown ADOM)', async () => {
    const body = expectProblem(
      await stack.http().get('/adoms/no-such-adom/firewall/addresses'),
      404,
      'FMG_INVALID_URL',
    );
    expect(body.upstream.code).toBe(-6);
  });

  it('-8 → 400 invalid parameter', async () => {
    await stack.control.fault({
      match: { url: 'dvmdb/adom' },
      status: { code: -8, message: 'Invalid parameter' },
    });
    const body = expectProblem(await stack.http().get('/adoms'), 400, 'FMG_INVALID_PARAMETER');
    expect(body.upstream.code).toBe(-8);
  });

  it('-9 → 400 when the command is invalid for the url', async () => {
    // (A lock outside workspace mode no longer gets this far: it is a 409 WORKSPACE_MODE_OFF, issue #16.)
    await stack.control.fault({
      match: { method: 'add', url: 'pm/config/adom/root/obj/firewall/address' },
      status: { code: -9, message: 'The command is invalid for selected url' },
    });
    const res = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'cmd', subnet: '10.9.9.8/32' });
    expect(expectProblem(res, 400, 'FMG_INVALID_COMMAND_FOR_URL').upstream).toMatchObject({
      code: -9,
      method: 'add',
    });
  });

  it('-10 → 422 when the upstream rejects the data', async () => {
    const res = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'bad-mask', subnet: '10.0.0.0/255.0.255.0' });
    expect(expectProblem(res, 422, 'FMG_INVALID_DATA').upstream.code).toBe(-10);
  });

  it('-10015 → 409 when the object is still in use', async () => {
    const res = await stack.http().delete('/adoms/root/firewall/addresses/net_10.0.0.0%2F24');
    expect(expectProblem(res, 409, 'FMG_OBJECT_IN_USE').upstream.code).toBe(-10015);
    await stack.http().get('/adoms/root/firewall/addresses/net_10.0.0.0%2F24').expect(200);
  });

  it('-10147 → 409 when the upstream refuses a write for want of a lock', async () => {
    // The gateway locks workspace ADOMs itself, so -10147 only reaches a client when FMG still refuses.
    await stack.control.fault({
      match: { method: 'add', url: 'pm/config/adom/root/obj/firewall/address' },
      status: { code: -10147, message: 'no write permission' },
    });
    const res = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'ws', subnet: '10.9.9.9/32' });
    expect(expectProblem(res, 409, 'FMG_WORKSPACE_NOT_LOCKED').upstream.code).toBe(-10147);
  });

  it('-20055 → 423 on a write, when another administrator holds the ADOM', async () => {
    const res = await stack
      .http()
      .post('/adoms/datacenter/firewall/addresses')
      .send({ name: 'ws', subnet: '10.9.9.9/32' });
    expect(expectProblem(res, 423, 'FMG_WORKSPACE_LOCKED')).toMatchObject({ lockedBy: 'jsmith' });
  });

  it('-20055 → 423 Locked, naming the administrator holding the lock', async () => {
    const res = await stack.http().post('/adoms/datacenter/workspace/lock');
    const body = expectProblem(res, 423, 'FMG_WORKSPACE_LOCKED');
    expect(body).toMatchObject({ lockedBy: 'jsmith', retryable: true, upstream: { code: -20055 } });
    expect(res.headers['retry-after']).toBe('5');
  });

  it('-1 → 502 upstream internal error, flagged retryable', async () => {
    await stack.control.fault({
      match: { url: 'sys/status' },
      status: { code: -1, message: 'Internal error' },
    });
    const body = expectProblem(await stack.http().get('/system/status'), 502, 'FMG_INTERNAL_ERROR');
    expect(body.retryable).toBe(true);
  });

  it('an unknown code → 502, keeping the raw code', async () => {
    await stack.control.fault({ match: { url: 'sys/status' }, status: { code: -31337, message: 'odd' } });
    const body = expectProblem(await stack.http().get('/system/status'), 502, 'FMG_UNKNOWN_ERROR');
    expect(body.upstream).toMatchObject({ code: -31337, message: 'odd' });
  });

  describe('-11 (no permission, or an expired session)', () => {
    it('should re-login once and succeed when the session silently expired', async () => {
      await stack.http().get('/adoms/root').expect(200);
      await stack.control.expireSessions();
      const { next } = await stack.control.calls();
      await stack.http().get('/adoms/root').expect(200);
      const { calls } = await stack.control.calls(next);
      const seen = calls.map((c) => `${c.method} ${c.url} ${c.code}`);
      // The stale session is also logged out (it might have been alive); that call may land anywhere.
      expect(seen.filter((c) => !c.startsWith('exec sys/logout'))).toEqual([
        'get dvmdb/adom/root -11',
        'exec sys/login/user 0',
        'get dvmdb/adom/root 0',
      ]);
      expect(seen.filter((c) => c.startsWith('exec sys/logout')).length).toBeLessThanOrEqual(1);
    });

    it('should answer 403 when -11 persists after the one retry, without leaking the session', async () => {
      const viewer = await startStack({
        reuseEmulator: stack.emulator,
        fmg: { auth: { mode: 'password', username: 'viewer', password: 'viewer' } },
      });
      try {
        await viewer.http().get('/adoms/root').expect(200);
        const before = (await stack.control.sessions()).byUser.viewer ?? 0;
        const { next } = await stack.control.calls();
        const res = await viewer
          .http()
          .post('/adoms/root/firewall/addresses')
          .send({ name: 'ro', subnet: '10.1.1.1/32' });
        expect(expectProblem(res, 403, 'FMG_PERMISSION_DENIED').upstream.code).toBe(-11);
        const { calls } = await stack.control.calls(next);
        expect(calls.filter((c) => c.method === 'add')).toHaveLength(2);
        expect(calls.filter((c) => c.url === 'sys/login/user')).toHaveLength(1);
        // The replaced session was logged out: the viewer still holds as many sessions as before.
        await waitFor(async () => ((await stack.control.sessions()).byUser.viewer ?? 0) === before);
      } finally {
        await viewer.close();
      }
      expect((await stack.control.sessions()).byUser.viewer ?? 0).toBe(0);
    });
  });

  it('-22 → 502 when the gateway account cannot log in', async () => {
    const broken = await startStack({
      reuseEmulator: stack.emulator,
      fmg: { auth: { mode: 'password', username: 'admin', password: 'wrong' } },
    });
    try {
      const body = expectProblem(await broken.http().get('/adoms'), 502, 'UPSTREAM_AUTH_FAILED');
      expect(body.upstream).toMatchObject({ code: -22, url: '/sys/login/user' });
      expect(JSON.stringify(body)).not.toContain('wrong');
    } finally {
      await broken.close();
    }
  });

  describe('transport failures', () => {
    it('upstream down → 502 UPSTREAM_UNREACHABLE', async () => {
      const port = await closedPort();
      const down = await startStack({
        reuseEmulator: stack.emulator,
        fmg: { url: `http://127.0.0.1:${port}` },
      });
      try {
        expectProblem(await down.http().get('/adoms'), 502, 'UPSTREAM_UNREACHABLE');
      } finally {
        await down.close();
      }
    });

    it('upstream too slow → 504 UPSTREAM_TIMEOUT', async () => {
      const slow = await startStack({ reuseEmulator: stack.emulator, fmg: { timeoutMs: 300 } });
      try {
        await slow.http().get('/adoms').expect(200);
        await stack.control.fault({ match: { url: 'dvmdb/adom' }, delayMs: 1500 });
        expectProblem(await slow.http().get('/adoms'), 504, 'UPSTREAM_TIMEOUT');
      } finally {
        await slow.close();
      }
    });

    it('upstream HTTP 503 → 503 with Retry-After', async () => {
      await stack.control.fault({ match: { url: 'sys/status' }, httpStatus: 503 });
      const res = await stack.http().get('/system/status');
      expectProblem(res, 503, 'UPSTREAM_UNAVAILABLE');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it.each([
      ['HTTP 500', { httpStatus: 500 }],
      ['a body that is not JSON', { invalidJson: true }],
      ['a response to another request id', { wrongId: true }],
      // A read is resent after a lost connection (2 retries by default), so every attempt must fail.
      ['a dropped connection', { drop: true, times: 3 }],
    ])('%s → 502', async (_label, fault) => {
      await stack.control.fault({ match: { url: 'sys/status' }, ...fault });
      const res = await stack.http().get('/system/status');
      expect(res.status).toBe(502);
      expect(['UPSTREAM_PROTOCOL_ERROR', 'UPSTREAM_UNREACHABLE']).toContain(res.body.code);
      expectProblem(res, 502, res.body.code);
    });
  });
});

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
