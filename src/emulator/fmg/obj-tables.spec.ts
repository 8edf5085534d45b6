import { statusCode, useSeededEmulator } from '../../../test/support/emulator-testing';

const c = useSeededEmulator();
const ROOT = 'pm/config/adom/root/obj/firewall';
const GLOBAL = 'pm/config/global/obj/firewall';
const POLICY = 'pm/config/adom/root/pkg/default/firewall/policy';

const code = (method: string, url: string, extra: Record<string, unknown> = {}) =>
  statusCode(c, method, url, extra);

/** [table, a valid new object, an update, a bad object] */
const TABLES: [string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>][] = [
  ['address', { name: 't1', subnet: '10.77.0.0/16' }, { comment: 'c' }, { name: 'b', subnet: 'x' }],
  ['addrgrp', { name: 't1', member: ['t_ref'] }, { comment: 'c' }, { name: 'b', member: ['ghost'] }],
  [
    'service/custom',
    { name: 't1', 'tcp-portrange': '8080-8081' },
    { comment: 'c' },
    { name: 'b', protocol: 'GRE' },
  ],
  ['service/group', { name: 't1', member: ['t_svc'] }, { comment: 'c' }, { name: 'b', member: ['ghost'] }],
  [
    'schedule/recurring',
    { name: 't1', day: 'saturday sunday', start: '08:00', end: '12:00' },
    { start: '09:00' },
    { name: 'b', day: 'someday' },
  ],
  [
    'schedule/onetime',
    { name: 't1', start: '08:00 2025/03/01', end: '18:00 2025/03/01' },
    { color: 3 },
    { name: 'b', start: '08:00 2025/03/01' },
  ],
  [
    'vip',
    { name: 't1', extip: '192.0.2.200', mappedip: ['10.0.10.200'], extintf: 'port1' },
    { comment: 'c' },
    { name: 'b', extip: 'x', mappedip: ['10.0.0.1'] },
  ],
  [
    'ippool',
    { name: 't1', type: 'one-to-one', startip: '192.0.2.210', endip: '192.0.2.211' },
    { comments: 'c' },
    { name: 'b', type: 'bogus', startip: '192.0.2.1', endip: '192.0.2.2' },
  ],
];

describe.each([
  ['ADOM root', ROOT],
  ['Global ADOM', GLOBAL],
])('object tables in the %s', (_label, base) => {
  beforeEach(async () => {
    // Referents for the group rows above.
    expect(await code('add', `${base}/address`, { data: { name: 't_ref', subnet: '10.78.0.1/32' } })).toBe(0);
    expect(
      await code('add', `${base}/service/custom`, { data: { name: 't_svc', 'tcp-portrange': '9' } }),
    ).toBe(0);
  });

  it.each(TABLES)(
    '%s: add, get, update, set, replace, filter, count, delete',
    async (table, row, upd, bad) => {
      const url = `${base}/${table}`;
      const count = async () => (await c.one('get', url, { option: 'count' })).data as number;
      const n = await count();
      expect((await c.one('add', url, { data: row })).data).toEqual({ name: 't1' });
      expect(await code('add', url, { data: row })).toBe(-2);
      expect(await count()).toBe(n + 1);
      expect(await code('update', `${url}/t1`, { data: upd })).toBe(0);
      expect((await c.one('get', `${url}/t1`)).data).toMatchObject(upd);
      expect(await code('set', `${url}/t1`, { data: row })).toBe(0);
      expect(await code('replace', `${url}/t1`, { data: upd })).toBe(0);
      const f = await c.one('get', url, { filter: ['name', '==', 't1'], fields: ['name'] });
      expect(f.data).toEqual([{ name: 't1', oid: expect.any(Number) }]);
      expect(
        (await c.one('get', url, { filter: ['name', 'like', 't%'], option: 'count' })).data,
      ).toBeGreaterThan(0);
      const b = await c.one('add', url, { data: bad });
      expect([-10, -10131]).toContain(b.status.code);
      expect(await code('delete', `${url}/t1`)).toBe(0);
      expect(await code('get', `${url}/t1`)).toBe(-3);
      expect(await count()).toBe(n);
    },
  );
});

describe('seeded objects in root', () => {
  it('has a onetime schedule, VIPs and IP pools', async () => {
    expect((await c.one('get', `${ROOT}/schedule/onetime/maint-2025-02-15`)).data).toMatchObject({
      start: '22:00 2025/02/15',
      end: '04:00 2025/02/16',
      color: 5,
    });
    expect((await c.one('get', `${ROOT}/vip/vip_mail_smtp`)).data).toMatchObject({
      extip: '192.0.2.25',
      mappedip: ['10.0.10.25'],
      extintf: 'port1',
      portforward: 'enable',
      protocol: 'tcp',
      extport: '25',
      mappedport: '25',
    });
    expect((await c.one('get', `${ROOT}/ippool`, { fields: ['name', 'type'] })).data).toEqual([
      { name: 'pool_hq_nat', type: 'overload', oid: expect.any(Number) },
      { name: 'pool_dmz_1to1', type: 'one-to-one', oid: expect.any(Number) },
    ]);
    // vip_web01 is the VIP a policy of "default" uses.
    expect((await c.one('get', POLICY, { filter: ['dstaddr', 'contain', 'vip_web01'] })).data).toHaveLength(
      1,
    );
  });
});

describe('onetime schedules', () => {
  const url = `${ROOT}/schedule/onetime`;
  it.each([
    ['time without date', { start: '08:00', end: '09:00 2025/01/01' }],
    ['impossible date', { start: '08:00 2025/02/30', end: '09:00 2025/03/01' }],
    ['hour 24', { start: '24:00 2025/01/01', end: '09:00 2025/01/02' }],
    ['end before start', { start: '09:00 2025/01/02', end: '08:00 2025/01/02' }],
    ['colour out of range', { start: '08:00 2025/01/01', end: '09:00 2025/01/01', color: 33 }],
    ['no end', { start: '08:00 2025/01/01' }],
  ])('answers -10 for %s', async (_label, data) => {
    expect(await code('add', url, { data: { name: 'x', ...data } })).toBe(-10);
  });

  it('accepts a leap day and defaults the colour', async () => {
    expect(
      await code('add', url, { data: { name: 'leap', start: '00:00 2028/02/29', end: '23:59 2028/02/29' } }),
    ).toBe(0);
    expect((await c.one('get', `${url}/leap`)).data.color).toBe(0);
  });
});

describe('VIPs', () => {
  const url = `${ROOT}/vip`;
  const base = { name: 'v', extip: '192.0.2.90', mappedip: '10.0.10.90', extintf: 'port1' };
  it.each([
    ['port forwarding without extport', { portforward: 'enable' }],
    ['bad extport', { portforward: 'enable', extport: '70000' }],
    ['mapped range of another width', { portforward: 'enable', extport: '8000-8009', mappedport: '80-81' }],
    ['unknown protocol', { protocol: 'gre' }],
    ['bad mappedip', { mappedip: ['10.0.0.9-10.0.0.1'] }],
    ['empty mappedip', { mappedip: [] }],
    ['bad portforward', { portforward: 'yes' }],
  ])('answers -10 for %s', async (_label, extra) => {
    expect(await code('add', url, { data: { ...base, ...extra } })).toBe(-10);
  });

  it('defaults the mapped port to the external one and accepts ranges', async () => {
    expect(await code('add', url, { data: { ...base, portforward: 'enable', extport: '8443' } })).toBe(0);
    expect((await c.one('get', `${url}/v`)).data).toMatchObject({
      protocol: 'tcp',
      extport: '8443',
      mappedport: '8443',
    });
    const range = {
      ...base,
      name: 'v2',
      extip: '192.0.2.91-192.0.2.92',
      mappedip: ['10.0.10.91-10.0.10.92'],
    };
    expect(
      await code('add', url, {
        data: { ...range, portforward: 'enable', extport: '8000-8009', mappedport: '80' },
      }),
    ).toBe(0);
  });
});

describe('references, both ways', () => {
  const newPolicy = (extra: Record<string, unknown>) => ({
    data: {
      name: 'p',
      srcintf: 'port2',
      dstintf: 'port1',
      srcaddr: 'all',
      dstaddr: 'all',
      service: 'ALL',
      ...extra,
    },
  });

  it.each([
    ['srcaddr', { srcaddr: ['ghost'] }],
    ['dstaddr', { dstaddr: ['ghost'] }],
    ['service', { service: ['ghost'] }],
    ['schedule', { schedule: 'ghost' }],
    ['poolname', { nat: 'enable', poolname: ['ghost'] }],
    ['a VIP as source', { srcaddr: ['vip_web01'] }],
  ])('a policy with a missing %s answers -10131', async (_label, extra) => {
    const r = await c.one('add', POLICY, newPolicy(extra));
    expect(r.status.code).toBe(-10131);
    expect(r.status.message).toMatch(/^datasrc invalid\./);
  });

  it('accepts every kind of referent', async () => {
    const r = await c.one(
      'add',
      POLICY,
      newPolicy({
        srcaddr: ['dmz-servers', 'h_db01'],
        dstaddr: ['vip_mail_smtp'],
        service: ['erp-services', 'SSH'],
        schedule: 'maint-2025-02-15',
        nat: 'enable',
        poolname: ['pool_dmz_1to1'],
      }),
    );
    expect(r.status.code).toBe(0);
    for (const url of [
      `${ROOT}/schedule/onetime/maint-2025-02-15`,
      `${ROOT}/vip/vip_mail_smtp`,
      `${ROOT}/ippool/pool_dmz_1to1`,
      `${ROOT}/service/custom/SSH`,
    ]) {
      expect(await code('delete', url)).toBe(-10015);
    }
  });

  it.each([
    ['a VIP used by a policy', `${ROOT}/vip/vip_web01`],
    ['an IP pool used by a policy', `${ROOT}/ippool/pool_hq_nat`],
    ['a recurring schedule used by a policy', `${ROOT}/schedule/recurring/business-hours`],
    ['a service group used by a policy', `${ROOT}/service/group/erp-services`],
    ['a service in a group', `${ROOT}/service/custom/app_erp`],
    ['an address group in a group', `${ROOT}/addrgrp/web-servers`],
    ['a global address in a global group', `${GLOBAL}/address/g_rfc1918_10`],
  ])('deleting %s answers -10015', async (_label, url) => {
    expect(await code('delete', url)).toBe(-10015);
    expect(await code('get', url)).toBe(0);
  });

  it('frees referents once the referrer is gone, and follows renames', async () => {
    expect(await code('delete', `${ROOT}/schedule/onetime/maint-2025-02-15`)).toBe(0); // unused
    expect(await code('update', `${ROOT}/vip/vip_web01`, { data: { name: 'vip_web' } })).toBe(0);
    expect((await c.one('get', `${POLICY}/3`)).data.dstaddr).toEqual(['vip_web']);
    expect(await code('delete', `${POLICY}/3`)).toBe(0);
    expect(await code('delete', `${ROOT}/vip/vip_web`)).toBe(0);
    expect(await code('update', `${POLICY}/8`, { data: { poolname: [] } })).toBe(0);
    expect(await code('delete', `${ROOT}/ippool/pool_hq_nat`)).toBe(0);
  });

  it('mass delete with force ignores references', async () => {
    const url = `${ROOT}/ippool`;
    expect(await code('delete', url, { confirm: 1 })).toBe(-10015);
    expect(await code('delete', url, { confirm: 1, option: 'force' })).toBe(0);
    expect((await c.one('get', url, { option: 'count' })).data).toBe(0);
  });
});

describe('address group members', () => {
  it('adds and deletes members through the member sub-url, in the Global ADOM too', async () => {
    const url = `${GLOBAL}/addrgrp/g_rfc1918/member`;
    expect(
      await code('add', `${GLOBAL}/address`, { data: { name: 'g_cgnat', subnet: '100.64.0.0/10' } }),
    ).toBe(0);
    expect(await code('add', url, { data: ['g_cgnat'] })).toBe(0);
    expect((await c.one('get', url)).data).toEqual([
      'g_rfc1918_10',
      'g_rfc1918_172',
      'g_rfc1918_192',
      'g_cgnat',
    ]);
    expect(await code('delete', `${GLOBAL}/address/g_cgnat`)).toBe(-10015);
    expect(await code('delete', url, { data: 'g_cgnat' })).toBe(0);
    expect(await code('delete', `${GLOBAL}/address/g_cgnat`)).toBe(0);
    expect(await code('add', url, { data: ['h_web01'] })).toBe(-10131); // an ADOM object, not global
    expect(
      (await c.one('get', `${ROOT}/addrgrp`, { filter: ['member', 'contain', 'h_web01'], fields: ['name'] }))
        .data,
    ).toEqual([{ name: 'web-servers', oid: expect.any(Number) }]);
  });
});
