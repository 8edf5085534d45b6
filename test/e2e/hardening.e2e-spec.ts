import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { startManagementServer } from '../../src/observability/management-port';
import { expectProblem } from '../support/problem';
import { RawHttp } from '../support/raw-http';
import { Stack, startGateway, startStack, upstreamConfig } from '../support/stack';
import { TEST_AUTH, testToken } from '../support/tokens';

/**
 * Issue #16: every hostile or malformed request gets a clear 4xx, never a 5xx and never a write the
 * client cannot address afterwards. Each class has variants beyond the issue's examples, and for
 * each refused request the emulator's call log proves that nothing reached the upstream.
 */
describe('hardening (issue #16)', () => {
  let stack: Stack;
  let raw: RawHttp;
  beforeAll(async () => {
    stack = await startStack();
    raw = new RawHttp(stack.url);
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.control.reset());

  const bearer = (token = testToken()) => ({ Authorization: `Bearer ${token}` });

  /** Runs fn and returns the JSON-RPC calls the emulator executed meanwhile (logins excluded). */
  async function upstreamCallsDuring(fn: () => Promise<unknown>): Promise<string[]> {
    const { next } = await stack.control.calls();
    await fn();
    const { calls } = await stack.control.calls(next);
    return calls.filter((c) => !c.url.startsWith('sys/login')).map((c) => `${c.method} ${c.url}`);
  }

  /** A refused request: the status and code, a problem body, and no upstream call at all. */
  async function refused(
    send: () => Promise<request.Response>,
    status: number,
    code: string,
  ): Promise<Record<string, unknown>> {
    let body: Record<string, unknown> = {};
    const calls = await upstreamCallsDuring(async () => {
      body = expectProblem(await send(), status, code);
    });
    expect(calls).toEqual([]);
    return body;
  }

  const post = (path: string, body: string, contentType = 'application/json') =>
    stack.http().post(path).set('content-type', contentType).send(body);

  describe('1. deeply nested bodies: 400 before any transformation', () => {
    const valid = '"name":"deep","subnet":"192.0.2.1/32"';
    it.each([
      ['100k nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
      ['100k nested objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
      ['65 levels inside a valid field', `{${valid},"comment":${'['.repeat(64)}${']'.repeat(64)}}`],
      ['arrays and objects mixed', `{${valid},"x":${'[{"a":'.repeat(40)}1${'}]'.repeat(40)}}`],
      ['unbalanced (never closed)', '['.repeat(5_000)],
      [
        'brackets hidden in strings do not count, real ones do',
        `{"s":"${'['.repeat(100)}","x":${'['.repeat(70)}${']'.repeat(70)}}`,
      ],
    ])('%s', async (_what, body) => {
      for (const path of [
        '/adoms/root/firewall/addresses',
        '/rpc',
        '/adoms/root/objects/firewall%2Faddress',
      ]) {
        const started = Date.now();
        await refused(() => post(path, body), 400, 'BODY_TOO_DEEP');
        expect(Date.now() - started).toBeLessThan(1_000);
      }
    });

    it('should accept 64 levels (the limit) and judge such a body on its content', async () => {
      const body = `{${valid},"comment":${'['.repeat(63)}${']'.repeat(63)}}`;
      const res = await post('/adoms/root/firewall/addresses', body);
      expect(res.body.code).not.toBe('BODY_TOO_DEEP');
      expect(res.status).toBe(400);
    });

    it('should not count brackets inside strings', async () => {
      const res = await post(
        '/adoms/root/firewall/addresses',
        JSON.stringify({ name: 'brackets', subnet: '192.0.2.9/32', comment: '['.repeat(200) }),
      );
      expect(res.status).toBe(201);
    });
  });

  describe('2. numbers: integers in the upstream range only, nothing unaddressable goes upstream', () => {
    const policies = '/adoms/root/packages/default/policies';
    it.each([
      ['1e300', '{"policyid":1e300,"name":"p"}', 'NUMBER_OUT_OF_RANGE'],
      ['1e400 (Infinity)', '{"policyid":1e400,"name":"p"}', 'NUMBER_OUT_OF_RANGE'],
      ['2^53 + 2', '{"policyid":9007199254740994,"name":"p"}', 'NUMBER_OUT_OF_RANGE'],
      ['2^32', '{"policyid":4294967296,"name":"p"}', 'VALIDATION_FAILED'],
      ['0', '{"policyid":0,"name":"p"}', 'VALIDATION_FAILED'],
      ['-1', '{"policyid":-1,"name":"p"}', 'VALIDATION_FAILED'],
      ['1.5', '{"policyid":1.5,"name":"p"}', 'VALIDATION_FAILED'],
      ['"7" (a string)', '{"policyid":"7","name":"p"}', 'VALIDATION_FAILED'],
    ])('should refuse policyid %s on create', async (_what, body, code) => {
      await refused(() => post(policies, body), 400, code);
    });

    it.each([
      ['move target 2^32', 'post', `${policies}/1/move`, { position: 'before', target: 4294967296 }],
      ['bulk delete 2^32', 'post', `${policies}/bulk`, { delete: [4294967296] }],
      ['bulk update policyid 2^32', 'post', `${policies}/bulk`, { update: [{ policyid: 4294967296 }] }],
      [
        'generic object attribute 2^32',
        'post',
        '/adoms/root/objects/firewall%2Faddress',
        { name: 'g', color: 4294967296 },
      ],
      [
        'generic object attribute 1.5',
        'post',
        '/adoms/root/objects/firewall%2Faddress',
        { name: 'g', color: 1.5 },
      ],
      [
        'generic object nested -2^31-1',
        'post',
        '/adoms/root/objects/firewall%2Faddress',
        { name: 'g', x: [{ y: -2147483649 }] },
      ],
    ])('should refuse %s', async (_what, method, path, body) => {
      await refused(() => stack.http()[method as 'post'](path).send(body), 400, 'VALIDATION_FAILED');
    });

    it.each(['4294967296', '1e3', '0x10', '+1', '1.0', '-1', '0', '99999999999999999999'])(
      'should refuse the path id %s (decimal digits in range only)',
      async (id) => {
        await refused(
          () => stack.http().get(`${policies}/${encodeURIComponent(id)}`),
          400,
          'VALIDATION_FAILED',
        );
        await refused(() => stack.http().get(`/tasks/${encodeURIComponent(id)}`), 400, 'VALIDATION_FAILED');
        await refused(
          () => stack.http().get(`/adoms/root/revisions/${encodeURIComponent(id)}`),
          400,
          'VALIDATION_FAILED',
        );
      },
    );

    it('should pass the largest 32-bit id through (the upstream decides)', async () => {
      expectProblem(await stack.http().get(`${policies}/4294967295`), 404, 'FMG_OBJECT_NOT_FOUND');
    });
  });

  describe('3. POST /rpc urls are canonical or refused; the ADOM of every url is checked', () => {
    const rootOnly = () => testToken({ scope: 'admin', adoms: ['root'] });
    const rpc = (url: string, token = rootOnly()) =>
      stack
        .anonymous()
        .post('/rpc')
        .set(bearer(token))
        .send({ method: 'get', params: [{ url: '/pm/config/adom/root/obj/firewall/address' }, { url }] });

    it.each([
      '/pm/config/adom/root/../branch-east/obj/firewall/address',
      '/pm/config/adom/root/./obj/firewall/address',
      'pm/config/adom/root/obj/firewall/address/..',
      '/pm/config/adom/root//obj/firewall/address',
      '/pm/config/adom/root/obj/firewall/address/',
      '//pm/config/adom/root/obj/firewall/address',
      '/pm/config/adom/root%2F..%2Fbranch-east/obj/firewall/address',
      '/pm/config/adom/%72oot/obj/firewall/address',
      '/pm/config/adom/root/%2e%2e/branch-east/obj/firewall/address',
      '/pm/config/adom/root\\/..\\/branch-east/obj/firewall/address',
      '/pm/config/adom\\/branch-east/obj/firewall/address',
      '/pm/config/adom/root/obj/firewall/address\u0000',
    ])('should refuse %j with 400', async (url) => {
      await refused(() => rpc(url), 400, 'RPC_URL_NOT_CANONICAL');
    });

    it.each([
      ['another ADOM', '/pm/config/adom/branch-east/obj/firewall/address'],
      ['another ADOM, upper-case segment', '/pm/config/ADOM/branch-east/obj/firewall/address'],
      ['a url naming no ADOM (all of them)', '/pm/config/global/obj/firewall/address'],
      ['a second ADOM in the same url', '/pm/config/adom/root/obj/adom/branch-east'],
    ])('should refuse %s for a token limited to root (403)', async (_what, url) => {
      await refused(() => rpc(url), 403, 'ADOM_NOT_ALLOWED');
    });

    it.each(['branch-*', 'root*', 'ro ot', 'root%', '-x', 'x'.repeat(65)])(
      'should refuse the ADOM name %j in a url (400)',
      async (name) => {
        await refused(
          () => rpc(`/pm/config/adom/${name}/obj/firewall/address`, testToken()),
          400,
          'INVALID_ADOM_NAME',
        );
      },
    );

    it('should still pass a canonical url of an allowed ADOM', async () => {
      const res = await rpc('/pm/config/adom/root/obj/firewall/service/custom').expect(200);
      expect(res.body.result).toHaveLength(2);
    });
  });

  describe('4. ADOM names that are no ADOM names are a 400 before the allow-list is matched', () => {
    const branches = () => bearer(testToken({ scope: 'read', adoms: ['branch-*'] }));
    it.each([
      'branch-%2A',
      'branch-east%2F..%2Froot',
      'branch-%5C',
      'branch-east%00',
      'branch-east%0A',
      'branch-%20x',
      'branch-east%2F',
      '.',
      '..',
      'branch-' + 'x'.repeat(70),
    ])('GET /adoms/%s/packages → 400', async (adom) => {
      await refused(
        () => stack.anonymous().get(`/adoms/${adom}/packages`).set(branches()),
        400,
        'INVALID_ADOM_NAME',
      );
    });

    it('should still allow what the glob means and refuse the rest with 403', async () => {
      await stack.anonymous().get('/adoms/branch-east/packages').set(branches()).expect(200);
      expectProblem(
        await stack.anonymous().get('/adoms/root/packages').set(branches()),
        403,
        'ADOM_NOT_ALLOWED',
      );
    });
  });

  describe('5. tokens must expire, and not too late', () => {
    const now = Math.floor(Date.now() / 1000);
    it.each([
      [
        'without exp',
        () =>
          sign({ scope: 'read', adoms: ['*'] }, TEST_AUTH.secret, {
            algorithm: 'HS256',
            issuer: TEST_AUTH.issuer,
            audience: TEST_AUTH.audience,
            subject: 'no-exp',
          }),
        /no "exp"/,
      ],
      ['living two days', () => testToken({ iat: now, exp: now + 2 * 86400 }), /at most 86400 s/],
      [
        'issued long ago, valid for a year',
        () => testToken({ iat: now - 86400 * 365, exp: now + 600 }),
        /at most 86400 s/,
      ],
      [
        'without iat, expiring in a week',
        () => testToken({ exp: now + 7 * 86400 }, { noTimestamp: true }),
        /at most 86400 s/,
      ],
      ['issued in the future', () => testToken({ iat: now + 3600, exp: now + 7200 }), /future/],
    ])('should refuse a token %s (401)', async (_what, token, reason) => {
      const res = await stack.anonymous().get('/adoms').set(bearer(token()));
      expect(expectProblem(res, 401, 'UNAUTHORIZED').detail).toMatch(reason);
    });

    it('should accept a token of just under 24 h', async () => {
      await stack
        .anonymous()
        .get('/adoms')
        .set(bearer(testToken({ iat: now, exp: now + 86400 - 60 })))
        .expect(200);
    });
  });

  describe('6. strict parsing', () => {
    const address = JSON.stringify({ name: 'cs', subnet: '192.0.2.3/32' });
    it.each([
      'application/json; charset=utf-16',
      'application/json; charset=UTF-16LE',
      'application/json;charset="utf-16be"',
      'application/json; charset=iso-8859-1',
      'application/json; charset=utf-32',
      'application/json; charset=us-ascii',
    ])('should answer 415 for %s', async (type) => {
      await refused(() => post('/adoms/root/firewall/addresses', address, type), 415, 'UNSUPPORTED_CHARSET');
    });

    it.each([
      'application/json; charset=utf-8',
      'application/json; charset=UTF-8',
      'application/json;charset="utf-8"',
    ])('should accept %s', async (type) => {
      await post('/adoms/root/firewall/addresses', address, type).expect(201);
      await stack.http().delete('/adoms/root/firewall/addresses/cs').expect(204);
    });

    it.each(['0x10', '1e1', '+5', ' 5', '5 ', '0b1', '0o7', '5.0', 'Infinity', '٥'])(
      'should refuse limit=%j and offset=%j (decimal digits only)',
      async (value) => {
        for (const path of [
          '/adoms/root/firewall/addresses',
          '/tasks',
          '/adoms/root/packages/default/policies',
        ]) {
          await refused(() => stack.http().get(path).query({ limit: value }), 400, 'VALIDATION_FAILED');
          await refused(() => stack.http().get(path).query({ offset: value }), 400, 'VALIDATION_FAILED');
        }
      },
    );

    it.each(['\u0000', '\n', '\r', '\t', '\u001b', '\u007f'])(
      'should refuse the control character %j in filter, fields and sort values',
      async (c) => {
        for (const param of ['filter', 'fields', 'sort']) {
          const query = `${param}=${encodeURIComponent(param === 'filter' ? `name==a${c}b` : `name${c}`)}`;
          await refused(
            () => stack.http().get(`/adoms/root/firewall/addresses?${query}`),
            400,
            'CONTROL_CHARACTER',
          );
        }
      },
    );

    it.each([
      ['__proto__ at the top', '{"__proto__":{"polluted":true},"name":"p"}', /"__proto__" at \$/],
      ['__proto__ nested', '{"name":"p","a":[{"__proto__":{}}]}', /"__proto__" at \$\.a\[0\]/],
      ['constructor.prototype', '{"name":"p","constructor":{"prototype":{"x":1}}}', /constructor\.prototype/],
    ])('should name the forbidden key (%s)', async (_what, body, detail) => {
      const problem = await refused(() => post('/adoms/root/firewall/addresses', body), 400, 'FORBIDDEN_KEY');
      expect(problem.detail).toMatch(detail);
    });

    it('should say where a body is not JSON', async () => {
      const problem = await refused(
        () => post('/adoms/root/firewall/addresses', '{"name":'),
        400,
        'INVALID_JSON',
      );
      expect(problem.detail).toMatch(/^Body is not valid JSON: /);
    });
  });

  describe('7. workspace answers follow FortiManager, not a cache', () => {
    it('should report the lock it took after workspace mode was switched on behind the gateway', async () => {
      // The gateway reads (and caches) the mode while it is off...
      expect((await stack.http().get('/adoms/root/workspace').expect(200)).body).toEqual({
        enabled: false,
        locked: false,
      });
      await stack.control.workspace('root', true);
      const lock = await stack.http().post('/adoms/root/workspace/lock').expect(200);
      expect(lock.body).toMatchObject({ enabled: true, locked: true });
      const unlock = await stack.http().post('/adoms/root/workspace/unlock').expect(200);
      expect(unlock.body).toMatchObject({ enabled: true, locked: false });
      await stack.control.workspace('root', false);
    });

    it('should answer 409 WORKSPACE_MODE_OFF to a lock of an ADOM without workspace mode, also when the cache says on', async () => {
      const body = expectProblem(
        await stack.http().post('/adoms/root/workspace/lock'),
        409,
        'WORKSPACE_MODE_OFF',
      );
      expect(body.detail).toContain('not in workspace mode');
      await stack.control.workspace('branch-east', true);
      await stack.http().get('/adoms/branch-east/workspace').expect(200); // cached: on
      await stack.control.workspace('branch-east', false);
      expectProblem(await stack.http().post('/adoms/branch-east/workspace/lock'), 409, 'WORKSPACE_MODE_OFF');
      expectProblem(
        await stack.http().post('/adoms/branch-east/workspace/commit'),
        409,
        'WORKSPACE_MODE_OFF',
      );
    });

    it('should write unlocked when workspace mode was switched off behind the gateway (-9 on the lock)', async () => {
      await stack.control.workspace('branch-west', true);
      await stack.http().get('/adoms/branch-west/workspace').expect(200); // cached: on
      await stack.control.workspace('branch-west', false);
      await stack
        .http()
        .post('/adoms/branch-west/firewall/addresses')
        .send({ name: 'ws-off', subnet: '192.0.2.45/32' })
        .expect(201);
    });

    it('should forget the cached mode on -10147 and lock on the retry', async () => {
      await stack.http().get('/adoms/root/workspace').expect(200); // cached: off
      await stack.control.workspace('root', true);
      await stack
        .http()
        .post('/adoms/root/firewall/addresses')
        .send({ name: 'ws-10147', subnet: '192.0.2.44/32' })
        .expect(201);
      expect((await stack.http().get('/adoms/root/workspace').expect(200)).body).toMatchObject({
        enabled: true,
      });
      await stack.control.workspace('root', false);
    });
  });

  describe('8. contract: Location on 201, ?fields=', () => {
    it.each([
      ['an address', '/adoms/root/firewall/addresses', { name: 'loc 1', subnet: '192.0.2.5/32' }],
      ['a policy', '/adoms/root/packages/default/policies', { name: 'loc-p', action: 'deny' }],
      ['a package in a folder', '/adoms/root/packages', { name: 'loc-pkg', folder: 'branches' }],
      [
        'a script',
        '/adoms/root/scripts',
        { name: 'loc-s', target: 'device_database', content: 'get system status' },
      ],
      ['a revision', '/adoms/root/revisions', { name: 'loc-r' }],
      [
        'a generic object',
        '/adoms/root/objects/firewall%2Faddress',
        { name: 'loc-g', subnet: ['192.0.2.6', '255.255.255.255'] },
      ],
      ['a clone', '/adoms/root/packages/default/policies/1/clone', {}],
    ])('should name %s it created in Location, which answers 200', async (_what, path, body) => {
      const res = await stack.http().post(path).send(body);
      expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({
        status: 201,
      });
      expect(res.headers.location).toMatch(/^\/adoms\/root\//);
      await stack.http().get(res.headers.location).expect(200);
    });

    it.each([
      ['/adoms?fields=osVersion', ['name', 'osVersion']],
      ['/adoms/root/packages/default/policies?fields=action', ['action', 'policyid']],
      ['/adoms/root/packages/default/policies/1?fields=action', ['action', 'policyid']],
      ['/adoms/root/firewall/addresses?fields=comment', ['comment', 'name']],
      ['/adoms/root/packages?fields=type', ['name', 'path', 'type']],
      ['/adoms/root/objects/firewall%2Faddress?fields=name,comment', ['comment', 'name']],
    ])('%s answers exactly the fields asked plus the key', async (path, fields) => {
      const res = await stack.http().get(path).expect(200);
      const rows = (res.body.items ?? [res.body]) as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(
          Object.keys(row)
            .filter((k) => row[k] !== undefined)
            .sort(),
        ).toEqual(fields);
      }
    });
  });

  describe('9. workspace commit/unlock on an ADOM that does not exist', () => {
    it.each(['commit', 'unlock', 'lock'])('%s → 404', async (action) => {
      const res = await stack.http().post(`/adoms/no-such-adom/workspace/${action}`);
      expect(res.status).toBe(404);
      expect(res.body.code).not.toBe('NO_CHANGE_SET');
    });
  });

  describe('11. MANAGEMENT_PORT', () => {
    it('should serve /metrics and the probes on the management port only', async () => {
      const app = await startGateway({ fmg: upstreamConfig(stack.emulator.url) }, undefined, {
        gateway: { managementPort: 0 },
      });
      try {
        const server = await startManagementServer(app, 0, '127.0.0.1');
        const address = server.address();
        const management = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        const api = (await app.getUrl()).replace('[::1]', '127.0.0.1');
        for (const path of ['/metrics', '/health/live', '/health/ready']) {
          await request(management).get(path).expect(200);
          expectProblem(await request(api).get(path), 404, 'NOT_FOUND');
        }
        await request(api).get('/adoms').set(bearer()).expect(200);
        expectProblem(await request(management).get('/adoms').set(bearer()), 404, 'NOT_FOUND');
        expectProblem(await request(management).get('/docs'), 404, 'NOT_FOUND');
      } finally {
        await app.close();
      }
    });

    it('should keep one port for everything when MANAGEMENT_PORT is unset', async () => {
      await stack.anonymous().get('/metrics').expect(200);
      await stack.anonymous().get('/health/live').expect(200);
    });
  });

  it('should have answered none of the above with a 5xx (raw HTTP, hostile bytes)', async () => {
    for (const body of [`${'['.repeat(200_000)}`, '{"a":1e999999}', '\u0000', '{"__proto__":[]}']) {
      const res = await raw.send({
        method: 'POST',
        path: '/rpc',
        headers: { ...bearer(), 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });
});
