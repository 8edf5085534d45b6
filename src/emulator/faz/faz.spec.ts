import { startEmulator, type EmulatorProduct, type RunningEmulator } from '../index';
import { EmulatorTestClient } from '../../../test/support/emulator-testing';

let faz: RunningEmulator;
let fmg: RunningEmulator;
let c: EmulatorTestClient;

beforeAll(async () => {
  [faz, fmg] = await Promise.all([startEmulator({ product: 'fortianalyzer' }), startEmulator()]);
  c = new EmulatorTestClient(faz.url);
  await c.login();
});
afterAll(() => Promise.all([faz.close(), fmg.close()]));

describe('FortiAnalyzer personality', () => {
  it.each(['sys/status', 'cli/global/system/status'])('identifies as a FortiAnalyzer on %s', async (url) => {
    const st = await c.one('get', url);
    expect(st.status.code).toBe(0);
    expect(st.data).toMatchObject({
      Hostname: 'FAZ-EMULATOR',
      'Platform Type': 'FortiAnalyzer-VM64',
      'Platform Full Name': 'FortiAnalyzer-VM64',
      'Serial Number': 'FAZ-VMTM26000001',
      Version: 'v7.6.5-build3653 250124 (GA)',
      Major: 7,
      Minor: 6,
    });
    expect((await c.one('get', 'cli/global/system/global', { fields: ['hostname'] })).data).toEqual({
      hostname: 'FAZ-EMULATOR',
    });
  });

  it('seeds the same ADOMs and devices as the FortiManager', async () => {
    const m = new EmulatorTestClient(fmg.url);
    await m.login();
    const names = async (client: EmulatorTestClient, url: string) =>
      ((await client.one('get', url, { fields: ['name'] })).data as { name: string }[])
        .map((r) => r.name)
        .sort();
    expect(await names(c, 'dvmdb/adom')).toEqual(await names(m, 'dvmdb/adom'));
    const devices = await names(c, 'dvmdb/device');
    expect(devices.length).toBeGreaterThan(0);
    expect(devices).toEqual(await names(m, 'dvmdb/device'));
    expect((await c.one('get', 'dvmdb/adom/branch-east/device')).data.length).toBeGreaterThan(0);
  });

  it('has no policy & objects (pm/*): -6', async () => {
    const res = await c.call('get', [
      { url: 'pm/config/adom/root/obj/firewall/address' },
      { url: 'pm/pkg/adom/root' },
      { url: 'pm/config/global/obj/firewall/address' },
    ]);
    expect(res.result.map((r) => r.status)).toEqual(
      Array.from({ length: 3 }, () => ({ code: -6, message: 'Invalid url' })),
    );
  });

  it('rejects an unknown product', async () => {
    await expect(startEmulator({ product: 'fortigate' as EmulatorProduct })).rejects.toThrow(
      /unknown emulator product fortigate/,
    );
  });
});
