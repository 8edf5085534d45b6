import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { AuditEntry, AuditService } from '../../src/audit/audit.service';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';
import { TEST_AUTH, testToken } from '../support/tokens';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('client authentication and authorization', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  /** Runs fn and returns the JSON-RPC calls the emulator executed meanwhile (logins excluded). */
  async function upstreamCallsDuring(fn: () => Promise<unknown>): Promise<string[]> {
    const { next } = await stack.control.calls();
    await fn();
    const { calls } = await stack.control.calls(next);
    return calls.filter((c) => !c.url.startsWith('sys/log')).map((c) => `${c.method} ${c.url}`);
  }

  describe('authentication (401)', () => {
    it('should require a token, with a Bearer challenge', async () => {
      const res = await stack.anonymous().get('/adoms');
      expect(expectProblem(res, 401, 'UNAUTHORIZED').detail).toBe('A bearer token is required.');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="fortirest"/);
    });

    it('should accept a valid token', async () => {
      await stack.anonymous().get('/adoms').set(bearer(testToken())).expect(200);
    });

    const now = Math.floor(Date.now() / 1000);
    const unsigned = (payload: object) =>
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

    it.each<[string, () => string, RegExp]>([
      ['expired beyond the clock skew', () => testToken({ exp: now - 120 }), /jwt expired/],
      ['from another issuer', () => testToken({}, { issuer: 'https://evil.example' }), /issuer invalid/],
      ['for another audience', () => testToken({}, { audience: 'another-api' }), /audience invalid/],
      ['signed with another secret', () => testToken({}, { secret: 'x'.repeat(48) }), /invalid signature/],
      [
        'signed with another algorithm (HS512)',
        () => testToken({}, { algorithm: 'HS512' }),
        /invalid algorithm/,
      ],
      [
        'with alg "none"',
        () =>
          unsigned({
            sub: 'x',
            scope: 'admin',
            adoms: ['*'],
            iss: TEST_AUTH.issuer,
            aud: TEST_AUTH.audience,
            exp: now + 600,
          }),
        /jwt signature is required|invalid algorithm/,
      ],
      ['that is not a JWT', () => 'not.a.jwt', /invalid token|jwt malformed/],
    ])('should refuse a token %s', async (_label, token, reason) => {
      const calls = await upstreamCallsDuring(async () => {
        const res = await stack.anonymous().get('/adoms').set(bearer(token()));
        expect(expectProblem(res, 401, 'UNAUTHORIZED').detail).toMatch(reason);
      });
      expect(calls).toEqual([]);
    });

    it('should tolerate a token expired within the clock skew', async () => {
      await stack
        .anonymous()
        .get('/adoms')
        .set(bearer(testToken({ exp: now - 10 })))
        .expect(200);
    });

    it('should keep health and docs public', async () => {
      await stack.anonymous().get('/health/live').expect(200);
      await stack.anonymous().get('/docs/openapi.json').expect(200);
    });
  });

  describe('authorization (403)', () => {
    it('should refuse a write without the write scope, before any upstream call', async () => {
      const calls = await upstreamCallsDuring(async () => {
        const res = await stack
          .anonymous()
          .post('/adoms/root/firewall/addresses')
          .set(bearer(testToken({ scope: 'read' })))
          .send({ name: 'nope', subnet: '10.0.0.1/32' });
        expectProblem(res, 403, 'INSUFFICIENT_SCOPE');
      });
      expect(calls).toEqual([]);
    });

    it('should let read tokens read but keep system status for admins', async () => {
      const read = bearer(testToken({ scope: 'read' }));
      await stack.anonymous().get('/adoms/root').set(read).expect(200);
      expectProblem(await stack.anonymous().get('/system/status').set(read), 403, 'INSUFFICIENT_SCOPE');
      await stack
        .anonymous()
        .get('/system/status')
        .set(bearer(testToken({ scope: 'admin' })))
        .expect(200);
    });

    it('should accept scopes as an array claim too', async () => {
      await stack
        .anonymous()
        .get('/adoms/root')
        .set(bearer(testToken({ scope: ['read'] })))
        .expect(200);
    });

    it.each([
      '/adoms/branch-east',
      '/adoms/branch-east/packages',
      '/adoms/branch-east/firewall/addresses/x',
      '/adoms/datacenter/workspace',
    ])('should refuse %s for a client limited to root and branch-w*', async (path) => {
      const calls = await upstreamCallsDuring(async () => {
        const res = await stack
          .anonymous()
          .get(path)
          .set(bearer(testToken({ scope: 'read', adoms: ['root', 'branch-w*'] })));
        expectProblem(res, 403, 'ADOM_NOT_ALLOWED');
      });
      expect(calls).toEqual([]);
    });

    it('should allow ADOMs matching a pattern', async () => {
      const token = bearer(testToken({ scope: 'read', adoms: ['root', 'branch-w*'] }));
      await stack.anonymous().get('/adoms/branch-west/packages').set(token).expect(200);
    });

    it('should list only the ADOMs a client may see, with a matching total', async () => {
      const res = await stack
        .anonymous()
        .get('/adoms?sort=name')
        .set(bearer(testToken({ scope: 'read', adoms: ['root', 'branch-*'] })))
        .expect(200);
      expect(res.body.items.map((a: { name: string }) => a.name)).toEqual([
        'branch-east',
        'branch-west',
        'root',
      ]);
      expect(res.body.total).toBe(3);
    });

    it('should list nothing, and ask the upstream nothing, for a client without ADOMs', async () => {
      const calls = await upstreamCallsDuring(async () => {
        const res = await stack
          .anonymous()
          .get('/adoms')
          .set(bearer(testToken({ scope: 'read', adoms: [] })))
          .expect(200);
        expect(res.body).toMatchObject({ items: [], total: 0 });
      });
      expect(calls).toEqual([]);
    });
  });

  describe('raw JSON-RPC passthrough', () => {
    const call = (token: string, body: object) =>
      stack.anonymous().post('/rpc').set(bearer(token)).send(body);

    it('should pass an allowed call through with the upstream statuses kept', async () => {
      const res = await call(testToken({ scope: 'admin' }), {
        method: 'get',
        params: [
          { url: '/pm/config/adom/root/obj/firewall/address', fields: ['name'], range: [0, 2] },
          { url: '/pm/config/adom/root/obj/firewall/address/does-not-exist' },
        ],
      }).expect(200);
      expect(res.body.result[0].status.code).toBe(0);
      expect(res.body.result[0].data).toHaveLength(2);
      expect(res.body.result[1].status.code).toBe(-3);
    });

    it.each<[string, string, object, number, string]>([
      [
        'a write-scope client',
        'write',
        { method: 'get', params: [{ url: '/sys/status' }] },
        403,
        'INSUFFICIENT_SCOPE',
      ],
      [
        'the gateway session',
        'admin',
        { method: 'exec', params: [{ url: '/sys/logout' }] },
        403,
        'RPC_URL_NOT_ALLOWED',
      ],
      [
        'admin accounts',
        'admin',
        { method: 'get', params: [{ url: '/cli/global/system/admin/user' }] },
        403,
        'RPC_URL_NOT_ALLOWED',
      ],
      [
        'workspace locks',
        'admin',
        { method: 'exec', params: [{ url: '/dvmdb/adom/root/workspace/lock' }] },
        403,
        'RPC_URL_NOT_ALLOWED',
      ],
      [
        'a url outside the allow-list',
        'admin',
        { method: 'exec', params: [{ url: '/sys/reboot' }] },
        403,
        'RPC_URL_NOT_ALLOWED',
      ],
      [
        'a session of its own',
        'admin',
        { method: 'get', params: [{ url: '/sys/status', session: 'x' }] },
        400,
        'BAD_REQUEST',
      ],
    ])('should refuse %s without calling the upstream', async (_label, scope, body, status, code) => {
      const calls = await upstreamCallsDuring(async () => {
        expectProblem(await call(testToken({ scope }), body), status, code);
      });
      expect(calls).toEqual([]);
    });

    it('should hold an ADOM-limited admin to its ADOMs, also in urls', async () => {
      const token = testToken({ scope: 'admin', adoms: ['root'] });
      await call(token, {
        method: 'get',
        params: [{ url: '/pm/config/adom/root/obj/firewall/address' }],
      }).expect(200);
      const calls = await upstreamCallsDuring(async () => {
        const other = {
          method: 'get',
          params: [{ url: '/pm/config/adom/branch-east/obj/firewall/address' }],
        };
        expectProblem(await call(token, other), 403, 'ADOM_NOT_ALLOWED');
        expectProblem(
          await call(token, { method: 'get', params: [{ url: '/dvmdb/adom' }] }),
          403,
          'ADOM_NOT_ALLOWED',
        );
      });
      expect(calls).toEqual([]);
    });
  });

  describe('audit log', () => {
    it('should record every write with who, what, the JSON-RPC calls and the outcome', async () => {
      const entries: AuditEntry[] = [];
      const audit = stack.app.get(AuditService);
      const listener = (e: AuditEntry) => entries.push(e);
      audit.on('entry', listener);
      try {
        const writer = bearer(testToken({ sub: 'alice', scope: 'write' }));
        await stack
          .anonymous()
          .post('/adoms/root/firewall/addresses')
          .set(writer)
          .send({ name: 'audited', subnet: '10.7.7.7/32' })
          .expect(201);
        await stack
          .anonymous()
          .delete('/adoms/root/firewall/addresses/audited')
          .set(bearer(testToken({ sub: 'bob', scope: 'read' })))
          .expect(403);
        await stack.anonymous().delete('/adoms/root/firewall/addresses/audited').set(writer).expect(204);
        await stack.anonymous().get('/adoms/root').set(writer).expect(200);
      } finally {
        audit.off('entry', listener);
      }
      expect(entries.map((e) => `${e.subject} ${e.method} ${e.path} ${e.status}`)).toEqual([
        'alice POST /adoms/root/firewall/addresses 201',
        'bob DELETE /adoms/root/firewall/addresses/audited 403',
        'alice DELETE /adoms/root/firewall/addresses/audited 204',
      ]);
      // (A workspace-mode lookup of the ADOM may come first.)
      expect(entries[0].rpc.filter((c) => !c.url.startsWith('/dvmdb/'))).toEqual([
        { upstream: 'fmg', method: 'add', url: '/pm/config/adom/root/obj/firewall/address', code: 0 },
        { upstream: 'fmg', method: 'get', url: '/pm/config/adom/root/obj/firewall/address/audited', code: 0 },
      ]);
      expect(entries[1].rpc).toEqual([]);
      expect(entries[0]).toMatchObject({ type: 'audit', ip: '127.0.0.1', requestId: expect.any(String) });
      expect(JSON.stringify(entries)).not.toMatch(/Bearer|session|passwd/);
    });
  });
});

describe('tokens from an identity provider (JWKS)', () => {
  let jwks: Server;
  let stack: Stack;
  let rsa: { privateKey: KeyObject; publicKey: KeyObject };
  let ec: { privateKey: KeyObject; publicKey: KeyObject };
  const issuer = 'https://idp.test/realms/corp';
  const audience = 'fortirest';

  beforeAll(async () => {
    rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keys = [
      { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    jwks = createServer((req, res) => {
      res.writeHead(req.url === '/jwks' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;
    stack = await startStack({
      auth: {
        mode: 'jwt',
        jwksUrl,
        algorithms: ['RS256', 'ES256'],
        issuer,
        audience,
        clockSkewS: 30,
        scopesClaim: 'scp',
        adomsClaim: 'fmg_adoms',
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    jwks.close();
  });

  const idpToken = (key: KeyObject, algorithm: 'RS256' | 'ES256', keyid: string, claims: object = {}) =>
    sign({ scp: ['read'], fmg_adoms: ['root'], ...claims }, key, {
      algorithm,
      keyid,
      issuer,
      audience,
      subject: 'idp-user',
      expiresIn: 300,
    });

  it.each([
    ['RS256', () => idpToken(rsa.privateKey, 'RS256', 'rsa-1')],
    ['ES256', () => idpToken(ec.privateKey, 'ES256', 'ec-1')],
  ])(
    'should accept a %s token signed by a key of the JWKS, with configured claim names',
    async (_alg, token) => {
      await request(stack.url).get('/adoms/root').set(bearer(token())).expect(200);
      expectProblem(
        await request(stack.url).get('/adoms/branch-east').set(bearer(token())),
        403,
        'ADOM_NOT_ALLOWED',
      );
    },
  );

  it('should refuse a token whose key is not in the JWKS', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const res = await request(stack.url)
      .get('/adoms/root')
      .set(bearer(idpToken(stranger.privateKey, 'RS256', 'rsa-1')));
    expectProblem(res, 401, 'UNAUTHORIZED');
    const unknownKid = await request(stack.url)
      .get('/adoms/root')
      .set(bearer(idpToken(rsa.privateKey, 'RS256', 'nope')));
    expectProblem(unknownKid, 401, 'UNAUTHORIZED');
  });

  it('should refuse algorithm confusion: an HS256 token keyed with the public key', async () => {
    const pem = rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const forged = sign({ scp: ['admin'], fmg_adoms: ['*'] }, pem, {
      algorithm: 'HS256',
      keyid: 'rsa-1',
      issuer,
      audience,
      expiresIn: 300,
    });
    expectProblem(await request(stack.url).get('/adoms/root').set(bearer(forged)), 401, 'UNAUTHORIZED');
  });
});

describe('authentication disabled (development only)', () => {
  it('should accept requests without a token as an anonymous admin', async () => {
    const stack = await startStack({ auth: { mode: 'disabled' } });
    try {
      await stack.anonymous().get('/adoms').expect(200);
      await stack.anonymous().get('/system/status').expect(200);
    } finally {
      await stack.close();
    }
  });
});
