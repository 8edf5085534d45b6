import { Stack, startStack } from '../support/stack';

describe('resources over HTTP against the emulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  describe('GET /system/status', () => {
    it('should return the upstream identity', async () => {
      const res = await stack.http().get('/system/status').expect(200);
      expect(res.body).toMatchObject({ hostname: 'FMG-EMULATOR', platform: 'FortiManager-VM64', major: 7 });
      expect(res.body.version).toMatch(/^v7\.\d+\.\d+-build\d+/);
    });
  });

  describe('ADOMs', () => {
    it('should list the demo ADOMs with a total', async () => {
      const res = await stack.http().get('/adoms').expect(200);
      const names = res.body.items.map((a: { name: string }) => a.name);
      expect(names).toEqual(expect.arrayContaining(['root', 'branch-east', 'branch-west', 'datacenter']));
      expect(res.body).toMatchObject({ offset: 0, limit: 100, total: names.length });
    });

    it('should page with limit/offset and keep the total of the whole collection', async () => {
      const all = (await stack.http().get('/adoms?sort=name').expect(200)).body;
      const page = (await stack.http().get('/adoms?sort=name&limit=2&offset=1').expect(200)).body;
      expect(page.items.map((a: { name: string }) => a.name)).toEqual(
        all.items.slice(1, 3).map((a: { name: string }) => a.name),
      );
      expect(page.total).toBe(all.total);
    });

    it('should sort descending with a minus prefix', async () => {
      const res = await stack.http().get('/adoms?sort=-name').expect(200);
      const names = res.body.items.map((a: { name: string }) => a.name);
      expect(names).toEqual([...names].sort().reverse());
    });

    it('should filter with a wildcard and count only the matches', async () => {
      const res = await stack.http().get('/adoms').query({ filter: 'name==branch-*' }).expect(200);
      expect(res.body.items.map((a: { name: string }) => a.name).sort()).toEqual([
        'branch-east',
        'branch-west',
      ]);
      expect(res.body.total).toBe(2);
    });

    it('should combine conditions with or/not', async () => {
      const res = await stack
        .http()
        .get('/adoms')
        .query({ filter: 'name==root or (workspaceMode==1 and not name==root)' });
      expect(res.status).toBe(200);
      expect(res.body.items.map((a: { name: string }) => a.name).sort()).toEqual(['datacenter', 'root']);
    });

    it('should return only the requested fields (plus the key)', async () => {
      const res = await stack.http().get('/adoms?fields=osVersion').expect(200);
      for (const adom of res.body.items) {
        expect(Object.keys(adom).sort()).toEqual(expect.arrayContaining(['name', 'osVersion']));
        expect(adom.description).toBeUndefined();
      }
    });

    it('should get one ADOM', async () => {
      const res = await stack.http().get('/adoms/root').expect(200);
      expect(res.body).toMatchObject({ name: 'root', workspaceMode: 0 });
    });
  });

  describe('policy packages', () => {
    it('should list packages with folders and their children', async () => {
      const res = await stack.http().get('/adoms/root/packages').expect(200);
      const folder = res.body.items.find((p: { name: string }) => p.name === 'branches');
      expect(folder).toMatchObject({ type: 'folder', path: 'branches' });
      expect(folder.children).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'branch-std', path: 'branches/branch-std', type: 'pkg' }),
        ]),
      );
    });

    it('should get a package inside a folder by its encoded path', async () => {
      const res = await stack.http().get('/adoms/root/packages/branches%2Fbranch-std').expect(200);
      expect(res.body).toMatchObject({ name: 'branch-std', path: 'branches/branch-std', type: 'pkg' });
    });

    it('should create, read, update, replace and delete a package in a folder', async () => {
      const created = await stack
        .http()
        .post('/adoms/root/packages')
        .send({
          name: 'e2e-pkg',
          folder: 'branches',
          settings: { centralNat: 'enable' },
          scope: [{ name: 'FGT-HQ-01', vdom: 'root' }],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'e2e-pkg',
        path: 'branches/e2e-pkg',
        settings: { centralNat: 'enable' },
      });

      const path = encodeURIComponent('branches/e2e-pkg');
      const patched = await stack
        .http()
        .patch(`/adoms/root/packages/${path}`)
        .send({ settings: { ngfwMode: 'policy-based' } })
        .expect(200);
      expect(patched.body.settings).toMatchObject({ centralNat: 'enable', ngfwMode: 'policy-based' });

      const replaced = await stack
        .http()
        .put(`/adoms/root/packages/${path}`)
        .send({ settings: { centralNat: 'disable' } })
        .expect(200);
      expect(replaced.body.settings.centralNat).toBe('disable');
      expect(replaced.body.scope ?? []).toEqual([]);

      await stack.http().delete(`/adoms/root/packages/${path}`).expect(204);
      await stack.http().get(`/adoms/root/packages/${path}`).expect(404);
    });

    it('should refuse a package name with a slash (it is the folder separator)', async () => {
      const res = await stack.http().post('/adoms/root/packages').send({ name: 'a/b' }).expect(400);
      expect(res.body.errors[0].field).toBe('name');
    });
  });

  describe('firewall addresses and awkward names', () => {
    const names = [
      'net_10.0.0.0/24-e2e',
      'Büro Wien',
      'quote"and\'apostrophe',
      'back\\slash',
      'trailing\\',
      '名前',
    ];

    it.each(names)('should round-trip the name %j', async (name) => {
      const created = await stack
        .http()
        .post('/adoms/root/firewall/addresses')
        .send({ name, subnet: '192.0.2.0/24', comment: `e2e ${name}` })
        .expect(201);
      expect(created.body).toMatchObject({ name, subnet: '192.0.2.0/24', type: 'ipmask' });
      const path = `/adoms/root/firewall/addresses/${encodeURIComponent(name)}`;
      const read = await stack.http().get(path).expect(200);
      expect(read.body.name).toBe(name);
      const listed = await stack
        .http()
        .get('/adoms/root/firewall/addresses')
        .query({ filter: `name=="${name.replace(/["\\]/g, '\\$&')}"` });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((a: { name: string }) => a.name)).toEqual([name]);
      await stack.http().delete(path).expect(204);
      await stack.http().get(path).expect(404);
    });

    it('should read the seeded address whose name contains a slash', async () => {
      const res = await stack.http().get('/adoms/root/firewall/addresses/net_10.0.0.0%2F24').expect(200);
      expect(res.body).toMatchObject({ name: 'net_10.0.0.0/24', subnet: '10.0.0.0/24' });
    });

    it('should send the slash escaped as \\/ inside the JSON-RPC url', async () => {
      const { next } = await stack.control.calls();
      await stack.http().get('/adoms/root/firewall/addresses/net_10.0.0.0%2F24').expect(200);
      const { calls } = await stack.control.calls(next);
      // The emulator logs urls as it parsed them (no leading slash), escapes intact.
      expect(calls.map((c) => c.url)).toContain('pm/config/adom/root/obj/firewall/address/net_10.0.0.0\\/24');
    });

    it('should update and replace an address', async () => {
      await stack
        .http()
        .post('/adoms/root/firewall/addresses')
        .send({ name: 'e2e-upd', subnet: '198.51.100.7/32' })
        .expect(201);
      const patched = await stack
        .http()
        .patch('/adoms/root/firewall/addresses/e2e-upd')
        .send({ comment: 'patched' })
        .expect(200);
      expect(patched.body).toMatchObject({ subnet: '198.51.100.7/32', comment: 'patched' });
      const replaced = await stack
        .http()
        .put('/adoms/root/firewall/addresses/e2e-upd')
        .send({ type: 'fqdn', fqdn: 'www.example.com' })
        .expect(200);
      expect(replaced.body).toMatchObject({ name: 'e2e-upd', type: 'fqdn', fqdn: 'www.example.com' });
      await stack.http().delete('/adoms/root/firewall/addresses/e2e-upd').expect(204);
    });
  });
});
