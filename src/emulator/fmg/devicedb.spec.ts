import { EmulatorTestClient, statusCode, useSeededEmulator } from '../../../test/support/emulator-testing';

const c = useSeededEmulator();
const DEV = 'pm/config/device/FGT-HQ-CLUSTER';
const IF = `${DEV}/global/system/interface`;
const DNS = `${DEV}/global/system/dns`;
const ROUTE = `${DEV}/vdom/root/router/static`;
const ADDR = `${DEV}/vdom/root/firewall/address`;

const code = (method: string, url: string, extra: Record<string, unknown> = {}) =>
  statusCode(c, method, url, extra);

describe('device DB urls', () => {
  it.each([
    ['unknown device', 'pm/config/device/FGT-NOPE/global/system/interface'],
    ['unknown vdom', `${DEV}/vdom/nope/router/static`],
    ['vdom missing', `${DEV}/vdom`],
    ['unknown cli path (global)', `${DEV}/global/system/nonsense`],
    ['unknown cli path (vdom)', `${DEV}/vdom/root/router/nonsense`],
    ['vdom table in global scope', `${DEV}/global/router/static`],
    ['global table in vdom scope', `${DEV}/vdom/root/system/interface`],
    ['no scope', DEV],
    ['bad scope', `${DEV}/adom/root/system/interface`],
    ['too deep', `${IF}/port1/allowaccess/x`],
    ['below a single object', `${DNS}/primary`],
  ])('answers -6 for %s', async (_label, url) => {
    expect(await code('get', url)).toBe(-6);
  });

  it('serves every seeded device and its vdoms', async () => {
    expect(await code('get', 'pm/config/device/FGT-SFO-01/global/system/interface/port1')).toBe(0);
    expect(await code('get', 'pm/config/device/FGT-DC1-EDGE/vdom/edge/firewall/address/all')).toBe(0);
    expect(await code('get', `${DEV}/vdom/guest/router/static`)).toBe(0);
  });
});

describe('system/interface (global)', () => {
  it('seeds port1..port4', async () => {
    const r = await c.one('get', IF, { fields: ['name', 'ip', 'allowaccess', 'status'] });
    expect(r.data.map((i: { name: string }) => i.name)).toEqual(['port1', 'port2', 'port3', 'port4']);
    expect(r.data[0]).toMatchObject({
      ip: ['192.0.2.10', '255.255.255.0'],
      allowaccess: ['ping', 'https', 'ssh', 'fgfm'],
      status: 'up',
      oid: expect.any(Number),
    });
    expect(r.data[3]).toMatchObject({ ip: ['0.0.0.0', '0.0.0.0'], status: 'down' });
  });

  it('filters, counts, sorts and pages', async () => {
    expect((await c.one('get', IF, { option: 'count' })).data).toBe(4);
    expect((await c.one('get', IF, { filter: ['status', '==', 'down'], option: ['count'] })).data).toBe(2);
    const r = await c.one('get', IF, {
      filter: ['allowaccess', 'contain', 'https'],
      sortings: [{ name: -1 }],
      range: [0, 1],
      fields: ['name'],
    });
    expect(r.data.map((i: { name: string }) => i.name)).toEqual(['port2']);
  });

  it('updates, sets, adds and deletes interfaces', async () => {
    expect(await code('update', `${IF}/port3`, { data: { ip: '10.9.0.1/24', status: 'up' } })).toBe(0);
    expect((await c.one('get', `${IF}/port3`)).data).toMatchObject({
      ip: ['10.9.0.1', '255.255.255.0'],
      status: 'up',
      allowaccess: [],
    });
    expect(await code('update', `${IF}/port3`, { data: { allowaccess: 'ping ssh' } })).toBe(0);
    expect((await c.one('get', `${IF}/port3`)).data.allowaccess).toEqual(['ping', 'ssh']);
    // set overwrites: omitted attributes fall back to defaults
    expect(await code('set', `${IF}/port3`, { data: { alias: 'dmz' } })).toBe(0);
    expect((await c.one('get', `${IF}/port3`)).data).toMatchObject({
      alias: 'dmz',
      status: 'up',
      allowaccess: [],
    });
    const vlan = { name: 'vlan100', type: 'vlan', interface: 'port2', vlanid: 100, ip: '10.100.0.1/24' };
    expect((await c.one('add', IF, { data: vlan })).data).toEqual({ name: 'vlan100' });
    expect(await code('add', IF, { data: vlan })).toBe(-2);
    expect(await code('delete', `${IF}/port2`)).toBe(-10015); // parent of vlan100
    expect(await code('delete', `${IF}/vlan100`)).toBe(0);
    expect(await code('delete', `${IF}/vlan100`)).toBe(-3);
    expect(await code('update', `${IF}/nope`, { data: { status: 'up' } })).toBe(-3);
  });

  it.each([
    ['bad ip', { ip: '10.0.0.300/24' }],
    ['non-contiguous mask', { ip: ['10.0.0.1', '255.0.255.0'] }],
    ['unknown allowaccess', { allowaccess: ['ping', 'gopher'] }],
    ['bad status', { status: 'sideways' }],
    ['vlan without tag', { type: 'vlan', interface: 'port1' }],
  ])('answers -10 for %s', async (_label, data) => {
    expect(await code('update', `${IF}/port4`, { data })).toBe(-10);
  });

  it('checks references to interfaces', async () => {
    expect(
      await code('add', IF, { data: { name: 'vlan7', type: 'vlan', interface: 'ghost', vlanid: 7 } }),
    ).toBe(-10131);
    expect(await code('add', IF, { data: { name: 'an-interface-name-too-long' } })).toBe(-10);
  });
});

describe('system/dns (a single object)', () => {
  it('gets, updates and sets the object on its own url', async () => {
    const r = await c.one('get', DNS);
    expect(r.data).toMatchObject({ primary: '96.45.45.45', secondary: '96.45.46.46', protocol: 'cleartext' });
    expect(await code('update', DNS, { data: { primary: '10.0.10.53' } })).toBe(0);
    expect((await c.one('get', DNS)).data).toMatchObject({ primary: '10.0.10.53', secondary: '96.45.46.46' });
    expect(await code('set', DNS, { data: { secondary: '10.0.10.54', domain: 'corp.example.com' } })).toBe(0);
    expect((await c.one('get', DNS, { fields: ['primary', 'secondary', 'domain'] })).data).toEqual({
      primary: '96.45.45.45', // set resets what it omits
      secondary: '10.0.10.54',
      domain: ['corp.example.com'],
    });
  });

  it('refuses bad data and table methods', async () => {
    expect(await code('update', DNS, { data: { primary: 'dns.example.com' } })).toBe(-10);
    expect(await code('update', DNS, { data: 'x' })).toBe(-10);
    expect((await c.one('get', DNS)).data.primary).toBe('96.45.45.45');
    expect(await code('add', DNS, { data: { primary: '1.1.1.1' } })).toBe(-9);
    expect(await code('delete', DNS)).toBe(-9);
  });
});

describe('router/static (vdom)', () => {
  it('seeds a default route and auto-assigns seq-num', async () => {
    expect((await c.one('get', `${ROUTE}/1`)).data).toMatchObject({
      'seq-num': 1,
      dst: ['0.0.0.0', '0.0.0.0'],
      gateway: '192.0.2.1',
      device: 'port1',
      distance: 10,
    });
    const r = await c.one('add', ROUTE, {
      data: [
        { dst: '10.50.0.0/16', gateway: '192.168.1.254', device: 'port2' },
        { 'seq-num': 0, dst: '10.60.0.0 255.255.0.0', gateway: '192.168.1.254', device: 'port2' },
      ],
    });
    expect(r.data).toEqual([{ 'seq-num': 2 }, { 'seq-num': 3 }]);
    expect(
      await code('add', ROUTE, { data: { 'seq-num': 2, dst: '10.70.0.0/16', gateway: '1.2.3.4' } }),
    ).toBe(-2);
    expect(
      await code('set', `${ROUTE}/10`, { data: { dst: '10.80.0.0/16', gateway: '192.168.1.254' } }),
    ).toBe(0);
    expect((await c.one('get', ROUTE, { filter: ['device', '==', 'port2'], option: 'count' })).data).toBe(2);
    expect(
      (await c.one('get', ROUTE, { filter: ['dst', '<=', ['10.0.0.0', '255.0.0.0']], fields: ['seq-num'] }))
        .data,
    ).toEqual([
      { 'seq-num': 2, oid: expect.any(Number) },
      { 'seq-num': 3, oid: expect.any(Number) },
      { 'seq-num': 10, oid: expect.any(Number) },
    ]);
    expect(await code('update', `${ROUTE}/3`, { data: { distance: 20 } })).toBe(0);
    expect(await code('delete', `${ROUTE}/3`)).toBe(0);
    expect(await code('get', `${ROUTE}/3`)).toBe(-3);
  });

  it('validates routes and their interface references, both ways', async () => {
    expect(await code('add', ROUTE, { data: { dst: '10.0.0.0/33', gateway: '1.1.1.1' } })).toBe(-10);
    expect(await code('add', ROUTE, { data: { dst: '10.0.0.0/8', gateway: 'gw' } })).toBe(-10);
    expect(await code('add', ROUTE, { data: { dst: '10.0.0.0/8', gateway: '1.1.1.1', distance: 0 } })).toBe(
      -10,
    );
    const r = await c.one('add', ROUTE, { data: { dst: '10.0.0.0/8', gateway: '1.1.1.1', device: 'port9' } });
    expect(r.status.code).toBe(-10131);
    expect(r.status.message).toContain('port9');
    expect(await code('delete', `${IF}/port1`)).toBe(-10015); // default route uses it
    // Renaming an interface follows into the routes that use it.
    expect(await code('update', `${IF}/port1`, { data: { name: 'wan1' } })).toBe(0);
    expect((await c.one('get', `${ROUTE}/1`)).data.device).toBe('wan1');
  });

  it('keeps vdoms apart', async () => {
    expect((await c.one('get', `${DEV}/vdom/guest/router/static`)).data).toEqual([]);
    expect(
      await code('add', `${DEV}/vdom/guest/router/static`, {
        data: { dst: '0.0.0.0/0', gateway: '10.0.50.1' },
      }),
    ).toBe(0);
    expect((await c.one('get', ROUTE, { option: 'count' })).data).toBe(1);
  });
});

describe('firewall/address (vdom)', () => {
  it('validates like ADOM addresses and supports member-free tables', async () => {
    expect((await c.one('get', ADDR)).data.map((a: { name: string }) => a.name)).toEqual(['all']);
    expect(await code('add', ADDR, { data: { name: 'h1', subnet: '10.1.1.1/32' } })).toBe(0);
    expect((await c.one('get', `${ADDR}/h1`)).data).toMatchObject({
      type: 'ipmask',
      subnet: ['10.1.1.1', '255.255.255.255'],
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await code('add', ADDR, { data: { name: 'bad', subnet: ['10.0.0.0', '255.0.255.0'] } })).toBe(-10);
    expect(await code('add', ADDR, { data: { name: 'f', type: 'fqdn' } })).toBe(-10);
    expect(await code('replace', `${ADDR}/h1`, { data: { comment: 'x' } })).toBe(0);
    expect(await code('delete', ADDR, { filter: ['name', '==', 'h1'], confirm: 1 })).toBe(0);
    expect(await code('get', `${ADDR}/h1`)).toBe(-3);
    // The ADOM table is a different one.
    expect(await code('get', 'pm/config/adom/root/obj/firewall/address/all')).toBe(-3);
  });

  it('writes are atomic per element', async () => {
    const r = await c.one('add', ADDR, {
      data: [
        { name: 'ok1', subnet: '10.2.0.1/32' },
        { name: 'bad', subnet: 'nope' },
      ],
    });
    expect(r.status.code).toBe(-10);
    expect(await code('get', `${ADDR}/ok1`)).toBe(-3);
  });
});

describe('locks, permissions and lifecycle', () => {
  it('needs no ADOM lock, even in a locked workspace-mode ADOM', async () => {
    // FGT-DC1-EDGE lives in datacenter, which jsmith has locked.
    expect(
      await code('add', 'pm/config/adom/datacenter/obj/firewall/address', {
        data: { name: 'x', subnet: '1.1.1.1/32' },
      }),
    ).toBe(-10147);
    const url = 'pm/config/device/FGT-DC1-EDGE/vdom/edge/firewall/address';
    expect(await code('add', url, { data: { name: 'x', subnet: '1.1.1.1/32' } })).toBe(0);
    expect((await c.one('get', 'dvmdb/adom/datacenter/workspace/dirty')).data).toEqual({ dirty: 0 });
  });

  it('refuses writes to read-only users', async () => {
    const v = new EmulatorTestClient(c.baseUrl);
    await v.login('viewer', 'viewer');
    expect((await v.one('get', `${IF}/port1`)).status.code).toBe(0);
    expect((await v.one('update', `${IF}/port1`, { data: { status: 'down' } })).status.code).toBe(-11);
  });

  it('is restored by reset and follows device renames', async () => {
    expect(await code('update', `${IF}/port4`, { data: { alias: 'spare' } })).toBe(0);
    expect(await code('update', 'dvmdb/adom/root/device/FGT-HQ-CLUSTER', { data: { name: 'FGT-HQ' } })).toBe(
      0,
    );
    expect((await c.one('get', 'pm/config/device/FGT-HQ/global/system/interface/port4')).data.alias).toBe(
      'spare',
    );
    expect(await code('get', `${IF}/port4`)).toBe(-6);
    await c.control('POST', 'reset');
    await c.login();
    expect((await c.one('get', `${IF}/port4`)).data.alias).toBe('');
  });

  it('gives devices added later a generic DB', async () => {
    const dev = { name: 'FGT-NEW', ip: '198.51.100.99', sn: 'FGT60FTK2209NEW1', vdom: [{ name: 'root' }] };
    expect(await code('add', 'dvmdb/adom/root/device', { data: dev })).toBe(0);
    expect((await c.one('get', 'pm/config/device/FGT-NEW/global/system/interface/port1')).data.ip).toEqual([
      '198.51.100.99',
      '255.255.255.0',
    ]);
    expect((await c.one('get', 'pm/config/device/FGT-NEW/vdom/root/router/static/1')).data.gateway).toBe(
      '198.51.100.1',
    );
  });
});
