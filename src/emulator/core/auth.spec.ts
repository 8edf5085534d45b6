import { startEmulator } from '../index';
import { EmulatorTestClient, useEmulator } from '../../../test/support/emulator-testing';

const [c] = useEmulator({
  loginMax: 3,
  users: [
    { user: 'admin', password: 'admin', rpcPermit: 'read-write' },
    { user: 'viewer', password: 'viewer', rpcPermit: 'read' },
    { user: 'nobody', password: 'nobody', rpcPermit: 'none' },
  ],
});
beforeEach(() => c.control('POST', 'reset'));

describe('login and sessions', () => {
  it('logs in, counts sessions and logs out', async () => {
    const res = await c.call('exec', { url: '/sys/login/user', data: [{ user: 'admin', passwd: 'admin' }] });
    expect(res.result[0].status).toEqual({ code: 0, message: 'OK' });
    expect(typeof res.session).toBe('string');
    c.session = res.session;
    expect(await c.control('GET', 'sessions')).toEqual({
      live: 1,
      byUser: { admin: 1 },
      foreign: 1,
      loginMax: 3,
      idleTimeoutMs: 15 * 60_000,
      maxLiveByUser: { admin: 1 },
      tokenCollisions: 0,
      oauthTokens: 0,
    });
    expect((await c.one('get', 'sys/status')).data.Version).toBe('v7.6.5-build3653 250124 (GA)');
    expect((await c.logout()).status.code).toBe(0);
    expect((await c.control('GET', 'sessions')).live).toBe(0);
    expect((await c.one('get', 'sys/status', {}, res.session)).status.code).toBe(-11);
  });

  it('rejects bad credentials with -22', async () => {
    const res = await c.call('exec', { url: 'sys/login/user', data: { user: 'admin', passwd: 'nope' } });
    expect(res.result[0].status).toEqual({ code: -22, message: 'Login fail' });
    expect(res.session).toBeUndefined();
  });

  it('answers -11 for rpc-permit none at login', async () => {
    const res = await c.call('exec', { url: 'sys/login/user', data: { user: 'nobody', passwd: 'nobody' } });
    expect(res.result[0].status.code).toBe(-11);
  });

  it('enforces loginMax per user', async () => {
    const sids: string[] = [];
    for (let i = 0; i < 3; i++) sids.push(await c.login());
    const res = await c.call('exec', { url: 'sys/login/user', data: { user: 'admin', passwd: 'admin' } });
    expect(res.result[0].status).toEqual({
      code: -22,
      message: 'Login fail: maximum number of sessions reached',
    });
    await c.login('viewer', 'viewer'); // the cap is per user
    expect((await c.one('exec', 'sys/logout', {}, sids[0])).status.code).toBe(0);
    await expect(c.login()).resolves.toEqual(expect.any(String)); // a freed slot can be reused
    expect(await c.control('GET', 'sessions')).toMatchObject({
      live: 4,
      byUser: { admin: 3, viewer: 1 },
      foreign: 1,
      maxLiveByUser: { admin: 3, viewer: 1 },
    });
  });

  it('reports the highest simultaneous session count per user since start or reset', async () => {
    const sids = [await c.login(), await c.login(), await c.login()];
    for (const sid of sids.slice(0, 2)) await c.one('exec', 'sys/logout', {}, sid);
    await c.login();
    await c.login('viewer', 'viewer');
    expect(await c.control('GET', 'sessions')).toMatchObject({
      live: 3,
      byUser: { admin: 2, viewer: 1 },
      maxLiveByUser: { admin: 3, viewer: 1 },
    });
    await c.control('POST', 'sessions/expire');
    expect((await c.control('GET', 'sessions')).maxLiveByUser).toEqual({ admin: 3, viewer: 1 });
    await c.control('POST', 'reset');
    expect((await c.control('GET', 'sessions')).maxLiveByUser).toEqual({});
  });

  it('answers -11 for missing, unknown and expired sessions', async () => {
    expect((await c.one('get', 'dvmdb/adom', {}, undefined)).status).toEqual({
      code: -11,
      message: 'No permission for the resource',
    });
    expect((await c.one('get', 'dvmdb/adom', {}, 'bogus')).status.code).toBe(-11);
    const sid = await c.login();
    expect((await c.control('POST', 'sessions/expire')).expired).toBe(1);
    expect((await c.one('get', 'dvmdb/adom', {}, sid)).status.code).toBe(-11);
    expect((await c.control('GET', 'sessions')).foreign).toBe(1);
  });

  it('expires idle sessions lazily', async () => {
    const short = await startEmulator({ idleTimeoutMs: 50, seed: false });
    try {
      const s = new EmulatorTestClient(short.url);
      await s.login();
      expect((await s.one('get', 'dvmdb/adom')).status.code).toBe(0);
      await new Promise((r) => setTimeout(r, 120));
      expect((await s.one('get', 'dvmdb/adom')).status.code).toBe(-11);
      expect(await s.control('GET', 'sessions')).toMatchObject({
        live: 0,
        byUser: {},
        foreign: 0,
        idleTimeoutMs: 50,
        maxLiveByUser: { admin: 1 },
      });
    } finally {
      await short.close();
    }
  });

  it('lets read-only users get but not write', async () => {
    await c.login('viewer', 'viewer');
    expect((await c.one('get', 'dvmdb/adom')).status.code).toBe(0);
    const add = await c.one('add', 'pm/config/adom/root/obj/firewall/address', {
      data: { name: 'x', subnet: '1.1.1.1/32' },
    });
    expect(add.status.code).toBe(-11);
    expect((await c.one('exec', 'dvmdb/adom/datacenter/workspace/lock')).status.code).toBe(-11);
    expect((await c.logout()).status.code).toBe(0);
  });
});

describe('envelope', () => {
  it('echoes id and answers a mixed batch element by element', async () => {
    await c.login();
    const body = {
      id: 4711,
      method: 'get',
      session: c.session,
      params: [
        { url: 'dvmdb/adom/root', fields: ['name'] },
        { url: 'pm/config/adom/root/obj/firewall/address/nope' },
        { url: 'no/such/url' },
      ],
    };
    const res = JSON.parse((await c.post(body)).text);
    expect(res.id).toBe(4711);
    expect(res.result.map((r: { status: { code: number } }) => r.status.code)).toEqual([0, -3, -6]);
    expect(res.result[0]).toEqual({
      status: { code: 0, message: 'OK' },
      url: 'dvmdb/adom/root',
      data: { name: 'root', oid: expect.any(Number) },
    });
    expect(res.result[2].status.message).toBe('Invalid url');
  });

  it('answers a parse error for non-JSON bodies', async () => {
    const res = await c.post('{not json');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ id: null, error: { code: -32700, message: 'Parse error' } });
  });

  it('404s other paths and -9s unknown methods', async () => {
    expect((await fetch(`${c.baseUrl}/api/v2/cmdb`)).status).toBe(404);
    await c.login();
    expect((await c.one('frobnicate', 'dvmdb/adom')).status).toEqual({
      code: -9,
      message: 'The command is invalid for selected url',
    });
    expect((await c.one('get', 'sys/login/user')).status.code).toBe(-9);
  });

  it('serves status and global settings', async () => {
    await c.login();
    const st = await c.one('get', 'cli/global/system/status');
    expect(st.data).toMatchObject({
      Major: 7,
      Minor: 6,
      Patch: 5,
      Build: 3653,
      Hostname: 'FMG-EMULATOR',
      'Serial Number': 'FMG-VMTM26000001',
      'Platform Type': 'FortiManager-VM64',
      'Admin Domain Configuration': 'Enabled',
      'HA Mode': 'Stand Alone',
      'Max Number of Admin Domains': 10000,
    });
    const g = await c.one('get', 'cli/global/system/global', { fields: ['workspace-mode', 'adom-status'] });
    expect(g.data).toEqual({ 'workspace-mode': 'per-adom', 'adom-status': 'enable' });
  });
});
