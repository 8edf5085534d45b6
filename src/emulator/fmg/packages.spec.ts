import { statusCode, useSeededEmulator } from '../../../test/support/emulator-testing';

const c = useSeededEmulator();
const PKG = 'pm/pkg/adom/root';

const code = (method: string, url: string, extra: Record<string, unknown> = {}) =>
  statusCode(c, method, url, extra);

describe('policy packages', () => {
  it('lists packages and folders with their attributes', async () => {
    const r = await c.one('get', PKG);
    expect(r.data.map((n: { name: string; type: string }) => `${n.type}:${n.name}`)).toEqual([
      'pkg:default',
      'folder:branches',
      'pkg:dc-core',
    ]);
    expect(r.data[0]).toMatchObject({
      oid: expect.any(Number),
      'obj ver': expect.any(Number),
      'package settings': {
        'central-nat': 'disable',
        'ngfw-mode': 'profile-based',
        'consolidated-firewall-mode': 'disable',
      },
      'scope member': [{ name: 'FGT-HQ-CLUSTER', vdom: 'root' }],
    });
    expect(r.data[1].subobj.map((n: { name: string }) => n.name)).toEqual(['branch-std']);
  });

  it('gets folders and packages inside folders by path', async () => {
    expect((await c.one('get', `${PKG}/branches`)).data).toMatchObject({ name: 'branches', type: 'folder' });
    expect((await c.one('get', `${PKG}/branches/branch-std`)).data).toMatchObject({
      name: 'branch-std',
      type: 'pkg',
    });
    expect(await code('get', `${PKG}/branch-std`)).toBe(-3); // not at top level
    expect(await code('get', `${PKG}/nope/branch-std`)).toBe(-3);
    expect(await code('get', 'pm/pkg/adom/nope')).toBe(-6);
  });

  it('creates at top level and inside folders, names unique per ADOM', async () => {
    expect((await c.one('add', PKG, { data: { name: 'p1', type: 'pkg' } })).data).toMatchObject({
      name: 'p1',
    });
    expect(await code('add', `${PKG}/branches`, { data: { name: 'p2', type: 'pkg' } })).toBe(0);
    expect(await code('add', `${PKG}/branches`, { data: { name: 'sub', type: 'folder' } })).toBe(0);
    expect(await code('add', `${PKG}/branches/sub`, { data: { name: 'p3' } })).toBe(0);
    expect((await c.one('get', `${PKG}/branches/sub/p3`)).data.type).toBe('pkg');
    expect(await code('add', `${PKG}/branches/sub`, { data: { name: 'default', type: 'pkg' } })).toBe(-2);
    expect(await code('add', PKG, { data: { name: 'branch-std', type: 'pkg' } })).toBe(-2);
    expect(await code('add', PKG, { data: { name: 'x', type: 'bogus' } })).toBe(-10);
    // Policies address packages by name, wherever they live.
    expect(await code('get', 'pm/config/adom/root/pkg/p3/firewall/policy')).toBe(0);
  });

  it('updates, renames and deletes packages', async () => {
    const upd = await c.one('update', `${PKG}/dc-core`, {
      data: { 'package settings': { 'central-nat': 'enable' } },
    });
    expect(upd.status.code).toBe(0);
    const got = await c.one('get', `${PKG}/dc-core`);
    expect(got.data['package settings']).toMatchObject({
      'central-nat': 'enable',
      'ngfw-mode': 'profile-based',
    });
    expect(await code('update', `${PKG}/dc-core`, { data: { name: 'dc-core-v2' } })).toBe(0);
    expect(await code('get', 'pm/config/adom/root/pkg/dc-core-v2/firewall/policy/1')).toBe(0);
    expect(await code('get', 'pm/config/adom/root/pkg/dc-core/firewall/policy')).toBe(-6);
    expect(await code('delete', `${PKG}/dc-core-v2`)).toBe(0);
    expect(await code('delete', `${PKG}/dc-core-v2`)).toBe(-3);
    expect(await code('update', `${PKG}/nope`, { data: {} })).toBe(-3);
    expect(await code('delete', `${PKG}/branches`)).toBe(-10015); // not empty
    expect(await code('delete', `${PKG}/branches/branch-std`)).toBe(0);
    expect(await code('delete', `${PKG}/branches`)).toBe(0);
  });

  it('bumps obj ver when policies change', async () => {
    const ver = async () => (await c.one('get', `${PKG}/default`)).data['obj ver'];
    const before = await ver();
    expect(
      await code('update', 'pm/config/adom/root/pkg/default/firewall/policy/1', { data: { comments: 'x' } }),
    ).toBe(0);
    expect(await ver()).toBe(before + 1);
  });

  it('manages scope members', async () => {
    const url = `${PKG}/default/scope member`;
    expect(await code('add', url, { data: [{ name: 'FGT-HQ-LAB', vdom: 'root' }] })).toBe(0);
    expect((await c.one('get', url)).data).toEqual([
      { name: 'FGT-HQ-CLUSTER', vdom: 'root' },
      { name: 'FGT-HQ-LAB', vdom: 'root' },
    ]);
    expect(await code('delete', url, { data: [{ name: 'FGT-HQ-CLUSTER', vdom: 'root' }] })).toBe(0);
    expect((await c.one('get', url)).data).toHaveLength(1);
  });
});

describe('ADOM lifecycle', () => {
  it('creates, updates and deletes ADOMs; refuses to delete ADOMs with devices', async () => {
    const r = await c.one('add', 'dvmdb/adom', { data: { name: 'lab', desc: 'Lab', mr: 4 } });
    expect(r.data).toEqual({ name: 'lab' });
    expect(await code('add', 'dvmdb/adom', { data: { name: 'lab' } })).toBe(-2);
    expect((await c.one('get', 'pm/pkg/adom/lab')).data.map((p: { name: string }) => p.name)).toEqual([
      'default',
    ]);
    expect(await code('update', 'dvmdb/adom/lab', { data: { desc: 'Lab 2' } })).toBe(0);
    expect((await c.one('get', 'dvmdb/adom/lab')).data).toMatchObject({
      desc: 'Lab 2',
      mr: 4,
      os_ver: '7.0',
    });
    const del = await c.one('delete', 'dvmdb/adom/branch-west');
    expect(del.status).toEqual({
      code: -20063,
      message: 'Unable to delete because one or more devices in Device Manager',
    });
    expect(await code('delete', 'dvmdb/adom/lab')).toBe(0);
    expect(await code('delete', 'dvmdb/adom/lab')).toBe(-3);
  });

  it('lets devices be removed so an ADOM can be deleted', async () => {
    for (const d of ['FGT-SFO-01', 'FGT-SEA-01']) {
      expect(await code('delete', `dvmdb/adom/branch-west/device/${d}`)).toBe(0);
    }
    expect(await code('delete', 'dvmdb/adom/branch-west')).toBe(0);
    expect(await code('get', 'pm/pkg/adom/branch-west')).toBe(-6);
  });
});
