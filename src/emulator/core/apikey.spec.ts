import { DEMO_API_KEY, startEmulator, type RunningEmulator } from '../index';
import { hasParallelTokenBug, parseVersion } from './product';
import { EmulatorTestClient, useEmulator } from '../../../test/support/emulator-testing';

const [key, pw] = useEmulator({}, 2);
key.apiKey = DEMO_API_KEY;
const WS = 'dvmdb/adom/datacenter/workspace';
const ADDR = 'pm/config/adom/datacenter/obj/firewall/address';
const BUGGY = 'v7.4.3-build2487 240403 (GA)';

beforeEach(() => key.control('POST', 'reset'));

const codes = (r: { result: { status: { code: number } }[] }) => r.result.map((x) => x.status.code);

describe('API key (Bearer) auth', () => {
  it('authenticates every element without login or session, and logs the user', async () => {
    const { next } = await key.control('GET', 'calls');
    const res = await key.call('get', [{ url: 'dvmdb/adom' }, { url: 'sys/status' }]);
    expect(codes(res)).toEqual([0, 0]);
    expect(res.session).toBeUndefined();
    const { calls } = await key.control('GET', `calls?since=${next}`);
    expect(calls.map((c: { user: string }) => c.user)).toEqual(['apiuser', 'apiuser']);
    // No login session is taken.
    expect(await key.control('GET', 'sessions')).toMatchObject({ live: 0, byUser: {} });
  });

  it('treats a null session as absent', async () => {
    const res = await key.call('get', { url: 'dvmdb/adom' }, null as unknown as undefined);
    expect(codes(res)).toEqual([0]);
  });

  it('answers -11 for an unknown or empty key', async () => {
    const bad = new EmulatorTestClient(key.baseUrl);
    bad.apiKey = 'nope';
    expect((await bad.one('get', 'dvmdb/adom')).status).toEqual({
      code: -11,
      message: 'No permission for the resource',
    });
    bad.apiKey = '';
    expect((await bad.one('get', 'dvmdb/adom')).status.code).toBe(-11);
    const { calls } = await bad.control('GET', 'calls');
    expect(calls.at(-1)).toMatchObject({ url: 'dvmdb/adom', user: null, code: -11 });
  });

  it('answers -11 when a session field comes along with the key, even a valid one', async () => {
    expect(codes(await key.call('get', [{ url: 'dvmdb/adom' }, { url: 'sys/status' }], 'fake'))).toEqual([
      -11, -11,
    ]);
    const sid = await pw.login();
    expect((await key.one('get', 'dvmdb/adom', {}, sid)).status.code).toBe(-11);
  });

  it('cannot log in with a password as the API user', async () => {
    await expect(pw.login('apiuser', '')).rejects.toThrow(/-22/);
  });

  it('applies rpc-permit read and none to key users', async () => {
    const ro = await startEmulator({
      seed: false,
      users: [
        { user: 'ro', password: 'x', rpcPermit: 'read', apiKey: 'ro-key' },
        { user: 'off', password: 'x', rpcPermit: 'none', apiKey: 'off-key' },
      ],
    });
    try {
      const c = new EmulatorTestClient(ro.url);
      c.apiKey = 'ro-key';
      expect((await c.one('get', 'dvmdb/adom')).status.code).toBe(0);
      expect((await c.one('add', 'dvmdb/adom', { data: { name: 'x' } })).status.code).toBe(-11);
      c.apiKey = 'off-key';
      expect((await c.one('get', 'dvmdb/adom')).status.code).toBe(-11);
    } finally {
      await ro.close();
    }
  });

  it('keeps workspace locks in a per-key session until unlocked', async () => {
    // Free the datacenter ADOM from the seeded GUI lock.
    await key.one('update', 'dvmdb/adom/datacenter', { data: { workspace_mode: 0 } });
    await key.one('update', 'dvmdb/adom/datacenter', { data: { workspace_mode: 1 } });
    expect((await key.one('exec', `${WS}/lock`)).status.code).toBe(0);
    // Separate requests share the lock: the key always acts in the same session.
    expect((await key.one('add', ADDR, { data: { name: 'k1', subnet: '10.9.0.0/24' } })).status.code).toBe(0);
    // Neither expiring login sessions nor a logout with the key releases it.
    await key.control('POST', 'sessions/expire');
    expect((await key.one('exec', 'sys/logout')).status.code).toBe(0);
    await pw.login();
    expect((await pw.one('exec', `${WS}/lock`)).status.code).toBe(-20055);
    expect((await pw.one('get', `${WS}/lockinfo`)).data[0]).toMatchObject({ lock_user: 'apiuser', dirty: 0 });
    expect((await key.one('exec', `${WS}/commit`)).status.code).toBe(0);
    expect((await key.one('exec', `${WS}/unlock`)).status.code).toBe(0);
    expect((await pw.one('exec', `${WS}/lock`)).status.code).toBe(0);
    expect((await pw.one('get', `${ADDR}/k1`)).status.code).toBe(0);
  });
});

describe('firmware version', () => {
  it('derives sys/status from the version option', async () => {
    const old = await startEmulator({ seed: false, version: BUGGY });
    try {
      const c = new EmulatorTestClient(old.url);
      c.apiKey = DEMO_API_KEY;
      expect((await c.one('get', 'sys/status')).data).toMatchObject({
        Version: BUGGY,
        Major: 7,
        Minor: 4,
        Patch: 3,
        Build: 2487,
        'Branch Point': '2487',
        'Release Version Information': ' (GA)',
      });
    } finally {
      await old.close();
    }
  });

  it('rejects a malformed version', async () => {
    await expect(startEmulator({ version: '7.4.3' })).rejects.toThrow(/invalid emulator version/);
  });

  it('has the parallel-token bug from 7.2.7 to 7.4.7 inclusive', () => {
    const bug = (v: string) => hasParallelTokenBug(parseVersion(`v${v}-build1`));
    expect(['7.2.7', '7.2.10', '7.4.0', '7.4.7'].map(bug)).toEqual([true, true, true, true]);
    expect(['7.2.6', '7.4.8', '7.6.2', '7.6.5', '6.4.15'].map(bug)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('parallel-token bug', () => {
  let buggy: RunningEmulator;
  let a: EmulatorTestClient;
  let b: EmulatorTestClient;

  beforeAll(async () => {
    buggy = await startEmulator({
      version: BUGGY,
      users: [
        { user: 'admin', password: 'admin', rpcPermit: 'read-write' },
        { user: 'api1', password: 'x', rpcPermit: 'read-write', apiKey: 'key-1' },
        { user: 'api2', password: 'x', rpcPermit: 'read-write', apiKey: 'key-2' },
      ],
    });
    a = new EmulatorTestClient(buggy.url);
    b = new EmulatorTestClient(buggy.url);
  });
  afterAll(() => buggy.close());
  beforeEach(async () => {
    await a.control('POST', 'reset');
    a.apiKey = 'key-1';
    b.apiKey = 'key-1';
  });

  it('answers -11 on every element of an overlapping request with the same key, and counts them', async () => {
    const p1 = a.call('get', [{ url: 'dvmdb/adom' }, { url: 'sys/status' }]);
    // Token requests take ≥ 20 ms in this mode, so the second one arrives while the first runs.
    await new Promise((r) => setTimeout(r, 5));
    const p2 = b.call('get', [{ url: 'dvmdb/adom' }, { url: 'sys/status' }]);
    const [r1, r2] = await Promise.all([p1, p2]);
    expect(codes(r1)).toEqual([0, 0]);
    expect(codes(r2)).toEqual([-11, -11]);
    const report = await a.control('GET', 'sessions');
    expect(report.tokenCollisions).toBe(2);
    const { calls } = await a.control('GET', 'calls');
    expect(calls.filter((c: { code: number }) => c.code === -11)).toEqual([
      expect.objectContaining({ user: 'api1', url: 'dvmdb/adom' }),
      expect.objectContaining({ user: 'api1', url: 'sys/status' }),
    ]);
    expect((await a.control('POST', 'reset')).reset).toBe(true);
    expect((await a.control('GET', 'sessions')).tokenCollisions).toBe(0);
  });

  it('is fine when requests do not overlap, use different keys, or use sessions', async () => {
    for (let i = 0; i < 3; i++) expect(codes(await a.call('get', { url: 'dvmdb/adom' }))).toEqual([0]);
    b.apiKey = 'key-2';
    const both = await Promise.all([
      a.call('get', { url: 'dvmdb/adom' }),
      b.call('get', { url: 'dvmdb/adom' }),
    ]);
    expect(both.map(codes)).toEqual([[0], [0]]);
    const s1 = new EmulatorTestClient(buggy.url);
    const s2 = new EmulatorTestClient(buggy.url);
    await s1.login();
    await s2.login();
    const sessions = await Promise.all([
      s1.call('get', { url: 'dvmdb/adom' }),
      s2.call('get', { url: 'dvmdb/adom' }),
    ]);
    expect(sessions.map(codes)).toEqual([[0], [0]]);
    expect((await a.control('GET', 'sessions')).tokenCollisions).toBe(0);
  });

  it('does not happen on 7.6.x', async () => {
    const c = new EmulatorTestClient(key.baseUrl);
    c.apiKey = DEMO_API_KEY;
    const all = await Promise.all(Array.from({ length: 8 }, () => c.call('get', { url: 'dvmdb/adom' })));
    expect(all.map(codes)).toEqual(Array.from({ length: 8 }, () => [0]));
    expect((await c.control('GET', 'sessions')).tokenCollisions).toBe(0);
  });
});
