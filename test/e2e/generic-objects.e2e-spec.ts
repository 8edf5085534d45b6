import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';
import { testToken } from '../support/tokens';

/** Any FMG table by cli path: ADOM objects, Global ADOM objects and the device DB, FMG names as they are. */
describe('generic objects', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  /**
   * The JSON-RPC calls (`method url code`) the emulator ran during fn, logins and lookups left out (the
   * ADOM lookup; the schema, whose first fetch is a `get` of a whole database url).
   */
  const LOOKUP =
    /^(dvmdb\/adom\/[^/]+|pm\/config\/(adom\/[^/]+\/obj|global\/obj|device\/[^/]+\/(global|vdom\/[^/]+)))$/;
  async function callsDuring(fn: () => Promise<unknown>): Promise<string[]> {
    const { next } = await stack.control.calls();
    await fn();
    const { calls } = await stack.control.calls(next);
    return calls
      .filter((c) => !c.url.startsWith('sys/') && !(c.method === 'get' && LOOKUP.test(c.url)))
      .map((c) => `${c.method} ${c.url} ${c.code}`);
  }

  const ADDRESSES = '/adoms/root/objects/firewall%2Faddress';
  const GLOBAL_ADDRESSES = '/global/objects/firewall%2Faddress';
  const HQ = '/devices/FGT-HQ-CLUSTER';
  const ROUTES = `${HQ}/vdoms/root/config/router%2Fstatic`;
  const INTERFACES = `${HQ}/global-config/system%2Finterface`;
  const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);

  describe('ADOM objects', () => {
    it('should list with FMG attribute names in filter, sort and fields, and the total', async () => {
      const calls = await callsDuring(async () => {
        const res = await stack
          .http()
          .get(ADDRESSES)
          .query({ filter: 'name==h_*', sort: '-name', fields: 'name,subnet', limit: 2, offset: 1 })
          .expect(200);
        expect(res.body).toMatchObject({ total: 6, offset: 1, limit: 2 });
        expect(names(res.body)).toEqual(['h_web01', 'h_mail01']);
        expect(res.body.items[0]).toMatchObject({ subnet: ['10.0.10.11', '255.255.255.255'] });
        expect(res.body.items[0]).not.toHaveProperty('comment');
        expect(res.headers.etag).toBeUndefined();
      });
      // One batched call: the page and the count.
      expect(calls).toEqual([
        'get pm/config/adom/root/obj/firewall/address 0',
        'get pm/config/adom/root/obj/firewall/address 0',
      ]);
    });

    it('should filter on attributes the typed API renames, by their FMG names', async () => {
      const res = await stack
        .http()
        .get(ADDRESSES)
        .query({ filter: 'associated-interface contains port3', sort: 'name' })
        .expect(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items).toEqual([
        expect.objectContaining({ name: 'h_web01', 'associated-interface': ['port3'] }),
        expect.objectContaining({ name: 'h_web02', 'associated-interface': ['port3'] }),
      ]);
    });

    it('should get an object with a slash in its name, FMG attributes untouched, with an ETag', async () => {
      const res = await stack
        .http()
        .get(`${ADDRESSES}/${encodeURIComponent('net_10.0.0.0/24')}`)
        .expect(200);
      expect(res.body).toMatchObject({
        name: 'net_10.0.0.0/24',
        subnet: ['10.0.0.0', '255.255.255.0'],
        comment: 'HQ user LAN',
        uuid: expect.any(String),
      });
      expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
      const fields = await stack
        .http()
        .get(`${ADDRESSES}/${encodeURIComponent('net_10.0.0.0/24')}`)
        .query({ fields: 'comment' })
        .expect(200);
      expect(fields.body).toMatchObject({ comment: 'HQ user LAN' });
      expect(fields.body).not.toHaveProperty('subnet');
    });

    it('should create, read, update, replace and delete, escaping the name in the FMG url', async () => {
      const name = 'gen net/1';
      const member = `${ADDRESSES}/${encodeURIComponent(name)}`;
      let etag = '';
      const calls = await callsDuring(async () => {
        const created = await stack
          .http()
          .post(ADDRESSES)
          .send({ name, subnet: ['192.0.2.0', '255.255.255.240'], comment: 'generic' })
          .expect(201);
        // FMG's own defaults come back, under FMG's names.
        expect(created.body).toMatchObject({ name, type: 'ipmask', color: 0, comment: 'generic' });
        etag = created.headers.etag;
      });
      expect(calls).toEqual([
        'add pm/config/adom/root/obj/firewall/address 0',
        'get pm/config/adom/root/obj/firewall/address/gen net\\/1 0',
      ]);
      const read = await stack.http().get(member).expect(200);
      expect(read.headers.etag).toBe(etag);

      const patched = await stack.http().patch(member).send({ comment: 'patched', color: 3 }).expect(200);
      expect(patched.body).toMatchObject({ name, comment: 'patched', color: 3 });
      expect(patched.body.subnet).toEqual(['192.0.2.0', '255.255.255.240']);

      // PUT is FMG's set: omitted attributes fall back to defaults; the name in the path wins.
      const replaced = await stack
        .http()
        .put(member)
        .send({ name: 'ignored', type: 'fqdn', fqdn: 'gen.example.com' })
        .expect(200);
      expect(replaced.body).toMatchObject({ name, type: 'fqdn', fqdn: 'gen.example.com', color: 0 });
      await stack.http().get(`${ADDRESSES}/ignored`).expect(404);

      await stack.http().delete(member).expect(204);
      const gone = await stack.http().get(member);
      expectProblem(gone, 404, 'FMG_OBJECT_NOT_FOUND');
      // A problem is no representation of the object: no ETag to send back in If-Match.
      expect(gone.headers.etag).toBeUndefined();
    });

    it('should pass FMG errors through: duplicate 409, invalid data 422, missing 404', async () => {
      expectProblem(
        await stack.http().post(ADDRESSES).send({ name: 'h_web01', subnet: '10.9.9.9/32' }),
        409,
        'FMG_OBJECT_EXISTS',
      );
      expectProblem(
        await stack.http().post(ADDRESSES).send({ name: 'gen-bad', subnet: 'not-a-subnet' }),
        422,
        'FMG_INVALID_DATA',
      );
      expectProblem(
        await stack.http().patch(`${ADDRESSES}/nope`).send({ comment: 'x' }),
        404,
        'FMG_OBJECT_NOT_FOUND',
      );
      expectProblem(
        await stack.http().delete(`${ADDRESSES}/${encodeURIComponent('net_10.0.0.0/24')}`),
        409,
        'FMG_OBJECT_IN_USE',
      );
    });

    it('should reach tables by any cli path, and report what the upstream does not have as 404', async () => {
      const onetime = await stack.http().get('/adoms/root/objects/firewall%2Fschedule%2Fonetime').expect(200);
      expect(onetime.body.items).toEqual([
        expect.objectContaining({ name: 'maint-2025-02-15', start: '22:00 2025/02/15', color: 5 }),
      ]);

      const pools = '/adoms/root/objects/firewall%2Fippool';
      const created = await stack
        .http()
        .post(pools)
        .send({ name: 'gen-pool', type: 'one-to-one', startip: '198.51.100.10', endip: '198.51.100.11' })
        .expect(201);
      expect(created.body).toMatchObject({ name: 'gen-pool', type: 'one-to-one', comments: '' });
      const listed = await stack
        .http()
        .get(pools)
        .query({ filter: 'type==one-to-one', sort: 'name' })
        .expect(200);
      expect(names(listed.body)).toEqual(['gen-pool', 'pool_dmz_1to1']);
      await stack.http().delete(`${pools}/gen-pool`).expect(204);

      const unknown = await stack.http().get('/adoms/root/objects/firewall%2Fservice%2Fcategory');
      expect(expectProblem(unknown, 404, 'FMG_INVALID_URL').upstream).toMatchObject({
        code: -6,
        url: '/pm/config/adom/root/obj/firewall/service/category',
      });
      expectProblem(
        await stack.http().get('/adoms/nowhere/objects/firewall%2Faddress'),
        404,
        'FMG_INVALID_URL',
      );
    });

    it('should go through workspace locking for ADOM writes', async () => {
      await stack.control.workspace('branch-west', true);
      const path = '/adoms/branch-west/objects/firewall%2Fservice%2Fcustom';
      const calls = await callsDuring(() =>
        stack.http().post(path).send({ name: 'gen-svc', 'tcp-portrange': '8080' }).expect(201),
      );
      const ws = 'dvmdb/adom/branch-west/workspace';
      expect(calls).toEqual([
        `exec ${ws}/lock 0`,
        'add pm/config/adom/branch-west/obj/firewall/service/custom 0',
        'get pm/config/adom/branch-west/obj/firewall/service/custom/gen-svc 0',
        `exec ${ws}/commit 0`,
        `exec ${ws}/unlock 0`,
      ]);
      // The seeded `datacenter` ADOM is locked by another administrator.
      const locked = await stack
        .http()
        .post('/adoms/datacenter/objects/firewall%2Faddress')
        .send({ name: 'gen-dc', subnet: '10.100.1.0/24' });
      expect(expectProblem(locked, 423, 'FMG_WORKSPACE_LOCKED').lockedBy).toBe('jsmith');
    });

    it('should honour If-Match: 412 on a stale ETag, and write nothing', async () => {
      const member = `${ADDRESSES}/gen-etag`;
      const created = await stack.http().post(ADDRESSES).send({ name: 'gen-etag', subnet: '192.0.2.64/28' });
      expect(created.status).toBe(201);
      const stale = created.headers.etag;
      const patched = await stack
        .http()
        .patch(member)
        .set('If-Match', stale)
        .send({ comment: 'v2' })
        .expect(200);
      expect(patched.headers.etag).not.toBe(stale);

      const calls = await callsDuring(async () => {
        const res = await stack.http().patch(member).set('If-Match', stale).send({ comment: 'lost update' });
        expectProblem(res, 412, 'PRECONDITION_FAILED');
        expectProblem(
          await stack.http().put(member).set('If-Match', stale).send({}),
          412,
          'PRECONDITION_FAILED',
        );
        expectProblem(await stack.http().delete(member).set('If-Match', stale), 412, 'PRECONDITION_FAILED');
      });
      expect(calls.filter((c) => !c.startsWith('get '))).toEqual([]);
      expect((await stack.http().get(member).expect(200)).body.comment).toBe('v2');

      await stack.http().delete(member).set('If-Match', patched.headers.etag).expect(204);
    });
  });

  describe('Global ADOM objects', () => {
    it('should list and get Global objects', async () => {
      const res = await stack.http().get(GLOBAL_ADDRESSES).query({ filter: 'name==g_rfc1918_*' }).expect(200);
      expect(res.body.total).toBe(3);
      expect(names(res.body).sort()).toEqual(['g_rfc1918_10', 'g_rfc1918_172', 'g_rfc1918_192']);
      const group = await stack.http().get('/global/objects/firewall%2Faddrgrp/g_rfc1918').expect(200);
      expect(group.body.member).toEqual(['g_rfc1918_10', 'g_rfc1918_172', 'g_rfc1918_192']);
      expect(group.headers.etag).toBeDefined();
    });

    it('should create, update, replace and delete on the Global url, without workspace locking', async () => {
      const member = `${GLOBAL_ADDRESSES}/g_gen`;
      const calls = await callsDuring(async () => {
        const created = await stack
          .http()
          .post(GLOBAL_ADDRESSES)
          .send({ name: 'g_gen', subnet: '100.64.0.0/10' });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ name: 'g_gen', subnet: ['100.64.0.0', '255.192.0.0'] });
        await stack.http().patch(member).send({ comment: 'CGNAT' }).expect(200);
        const replaced = await stack.http().put(member).send({ subnet: '100.64.0.0/16' }).expect(200);
        expect(replaced.body).toMatchObject({
          name: 'g_gen',
          subnet: ['100.64.0.0', '255.255.0.0'],
          comment: '',
        });
        await stack.http().delete(member).expect(204);
      });
      expect(calls).toEqual([
        'add pm/config/global/obj/firewall/address 0',
        'get pm/config/global/obj/firewall/address/g_gen 0',
        'update pm/config/global/obj/firewall/address/g_gen 0',
        'get pm/config/global/obj/firewall/address/g_gen 0',
        'set pm/config/global/obj/firewall/address/g_gen 0',
        'get pm/config/global/obj/firewall/address/g_gen 0',
        'delete pm/config/global/obj/firewall/address/g_gen 0',
      ]);
      expectProblem(await stack.http().delete(`${GLOBAL_ADDRESSES}/g_rfc1918_10`), 409, 'FMG_OBJECT_IN_USE');
    });
  });

  describe('device DB', () => {
    it('should list and get interfaces, and read a single-object path as the object', async () => {
      const list = await stack
        .http()
        .get(INTERFACES)
        .query({ fields: 'name,status', sort: 'name' })
        .expect(200);
      expect(list.body.total).toBe(4);
      expect(names(list.body)).toEqual(['port1', 'port2', 'port3', 'port4']);
      const port1 = await stack.http().get(`${INTERFACES}/port1`).expect(200);
      expect(port1.body).toMatchObject({ name: 'port1', ip: ['192.0.2.10', '255.255.255.0'], status: 'up' });
      expect(port1.headers.etag).toBeDefined();

      const dns = await stack.http().get(`${HQ}/global-config/system%2Fdns`).expect(200);
      expect(dns.body).toMatchObject({ primary: '96.45.45.45', secondary: '96.45.46.46' });
      expect(dns.body).not.toHaveProperty('items');
      expect(dns.headers.etag).toBeDefined();

      const all = await stack.http().get(`${HQ}/vdoms/root/config/firewall%2Faddress/all`).expect(200);
      expect(all.body).toMatchObject({ name: 'all', subnet: ['0.0.0.0', '0.0.0.0'] });
    });

    it('should add a static route without a name, read it back under the seq-num FMG assigned, and delete it', async () => {
      const before = await stack.http().get(ROUTES).expect(200);
      expect(before.body.items).toEqual([
        expect.objectContaining({ 'seq-num': 1, comment: 'default route' }),
      ]);

      const route = {
        dst: ['10.99.0.0', '255.255.0.0'],
        gateway: '192.0.2.1',
        device: 'port1',
        comment: 'gen',
      };
      const calls = await callsDuring(async () => {
        const created = await stack.http().post(ROUTES).send(route).expect(201);
        expect(created.body).toMatchObject({ ...route, 'seq-num': 2, distance: 10 });
      });
      expect(calls).toEqual([
        'add pm/config/device/FGT-HQ-CLUSTER/vdom/root/router/static 0',
        'get pm/config/device/FGT-HQ-CLUSTER/vdom/root/router/static/2 0',
      ]);
      const after = await stack
        .http()
        .get(ROUTES)
        .query({ sort: '-seq-num', fields: 'seq-num,comment' })
        .expect(200);
      expect(after.body).toMatchObject({ total: 2 });
      expect(after.body.items.map((r: Record<string, unknown>) => r['seq-num'])).toEqual([2, 1]);
      expect((await stack.http().get(ROUTES).query({ filter: 'seq-num==2' }).expect(200)).body.total).toBe(1);

      await stack.http().patch(`${ROUTES}/2`).send({ distance: 20 }).expect(200);
      await stack.http().delete(`${ROUTES}/2`).expect(204);
      expectProblem(await stack.http().get(`${ROUTES}/2`), 404, 'FMG_OBJECT_NOT_FOUND');
      expect((await stack.http().get(ROUTES).expect(200)).body.total).toBe(1);
    });

    it('should answer 404 for an unknown device or vdom', async () => {
      expectProblem(
        await stack.http().get('/devices/FGT-NOPE/global-config/system%2Finterface'),
        404,
        'FMG_INVALID_URL',
      );
      expectProblem(
        await stack.http().get(`${HQ}/vdoms/nope/config/router%2Fstatic`),
        404,
        'FMG_INVALID_URL',
      );
    });
  });

  describe('validation', () => {
    const BAD_TABLES = [
      '..%2Fsys',
      'firewall%2F..',
      'Firewall%2FAddress',
      'firewall%5C%2Faddress',
      'firewall%2F%2Faddress',
      'firewall%2F',
      '%2Fsys%2Fstatus',
      '%20',
      'firewall.address',
      'a%2Fb%2Fc%2Fd%2Fe%2Ff%2Fg',
    ];
    const prefixes = [
      '/adoms/root/objects',
      '/global/objects',
      `${HQ}/vdoms/root/config`,
      `${HQ}/global-config`,
    ];

    it.each(BAD_TABLES)('should refuse the table %s with a 400, before any upstream call', async (table) => {
      const calls = await callsDuring(async () => {
        for (const prefix of prefixes) {
          const body = expectProblem(await stack.http().get(`${prefix}/${table}`), 400, 'VALIDATION_FAILED');
          expect(body.errors).toEqual([expect.objectContaining({ field: 'table' })]);
          expectProblem(await stack.http().get(`${prefix}/${table}/x`), 400, 'VALIDATION_FAILED');
          expectProblem(
            await stack.http().post(`${prefix}/${table}`).send({ name: 'x' }),
            400,
            'VALIDATION_FAILED',
          );
          expectProblem(await stack.http().delete(`${prefix}/${table}/x`), 400, 'VALIDATION_FAILED');
        }
      });
      expect(calls).toEqual([]);
    });

    it('should not route an empty table at all (404, no such route)', async () => {
      const calls = await callsDuring(async () => {
        for (const prefix of prefixes) {
          expectProblem(await stack.http().get(`${prefix}/`), 404, 'NOT_FOUND');
          expectProblem(await stack.http().post(`${prefix}/`).send({ name: 'x' }), 404, 'NOT_FOUND');
          expectProblem(await stack.http().get(`${prefix}//x`), 404, 'NOT_FOUND');
        }
      });
      expect(calls).toEqual([]);
    });

    it('should refuse query attribute names that are not FMG names', async () => {
      const calls = await callsDuring(async () => {
        for (const query of [
          { fields: 'name,Subnet' },
          { sort: '-NAME' },
          { sort: '-' },
          { filter: 'Name==x' },
          { filter: '__proto__==x' },
          { filter: 'name==x and _scope==y' },
          { filter: 'name==' },
        ]) {
          const res = await stack.http().get(ADDRESSES).query(query);
          expect(expectProblem(res, 400, 'BAD_REQUEST').parameter).toBe(Object.keys(query)[0]);
        }
        expectProblem(
          await stack.http().get(`${ADDRESSES}/h_web01`).query({ fields: 'Name' }),
          400,
          'BAD_REQUEST',
        );
      });
      expect(calls).toEqual([]);
    });

    it('should accept only a JSON object of at most 200 attributes as a body', async () => {
      const tooMany = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`a${i}`, i]));
      const calls = await callsDuring(async () => {
        for (const body of [[{ name: 'x' }], 'text', 42, tooMany]) {
          const res = await stack
            .http()
            .post(ADDRESSES)
            .set('content-type', 'application/json')
            .send(JSON.stringify(body));
          expect(expectProblem(res, 400, 'VALIDATION_FAILED').errors).toEqual([
            expect.objectContaining({ field: 'body' }),
          ]);
        }
        const nullBody = await stack
          .http()
          .put(`${ADDRESSES}/x`)
          .set('content-type', 'application/json')
          .send('null');
        expectProblem(nullBody, 400, 'VALIDATION_FAILED');
        expectProblem(await stack.http().post(ADDRESSES), 400, 'VALIDATION_FAILED');
      });
      expect(calls).toEqual([]);
    });
  });

  describe('credential tables', () => {
    it.each([
      `${HQ}/global-config/system%2Fadmin`,
      `${HQ}/global-config/system%2Fapi-user/x`,
      `${HQ}/vdoms/root/config/vpn%2Fcertificate%2Flocal`,
      '/global/objects/system%2Faccprofile',
    ])('should never reach %s, even as an admin', async (path) => {
      const calls = await callsDuring(async () => {
        expectProblem(await stack.http().get(path), 403, 'TABLE_NOT_ALLOWED');
        expectProblem(
          await stack.http().post(path.replace(/\/x$/, '')).send({ name: 'evil' }),
          403,
          'TABLE_NOT_ALLOWED',
        );
      });
      expect(calls).toEqual([]);
    });
  });

  describe('authorization', () => {
    const as = (claims: Parameters<typeof testToken>[0]) => {
      const token = testToken(claims);
      return {
        get: (path: string) => stack.anonymous().get(path).set('Authorization', `Bearer ${token}`),
        post: (path: string) => stack.anonymous().post(path).set('Authorization', `Bearer ${token}`),
      };
    };

    it('should refuse ADOMs, Global and devices outside the allow-list, before any upstream call', async () => {
      const branch = as({ scope: 'read', adoms: ['branch-*'] });
      const calls = await callsDuring(async () => {
        for (const path of [
          ADDRESSES,
          `${ADDRESSES}/h_web01`,
          GLOBAL_ADDRESSES,
          `${GLOBAL_ADDRESSES}/g_rfc1918_10`,
          ROUTES,
          `${ROUTES}/1`,
          INTERFACES,
          `${INTERFACES}/port1`,
        ]) {
          expectProblem(await branch.get(path), 403, 'ADOM_NOT_ALLOWED');
        }
      });
      expect(calls).toEqual([]);
      const allowed = await branch.get('/adoms/branch-east/objects/firewall%2Faddress').expect(200);
      expect(allowed.body.total).toBeGreaterThan(0);
    });

    it('should let `global` in the allow-list reach Global objects, but not devices', async () => {
      const globalOnly = as({ scope: 'read', adoms: ['global'] });
      await globalOnly.get(GLOBAL_ADDRESSES).expect(200);
      const res = await globalOnly.get(INTERFACES);
      expect(expectProblem(res, 403, 'ADOM_NOT_ALLOWED').detail).toMatch(/every ADOM/);
      expectProblem(await globalOnly.get(ADDRESSES), 403, 'ADOM_NOT_ALLOWED');
    });

    it('should require the write scope for writes', async () => {
      const reader = as({ scope: 'read', adoms: ['*'] });
      const calls = await callsDuring(async () => {
        for (const path of [ADDRESSES, GLOBAL_ADDRESSES, ROUTES, INTERFACES]) {
          expectProblem(await reader.post(path).send({ name: 'x' }), 403, 'INSUFFICIENT_SCOPE');
        }
      });
      expect(calls).toEqual([]);
      await reader.get(INTERFACES).expect(200);
    });
  });

  describe('OpenAPI', () => {
    it('should document every operation with its scope, problems and If-Match', async () => {
      const doc = (await stack.http().get('/docs/openapi.json').expect(200)).body;
      const ops: Record<string, [string, string]> = {
        listAdomObjects: ['/adoms/{adom}/objects/{table}', 'get'],
        getAdomObject: ['/adoms/{adom}/objects/{table}/{name}', 'get'],
        createAdomObject: ['/adoms/{adom}/objects/{table}', 'post'],
        replaceAdomObject: ['/adoms/{adom}/objects/{table}/{name}', 'put'],
        updateAdomObject: ['/adoms/{adom}/objects/{table}/{name}', 'patch'],
        deleteAdomObject: ['/adoms/{adom}/objects/{table}/{name}', 'delete'],
        listGlobalObjects: ['/global/objects/{table}', 'get'],
        deleteGlobalObject: ['/global/objects/{table}/{name}', 'delete'],
        listDeviceVdomConfig: ['/devices/{device}/vdoms/{vdom}/config/{table}', 'get'],
        updateDeviceVdomConfigObject: ['/devices/{device}/vdoms/{vdom}/config/{table}/{name}', 'patch'],
        listDeviceGlobalConfig: ['/devices/{device}/global-config/{table}', 'get'],
        createDeviceGlobalConfigObject: ['/devices/{device}/global-config/{table}', 'post'],
      };
      for (const [operationId, [path, verb]] of Object.entries(ops)) {
        const op = doc.paths[path]?.[verb];
        expect({ operationId, found: op?.operationId }).toEqual({ operationId, found: operationId });
        expect(op.summary).toContain('/pm/config/');
        expect(op['x-required-scopes']).toEqual([verb === 'get' ? 'read' : 'write']);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
        if (verb !== 'get') expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '423']));
        if (verb === 'put' || verb === 'patch' || verb === 'delete') {
          expect(op.parameters).toEqual(
            expect.arrayContaining([expect.objectContaining({ name: 'If-Match' })]),
          );
          expect(Object.keys(op.responses)).toContain('412');
        }
      }
      const table = doc.paths['/adoms/{adom}/objects/{table}'].get.parameters.find(
        (p: { name: string }) => p.name === 'table',
      );
      expect(table).toMatchObject({ in: 'path', required: true, schema: { pattern: expect.any(String) } });
      const body =
        doc.paths['/adoms/{adom}/objects/{table}'].post.requestBody.content['application/json'].schema;
      expect(body).toMatchObject({ type: 'object', additionalProperties: true, maxProperties: 200 });
    });
  });
});
