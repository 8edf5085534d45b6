import { DEMO_CLOUD_USER, startEmulator } from './index';
import { EmulatorTestClient, useEmulator } from '../../test/support/emulator-testing';

const [c] = useEmulator({ loginMax: 2 });
const TOKEN = '/api/v1/oauth/token/';
const REVOKE = '/api/v1/oauth/revoke_token/';
const LOGIN = '/p/forticloud_jsonrpc_login/';

beforeEach(async () => {
  await c.control('POST', 'reset');
  c.session = undefined;
});

const grant = (client: EmulatorTestClient, over: Record<string, unknown> = {}) =>
  client.postJson(TOKEN, {
    username: DEMO_CLOUD_USER.username,
    password: DEMO_CLOUD_USER.password,
    client_id: 'FortiManager',
    grant_type: 'password',
    ...over,
  });

async function token(client = c, clientId = 'FortiManager'): Promise<string> {
  const r = await grant(client, { client_id: clientId });
  expect(r.status).toBe(200);
  return r.body.access_token;
}

describe('FortiCloud OAuth and cloud login', () => {
  it('issues a token, trades it for a session, and the session works for JSON-RPC', async () => {
    const r = await grant(c);
    expect(r).toEqual({
      status: 200,
      body: {
        access_token: expect.any(String),
        expires_in: 3600,
        refresh_token: expect.any(String),
        token_type: 'Bearer',
        scope: 'read write',
        status: 'success',
        message: 'successfully authenticated',
      },
    });
    expect((await c.control('GET', 'sessions')).oauthTokens).toBe(1);
    const { next } = await c.control('GET', 'calls');
    const login = await c.postJson(LOGIN, { access_token: r.body.access_token });
    expect(login).toEqual({ status: 200, body: { session: expect.any(String) } });
    c.session = login.body.session;
    expect((await c.one('get', 'dvmdb/adom')).status.code).toBe(0);
    const { calls } = await c.control('GET', `calls?since=${next}`);
    expect(calls).toEqual([
      { seq: expect.any(Number), method: 'exec', url: 'p/forticloud_jsonrpc_login', user: 'admin', code: 0 },
      { seq: expect.any(Number), method: 'get', url: 'dvmdb/adom', user: 'admin', code: 0, sessionLoad: 1 },
    ]);
    expect(await c.control('GET', 'sessions')).toMatchObject({ live: 1, byUser: { admin: 1 } });
    // Revoking the token (as pyFMG does right after login) leaves the session alive.
    expect(await c.postJson(REVOKE, { client_id: 'FortiManager', token: r.body.access_token })).toEqual({
      status: 200,
      body: { status: 'success' },
    });
    expect((await c.control('GET', 'sessions')).oauthTokens).toBe(0);
    expect((await c.one('get', 'dvmdb/adom')).status.code).toBe(0);
    expect(await c.postJson(LOGIN, { access_token: r.body.access_token })).toEqual({
      status: 401,
      body: { status: 'error', message: 'invalid token' },
    });
    const after = await c.control('GET', 'calls');
    expect(after.calls.at(-1)).toMatchObject({ url: 'p/forticloud_jsonrpc_login', user: null, code: -11 });
  });

  it('refuses wrong credentials, grant type and client id with 401', async () => {
    expect(await grant(c, { password: 'nope' })).toEqual({
      status: 401,
      body: { status: 'error', error: 'invalid_grant', error_message: expect.any(String) },
    });
    expect((await grant(c, { grant_type: 'client_credentials' })).body.error).toBe('invalid_grant');
    expect((await grant(c, { client_id: 'FortiGate' })).status).toBe(401);
    expect(await c.postJson(LOGIN, { access_token: 'forged' })).toMatchObject({ status: 401 });
    expect(await c.postJson(LOGIN, {})).toMatchObject({ status: 401 });
    expect((await c.control('GET', 'sessions')).oauthTokens).toBe(0);
  });

  it('needs the trailing slash and POST', async () => {
    const t = await token();
    expect((await c.postJson('/p/forticloud_jsonrpc_login', { access_token: t })).status).toBe(404);
    expect((await fetch(`${c.baseUrl}${LOGIN}`)).status).toBe(405);
    const bad = await fetch(`${c.baseUrl}${LOGIN}`, { method: 'POST', body: '{oops' });
    expect(bad.status).toBe(400);
    expect((await c.postJson(LOGIN, { access_token: t })).status).toBe(200);
  });

  it('counts cloud sessions toward login-max like password logins', async () => {
    const t = await token();
    expect((await c.postJson(LOGIN, { access_token: t })).status).toBe(200);
    await c.login(); // same mapped user: admin
    const third = await c.postJson(LOGIN, { access_token: t });
    expect(third).toEqual({
      status: 401,
      body: { status: 'error', message: 'Login fail: maximum number of sessions reached' },
    });
    expect(await c.control('GET', 'sessions')).toMatchObject({
      byUser: { admin: 2 },
      maxLiveByUser: { admin: 2 },
    });
  });

  it('refuses a token issued for the other product', async () => {
    const t = await token(c, 'FortiAnalyzer');
    expect((await c.postJson(LOGIN, { access_token: t })).status).toBe(401);
    const faz = await startEmulator({ product: 'fortianalyzer', seed: false });
    try {
      const f = new EmulatorTestClient(faz.url);
      const ft = await token(f, 'FortiAnalyzer');
      const login = await f.postJson(LOGIN, { access_token: ft });
      expect(login.status).toBe(200);
      f.session = login.body.session;
      expect((await f.one('get', 'sys/status')).data.Hostname).toBe('FAZ-EMULATOR');
    } finally {
      await faz.close();
    }
  });

  it('expires tokens after oauthTokenTtlMs, and cloud sessions idle out like any session', async () => {
    const short = await startEmulator({ seed: false, oauthTokenTtlMs: 60, idleTimeoutMs: 60 });
    try {
      const s = new EmulatorTestClient(short.url);
      const r = await grant(s);
      expect(r.body.expires_in).toBe(1);
      const login = await s.postJson(LOGIN, { access_token: r.body.access_token });
      s.session = login.body.session;
      expect((await s.one('get', 'dvmdb/adom')).status.code).toBe(0);
      await new Promise((res) => setTimeout(res, 120));
      expect((await s.control('GET', 'sessions')).oauthTokens).toBe(0);
      expect((await s.postJson(LOGIN, { access_token: r.body.access_token })).status).toBe(401);
      expect((await s.one('get', 'dvmdb/adom')).status.code).toBe(-11);
    } finally {
      await short.close();
    }
  });

  it('validates cloud users against the user list', async () => {
    await expect(
      startEmulator({ cloudUsers: [{ username: 'X', password: 'y', user: 'ghost' }] }),
    ).rejects.toThrow(/unknown user ghost/);
    // Custom users without admin simply have no default cloud user.
    const custom = await startEmulator({
      seed: false,
      users: [{ user: 'ops', password: 'ops', rpcPermit: 'read-write' }],
    });
    try {
      expect((await grant(new EmulatorTestClient(custom.url))).status).toBe(401);
    } finally {
      await custom.close();
    }
  });

  it('forgets tokens on reset', async () => {
    const t = await token();
    await c.control('POST', 'reset');
    expect((await c.postJson(LOGIN, { access_token: t })).status).toBe(401);
  });
});
