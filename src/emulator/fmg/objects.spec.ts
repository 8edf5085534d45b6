import { statusCode, useSeededEmulator } from '../../../test/support/emulator-testing';

const c = useSeededEmulator();
const OBJ = 'pm/config/adom/root/obj/firewall';
const ADDR = `${OBJ}/address`;
const GRP = `${OBJ}/addrgrp`;
const POLICY = 'pm/config/adom/root/pkg/default/firewall/policy';

const code = (method: string, url: string, extra: Record<string, unknown> = {}) =>
  statusCode(c, method, url, extra);

describe('names with slashes', () => {
  it('addresses objects via \\/ escapes', async () => {
    const r = await c.one('get', `${ADDR}/net_10.0.0.0\\/24`);
    expect(r.status.code).toBe(0);
    expect(r.data).toMatchObject({ name: 'net_10.0.0.0/24', subnet: ['10.0.0.0', '255.255.255.0'] });
    expect(await code('get', `${ADDR}/net_10.0.0.0/24`)).toBe(-6); // unescaped: too many segments
    expect(await code('add', ADDR, { data: { name: 'a\\b/c', subnet: '10.9.9.0/24' } })).toBe(0);
    expect((await c.one('get', `${ADDR}/a\\\\b\\/c`)).data.name).toBe('a\\b/c');
  });
});

describe('add / set / update / replace / delete', () => {
  it('adds, refuses duplicates and returns the key', async () => {
    const r = await c.one('add', ADDR, { data: { name: 'h_new', subnet: '10.1.2.3 255.255.255.255' } });
    expect(r).toEqual({ status: { code: 0, message: 'OK' }, url: ADDR, data: { name: 'h_new' } });
    expect((await c.one('get', `${ADDR}/h_new`)).data).toMatchObject({
      type: 'ipmask',
      subnet: ['10.1.2.3', '255.255.255.255'],
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const dup = await c.one('add', ADDR, { data: { name: 'h_new', subnet: '10.1.2.4/32' } });
    expect(dup.status).toEqual({ code: -2, message: 'Object already exists' });
    expect(await code('add', ADDR, { data: { subnet: '10.1.2.4/32' } })).toBe(-10);
  });

  it('adds a list of objects atomically', async () => {
    const ok = await c.one('add', ADDR, {
      data: [
        { name: 'b1', subnet: '10.2.0.1/32' },
        { name: 'b2', subnet: '10.2.0.2/32' },
      ],
    });
    expect(ok.data).toEqual([{ name: 'b1' }, { name: 'b2' }]);
    const bad = await c.one('add', ADDR, {
      data: [
        { name: 'b3', subnet: '10.2.0.3/32' },
        { name: 'b1', subnet: '10.2.0.1/32' },
      ],
    });
    expect(bad.status.code).toBe(-2);
    expect(await code('get', `${ADDR}/b3`)).toBe(-3);
  });

  it('set upserts, update merges, replace swaps sub-tables', async () => {
    expect(await code('set', `${ADDR}/s1`, { data: { subnet: '10.3.0.0/16', comment: 'one' } })).toBe(0);
    expect(await code('set', `${ADDR}/s1`, { data: { subnet: '10.3.0.0/16' } })).toBe(0);
    expect((await c.one('get', `${ADDR}/s1`)).data.comment).toBe(''); // set overwrites
    expect(await code('update', `${ADDR}/s1`, { data: { comment: 'two' } })).toBe(0);
    expect((await c.one('get', `${ADDR}/s1`)).data).toMatchObject({
      comment: 'two',
      subnet: ['10.3.0.0', '255.255.0.0'],
    });
    expect(await code('update', `${ADDR}/missing`, { data: { comment: 'x' } })).toBe(-3);
    expect(await code('replace', `${ADDR}/s1`, { data: { comment: 'three' } })).toBe(0);
  });

  it('renames through update and follows references', async () => {
    expect(await code('update', `${ADDR}/h_web01`, { data: { name: 'h_web01_new' } })).toBe(0);
    expect((await c.one('get', `${GRP}/web-servers`)).data.member).toEqual(['h_web01_new', 'h_web02']);
  });

  it('deletes, with -3 for missing and -10015 for referenced objects', async () => {
    expect(await code('delete', `${ADDR}/h_db01`)).toBe(-10015); // used by dc-core policy 1
    const inUse = await c.one('delete', `${ADDR}/h_web01`); // member of web-servers
    expect(inUse.status).toEqual({ code: -10015, message: 'Object is in use' });
    expect(await code('delete', `${GRP}/web-servers`)).toBe(-10015); // used by policy 2 and dmz-servers
    expect(await code('delete', `${ADDR}/nope`)).toBe(-3);
    expect(await code('delete', `${ADDR}/net_guest`)).toBe(0);
    expect(await code('get', `${ADDR}/net_guest`)).toBe(-3);
  });

  it('mass-deletes only with confirm', async () => {
    expect(await code('delete', ADDR, { filter: ['name', 'like', 'range%'] })).toBe(-9);
    expect(await code('delete', ADDR, { filter: ['name', 'like', 'range%'], confirm: 1 })).toBe(-10015);
    expect(await code('delete', ADDR, { filter: ['name', '==', 'net_guest'], confirm: 1 })).toBe(0);
  });
});

describe('validation and references', () => {
  it.each([
    ['unknown type', { name: 'v', type: 'mac' }],
    ['ipmask without subnet', { name: 'v', type: 'ipmask' }],
    ['non-contiguous netmask', { name: 'v', subnet: ['10.0.0.0', '255.0.255.0'] }],
    ['bad ip', { name: 'v', subnet: '10.0.0.300/24' }],
    ['fqdn without fqdn', { name: 'v', type: 'fqdn' }],
    ['iprange reversed', { name: 'v', type: 'iprange', 'start-ip': '10.0.0.9', 'end-ip': '10.0.0.1' }],
  ])('answers -10 for %s', async (_label, data) => {
    expect((await c.one('add', ADDR, { data })).status).toEqual({
      code: -10,
      message: 'The data is invalid for selected url',
    });
  });

  it.each([[['10.5.0.0', '255.255.0.0']], ['10.5.0.0 255.255.0.0'], ['10.5.0.0/16']])(
    'accepts subnet %j and stores [ip, mask]',
    async (subnet) => {
      expect(await code('add', ADDR, { data: { name: 'sn', subnet } })).toBe(0);
      expect((await c.one('get', `${ADDR}/sn`)).data.subnet).toEqual(['10.5.0.0', '255.255.0.0']);
    },
  );

  it('answers -10131 naming a missing referenced object', async () => {
    const r = await c.one('add', POLICY, {
      data: { name: 'x', srcaddr: ['ghost'], dstaddr: 'all', service: 'ALL' },
    });
    expect(r.status.code).toBe(-10131);
    expect(r.status.message).toMatch(
      /^datasrc invalid\. object: .*srcaddr.* detail: ghost\. solution: data not exist$/,
    );
    expect(r.data).toEqual({ policyid: 11 });
    const g = await c.one('add', GRP, { data: { name: 'g', member: ['h_web01', 'nope'] } });
    expect(g.status.code).toBe(-10131);
    expect(g.status.message).toContain('nope');
    expect(await code('add', GRP, { data: { name: 'g', member: ['h_web01', 'dmz-servers'] } })).toBe(0);
  });
});

describe('member sub-urls', () => {
  it('appends and removes group members', async () => {
    expect(await code('add', `${GRP}/web-servers/member`, { data: ['h_db01', 'h_web01'] })).toBe(0);
    expect((await c.one('get', `${GRP}/web-servers`)).data.member).toEqual(['h_web01', 'h_web02', 'h_db01']);
    expect(await code('delete', `${GRP}/web-servers/member`, { data: ['h_web01'] })).toBe(0);
    expect((await c.one('get', `${GRP}/web-servers/member`)).data).toEqual(['h_web02', 'h_db01']);
    expect(await code('add', `${GRP}/web-servers/member`, { data: ['ghost'] })).toBe(-10131);
    expect(await code('add', `${POLICY}/1/srcaddr`, { data: ['net_guest'] })).toBe(0);
    expect((await c.one('get', `${POLICY}/1`)).data.srcaddr).toEqual(['net_10.0.0.0/24', 'net_guest']);
  });
});

describe('policies', () => {
  it('auto-assigns policyid and appends', async () => {
    const data = {
      name: 'new',
      srcintf: 'port2',
      dstintf: 'port1',
      srcaddr: 'all',
      dstaddr: 'all',
      service: 'ALL',
    };
    const r = await c.one('add', POLICY, { data: { ...data, policyid: 0, action: 'accept' } });
    expect(r.data).toEqual({ policyid: 11 });
    const p = await c.one('get', `${POLICY}/11`);
    expect(p.data).toMatchObject({ srcaddr: ['all'], schedule: 'always', status: 'enable', 'obj seq': 11 });
    expect(await code('add', POLICY, { data: { ...data, policyid: 3 } })).toBe(-2);
    expect(await code('add', POLICY, { data: { ...data, action: 'allow' } })).toBe(-10);
  });

  it('clones with overrides', async () => {
    const r = await c.one('clone', `${POLICY}/2`, { data: { name: 'LAN-to-web-copy' } });
    expect(r.data).toEqual({ policyid: 11 });
    expect((await c.one('get', `${POLICY}/11`)).data).toMatchObject({
      name: 'LAN-to-web-copy',
      dstaddr: ['web-servers'],
    });
    expect(await code('clone', `${POLICY}/2`, { data: { policyid: 3 } })).toBe(-2);
    expect(await code('clone', `${ADDR}/h_web01`, { data: {} })).toBe(-2);
    expect(await code('clone', `${ADDR}/h_web01`, { data: { name: 'h_web01_b' } })).toBe(0);
  });

  it('moves before/after a target', async () => {
    const order = async () =>
      ((await c.one('get', POLICY, { fields: ['policyid'] })).data as { policyid: number }[]).map(
        (p) => p.policyid,
      );
    expect(await code('move', `${POLICY}/10`, { option: 'before', target: '1' })).toBe(0);
    expect(await order()).toEqual([10, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await code('move', `${POLICY}/10`, { option: 'after', target: 9 })).toBe(0);
    expect((await order()).slice(-2)).toEqual([9, 10]);
    expect(await code('move', `${POLICY}/10`, { option: 'sideways', target: '1' })).toBe(-8);
    expect(await code('move', `${POLICY}/10`, { option: 'before', target: '99' })).toBe(-3);
    expect(await code('move', `${ADDR}/h_web01`, { option: 'before', target: 'h_db01' })).toBe(-9);
  });

  it('answers -6 for unknown packages and cli paths', async () => {
    expect(await code('get', 'pm/config/adom/root/pkg/nope/firewall/policy')).toBe(-6);
    expect(await code('get', 'pm/config/adom/root/pkg/branches/firewall/policy')).toBe(-6); // a folder
    expect(await code('get', 'pm/config/adom/root/pkg/branch-std/firewall/policy/1')).toBe(0);
    expect(await code('get', `${OBJ}/nonsense`)).toBe(-6);
    expect(await code('get', 'pm/config/adom/nope/obj/firewall/address')).toBe(-6);
  });
});

describe('other tables and the Global ADOM', () => {
  it('serves services, schedules, vips, ippools and global objects', async () => {
    expect((await c.one('get', `${OBJ}/service/custom/HTTPS`)).data['tcp-portrange']).toEqual(['443']);
    expect((await c.one('get', `${OBJ}/service/group/Web Access`)).data.member).toEqual(['HTTP', 'HTTPS']);
    expect(
      await code('add', `${OBJ}/service/custom`, { data: { name: 'bad', 'tcp-portrange': '70000' } }),
    ).toBe(-10);
    expect((await c.one('get', `${OBJ}/schedule/recurring/business-hours`)).data.day).toHaveLength(5);
    expect((await c.one('get', `${OBJ}/vip/vip_web01`)).data.mappedip).toEqual(['10.0.10.11']);
    expect(await code('get', `${OBJ}/ippool/pool_hq_nat`)).toBe(0);
    const g = await c.one('get', 'pm/config/global/obj/firewall/addrgrp/g_rfc1918');
    expect(g.data.member).toHaveLength(3);
    expect(
      await code('add', 'pm/config/global/obj/firewall/address', {
        data: { name: 'g1', subnet: '1.1.1.1/32' },
      }),
    ).toBe(0);
  });
});
