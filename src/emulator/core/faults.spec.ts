import { useSeededEmulator } from '../../../test/support/emulator-testing';

const c = useSeededEmulator();
const ADDR = 'pm/config/adom/root/obj/firewall/address';

/** Adds a host address in a raw request, so the test sees the HTTP answer a fault makes of it. */
const rawAdd = (name: string) =>
  c.post({
    id: 1,
    method: 'add',
    session: c.session,
    params: [{ url: ADDR, data: { name, subnet: '1.2.3.4/32' } }],
  });

const fault = (spec: unknown) => c.control('POST', 'faults', spec);

describe('fault injection', () => {
  it('replaces matching elements with a status and does not execute them', async () => {
    expect(
      await fault({ match: { method: 'add', url: '/pm/config/adom/root' }, status: { code: -1 } }),
    ).toEqual({
      id: expect.any(Number),
    });
    const res = await c.call('add', [
      { url: ADDR, data: { name: 'f1', subnet: '10.7.0.0/24' } },
      { url: 'pm/config/adom/branch-east/obj/firewall/address', data: { name: 'f2', subnet: '10.7.1.0/24' } },
    ]);
    expect(res.result.map((r) => r.status.code)).toEqual([-1, 0]);
    expect(res.result[0].status.message).toBe('Error');
    expect((await c.one('get', `${ADDR}/f1`)).status.code).toBe(-3);
    // times defaults to 1: the next call goes through.
    expect((await c.one('add', ADDR, { data: { name: 'f1', subnet: '10.7.0.0/24' } })).status.code).toBe(0);
  });

  it('can fake an expired session for a number of calls, login included when matched', async () => {
    await fault({
      match: { method: 'get' },
      times: 2,
      status: { code: -11, message: 'No permission for the resource' },
    });
    expect((await c.one('get', 'dvmdb/adom')).status.code).toBe(-11);
    expect((await c.one('get', 'dvmdb/adom')).status.code).toBe(-11);
    expect((await c.one('get', 'dvmdb/adom')).status.code).toBe(0);
    await fault({ match: { url: 'sys/login/user' }, status: { code: -22 } });
    const login = await c.call('exec', { url: 'sys/login/user', data: { user: 'admin', passwd: 'admin' } });
    expect(login.result[0].status).toEqual({ code: -22, message: 'Login fail' });
    expect(login.session).toBeUndefined();
  });

  it('delays responses', async () => {
    await fault({ delayMs: 150 });
    const t0 = Date.now();
    expect((await c.one('get', 'sys/status')).status.code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('answers an HTTP error page without executing', async () => {
    await fault({ httpStatus: 503, match: { method: 'add' } });
    const res = await rawAdd('h503');
    expect(res.status).toBe(503);
    expect(res.text).toContain('<html>');
    expect((await c.one('get', `${ADDR}/h503`)).status.code).toBe(-3);
  });

  it('truncates JSON (after executing)', async () => {
    await fault({ invalidJson: true });
    const res = await rawAdd('hj');
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow();
    expect((await c.one('get', `${ADDR}/hj`)).status.code).toBe(0);
  });

  it('answers with the wrong id', async () => {
    await fault({ wrongId: true });
    const res = JSON.parse(
      (await c.post({ id: 41, method: 'get', session: c.session, params: [{ url: 'sys/status' }] })).text,
    );
    expect(res.id).toBe(42);
  });

  it('drops the connection', async () => {
    await fault({ drop: true });
    await expect(c.one('get', 'sys/status')).rejects.toThrow();
    expect((await c.one('get', 'sys/status')).status.code).toBe(0);
  });

  it('drops the connection after executing (the reply is lost, the write is not)', async () => {
    await fault({ dropResponse: true, match: { method: 'add' } });
    await expect(
      c.one('add', ADDR, { data: { name: 'lost-reply', subnet: '1.2.3.5/32' } }),
    ).rejects.toThrow();
    expect((await c.one('get', `${ADDR}/lost-reply`)).status.code).toBe(0);
  });

  it('hangs: accepts the request and never answers', async () => {
    await fault({ hang: true, match: { url: 'sys/status' } });
    const pending = fetch(`${c.baseUrl}/jsonrpc`, {
      method: 'POST',
      body: JSON.stringify({ id: 1, method: 'get', session: c.session, params: [{ url: 'sys/status' }] }),
      signal: AbortSignal.timeout(300),
    });
    await expect(pending).rejects.toThrow(/abort|timeout/i);
    // The hang was used up and the server still serves others.
    expect((await c.one('get', 'sys/status')).status.code).toBe(0);
  });

  it('lists, validates and clears faults', async () => {
    await fault({ status: { code: -6 }, times: 5 });
    expect((await c.control('GET', 'faults')).faults).toHaveLength(1);
    const bad = await fetch(`${c.baseUrl}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ times: 0 }),
    });
    expect(bad.status).toBe(400);
    await c.control('DELETE', 'faults');
    expect((await c.one('get', 'sys/status')).status.code).toBe(0);
  });
});

describe('calls log and reset', () => {
  it('records executed elements with user and code', async () => {
    const { next } = await c.control('GET', 'calls');
    await c.call('get', [
      { url: '/dvmdb/adom/' },
      { url: `${ADDR}/net_10.0.0.0\\/24` },
      { url: `${ADDR}/nope` },
    ]);
    await c.call('exec', { url: 'sys/login/user', data: { user: 'admin', passwd: 'bad' } });
    const log = await c.control('GET', `calls?since=${next}`);
    expect(log.calls).toEqual([
      // sessionLoad 1: each request was alone on the session when it arrived; batch 3: one call, three params.
      { seq: next + 1, method: 'get', url: 'dvmdb/adom', user: 'admin', code: 0, sessionLoad: 1, batch: 3 },
      {
        seq: next + 2,
        method: 'get',
        url: `${ADDR}/net_10.0.0.0\\/24`,
        user: 'admin',
        code: 0,
        sessionLoad: 1,
        batch: 3,
      },
      {
        seq: next + 3,
        method: 'get',
        url: `${ADDR}/nope`,
        user: 'admin',
        code: -3,
        sessionLoad: 1,
        batch: 3,
      },
      { seq: next + 4, method: 'exec', url: 'sys/login/user', user: 'admin', code: -22, sessionLoad: 1 },
    ]);
    expect(log.next).toBe(next + 4);
    expect((await c.control('GET', `calls?since=${log.next}`)).calls).toEqual([]);
  });

  it('marks fault-answered elements', async () => {
    await fault({ status: { code: -1 } });
    const { next } = await c.control('GET', 'calls');
    await c.one('get', 'sys/status');
    expect((await c.control('GET', `calls?since=${next}`)).calls).toEqual([
      {
        seq: next + 1,
        method: 'get',
        url: 'sys/status',
        user: 'admin',
        code: -1,
        faulted: true,
        sessionLoad: 1,
      },
    ]);
  });

  it('reset drops sessions and data changes and restores the seed', async () => {
    await c.one('delete', `${ADDR}/net_guest`);
    await c.control('POST', 'reset');
    expect((await c.control('GET', 'sessions')).live).toBe(0);
    await c.login();
    expect((await c.one('get', `${ADDR}/net_guest`)).status.code).toBe(0);
    expect((await c.one('get', 'dvmdb/adom/datacenter/workspace/lockinfo')).data[0].lock_user).toBe('jsmith');
  });

  it('404s unknown control routes', async () => {
    expect((await fetch(`${c.baseUrl}/__emulator/nope`)).status).toBe(404);
  });
});
