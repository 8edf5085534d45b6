import { useEmulator } from '../../../test/support/emulator-testing';

const [c] = useEmulator();
const ADDR = 'pm/config/adom/root/obj/firewall/address';
const POLICY = 'pm/config/adom/root/pkg/default/firewall/policy';

beforeAll(() => c.login());

async function names(url: string, filter: unknown, key = 'name'): Promise<unknown[]> {
  const r = await c.one('get', url, { filter, fields: [key] });
  if (r.status.code !== 0) throw new Error(JSON.stringify(r.status));
  return (r.data as Record<string, unknown>[]).map((x) => x[key]);
}

const HOSTS = ['h_web01', 'h_web02', 'h_db01', 'h_mail01', 'h_dns01', 'h_erp01'];
const SERVER_VLAN = ['net_10.0.10.0/24', ...HOSTS];

describe('filter grammar', () => {
  it.each<[string, unknown, string[]]>([
    ['==', ['name', '==', 'h_web01'], ['h_web01']],
    ['like with _ and %', ['name', 'like', 'h_%'], HOSTS],
    ['like is case-insensitive', ['name', 'like', '%WEB%'], ['h_web01', 'h_web02']],
    ['in with trailing values', ['name', 'in', 'h_db01', 'h_dns01', 'nope'], ['h_db01', 'h_dns01']],
    ['in with a list value', ['name', 'in', ['h_db01']], ['h_db01']],
    ['! attr op', ['!', 'type', '==', 'ipmask'], ['fqdn_partner-portal', 'range_guest_dhcp']],
    ['! [cond]', ['!', ['type', '==', 'ipmask']], ['fqdn_partner-portal', 'range_guest_dhcp']],
    ['!=', ['type', '!=', 'ipmask'], ['fqdn_partner-portal', 'range_guest_dhcp']],
    [
      '||',
      [['type', '==', 'fqdn'], '||', ['type', '==', 'iprange']],
      ['fqdn_partner-portal', 'range_guest_dhcp'],
    ],
    [
      '&&',
      [['name', 'like', 'h_%'], '&&', ['comment', 'like', '%server%']],
      ['h_web01', 'h_web02', 'h_erp01'],
    ],
    [
      '&& binds tighter than ||',
      [['name', '==', 'h_db01'], '||', ['name', 'like', 'h_web%'], '&&', ['comment', 'like', '%2']],
      ['h_web02', 'h_db01'],
    ],
    [
      'nested compound',
      [[['type', '==', 'fqdn'], '||', ['type', '==', 'iprange']], '&&', ['!', 'name', 'like', 'fqdn%']],
      ['range_guest_dhcp'],
    ],
    [
      'negated compound',
      ['!', [['type', '==', 'ipmask'], '||', ['type', '==', 'fqdn']]],
      ['range_guest_dhcp'],
    ],
    ['list attribute == element', ['subnet', '==', '10.0.10.11'], ['h_web01']],
    ['list attribute == whole list', ['subnet', '==', ['10.0.0.0', '255.255.255.0']], ['net_10.0.0.0/24']],
    ['subnet <= means inside', ['subnet', '<=', ['10.0.10.0', '255.255.255.0']], SERVER_VLAN],
    ['numbers compare numerically', ['color', '>', '0'], []],
  ])('%s', async (_label, filter, expected) => {
    const got = await names(ADDR, filter);
    expect([...got].sort()).toEqual([...expected].sort());
  });

  it('supports contain on member lists', async () => {
    expect(await names('pm/config/adom/root/obj/firewall/addrgrp', ['member', 'contain', 'h_web01'])).toEqual(
      ['web-servers'],
    );
    expect(await names(POLICY, ['srcaddr', 'contain', 'h_mail01'], 'policyid')).toEqual([5]);
  });

  it('supports numeric comparisons and bitmask', async () => {
    expect(await names(POLICY, ['policyid', '>=', 9], 'policyid')).toEqual([9, 10]);
    expect(await names(POLICY, ['policyid', '<', '3'], 'policyid')).toEqual([1, 2]);
    expect(await names('dvmdb/adom/root/device', ['conn_status', '&', 2])).toEqual(['FGT-HQ-LAB']);
  });

  it.each([
    ['not an array', 'name == x'],
    ['unknown operator', ['name', '~', 'x']],
    ['missing value', ['name', '==']],
    ['bad logical operator', [['name', '==', 'a'], 'AND', ['name', '==', 'b']]],
    ['dangling operator', [['name', '==', 'a'], '&&']],
  ])('answers -8 for a malformed filter (%s)', async (_label, filter) => {
    expect((await c.one('get', ADDR, { filter })).status).toEqual({ code: -8, message: 'Invalid parameter' });
  });
});

describe('range, sortings, count, fields, loadsub', () => {
  const ids = async (extra: Record<string, unknown>) =>
    ((await c.one('get', POLICY, { fields: ['policyid'], ...extra })).data as { policyid: number }[]).map(
      (p) => p.policyid,
    );

  it('pages with [offset, count]', async () => {
    expect(await ids({ range: [2, 3] })).toEqual([3, 4, 5]);
    expect(await ids({ range: [8, 100] })).toEqual([9, 10]);
  });

  it('sorts by several keys, stably', async () => {
    expect(await ids({ sortings: [{ action: 1 }, { policyid: -1 }] })).toEqual([
      9, 8, 7, 6, 5, 4, 3, 2, 1, 10,
    ]);
    expect(await ids({ sortings: [{ action: -1 }] })).toEqual([10, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await ids({ sortings: [{ action: -1 }], range: [0, 2] })).toEqual([10, 1]);
  });

  it('counts after filtering', async () => {
    expect((await c.one('get', POLICY, { option: 'count' })).data).toBe(10);
    expect((await c.one('get', POLICY, { option: ['count'], filter: ['nat', '==', 'enable'] })).data).toBe(4);
  });

  it('returns only requested fields plus oid and obj seq', async () => {
    const r = await c.one('get', POLICY, { fields: ['name'], filter: ['policyid', '==', 5] });
    expect(r.data).toEqual([{ name: 'Mail-relay-out', oid: expect.any(Number), 'obj seq': 5 }]);
    const one = await c.one('get', `${POLICY}/5`, { fields: ['action'] });
    expect(one.data).toEqual({ action: 'accept', oid: expect.any(Number), 'obj seq': 5 });
  });

  it('drops sub-tables with loadsub 0', async () => {
    const full = await c.one('get', 'dvmdb/adom/root/device/FGT-HQ-CLUSTER');
    expect(full.data.vdom.map((v: { name: string }) => v.name)).toEqual(['root', 'guest']);
    const lean = await c.one('get', 'dvmdb/adom/root/device/FGT-HQ-CLUSTER', { loadsub: 0 });
    expect(lean.data.vdom).toBeUndefined();
    expect(lean.data.sn).toBe('FG6H0FTB23900101');
  });

  it.each([
    ['range', { range: 'x' }],
    ['negative range', { range: [-1, 2] }],
    ['sorting direction', { sortings: [{ name: 2 }] }],
    ['sorting with two keys in one object', { sortings: [{ name: 1, action: 1 }] }],
    ['fields', { fields: 'name' }],
    ['option type', { option: 5 }],
  ])('answers -8 for malformed %s', async (_label, extra) => {
    expect((await c.one('get', POLICY, extra)).status.code).toBe(-8);
  });
});

describe('dvmdb', () => {
  it('lists ADOMs with their attributes', async () => {
    const r = await c.one('get', 'dvmdb/adom', { fields: ['name', 'workspace_mode'] });
    expect(r.data.map((a: { name: string }) => a.name)).toEqual([
      'root',
      'branch-east',
      'branch-west',
      'datacenter',
    ]);
    const dc = await c.one('get', 'dvmdb/adom/datacenter');
    expect(dc.data).toMatchObject({ name: 'datacenter', os_ver: '7.0', state: 1, restricted_prds: 'fos' });
    expect(dc.data).toMatchObject({
      workspace_mode: 1,
      uuid: expect.any(String),
      create_time: expect.any(Number),
    });
  });

  it('lists devices per ADOM and globally', async () => {
    // 10 managed devices and 2 unregistered ones (`mgmt_mode` "unreg"), which belong to no ADOM yet.
    expect((await c.one('get', 'dvmdb/device', { option: 'count' })).data).toBe(12);
    const d = await c.one('get', 'dvmdb/device/FGT-NYC-01', { loadsub: 0 });
    expect(d.data).toMatchObject({ platform_str: 'FortiGate-100F', conn_status: 1, os_ver: '7.0' });
    const v = await c.one('get', 'dvmdb/adom/datacenter/device/FGT-DC1-EDGE/vdom');
    expect(v.data.map((x: { name: string }) => x.name)).toEqual(['root', 'edge', 'internal']);
  });

  it('answers -6 under an unknown ADOM and -3 for the ADOM itself', async () => {
    expect((await c.one('get', 'dvmdb/adom/nope/device')).status.code).toBe(-6);
    expect((await c.one('get', 'dvmdb/adom/nope')).status.code).toBe(-3);
    expect((await c.one('get', 'dvmdb/adom/root/device/nope')).status.code).toBe(-3);
  });
});
