import { AuditEntry, AuditService } from '../../src/audit/audit.service';
import { PROXY_DEFAULTS } from '../../src/config/app-config';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';
import { testToken } from '../support/tokens';

const HQ = '/adoms/root/devices/FGT-HQ-CLUSTER';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('managed FortiGates through the FortiManager proxy', () => {
  let emulator: RunningEmulator;
  /** PROXY_WRITES unset: proxied writes are off. */
  let stack: Stack;
  /** PROXY_WRITES=firewall/address. */
  let writable: Stack;

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await startStack({ reuseEmulator: emulator });
    writable = await startStack({
      reuseEmulator: emulator,
      gateway: { proxy: { ...PROXY_DEFAULTS, writes: ['firewall/address'] } },
    });
  });
  afterAll(async () => {
    await stack.close();
    await writable.close();
    await emulator.close();
  });
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.taskSpeed(10);
  });

  /** The `sys/proxy/json` calls the emulator answered during fn, as `target resource`. */
  async function proxiedDuring(fn: () => Promise<unknown>): Promise<string[]> {
    const { next } = await stack.control.calls();
    await fn();
    const { calls } = await stack.control.calls(next);
    return calls.filter((c) => c.url === 'sys/proxy/json').map((c) => `${c.method} ${c.code}`);
  }

  describe('monitor reads', () => {
    it("should answer one device's FortiOS monitor results through sys/proxy/json", async () => {
      let res!: { body: Record<string, unknown>; status: number };
      const calls = await proxiedDuring(async () => {
        res = await stack.http().get(`${HQ}/monitor/system%2Fstatus`).expect(200);
      });
      expect(calls).toEqual(['exec 0']);
      expect(res.body).toMatchObject({ hostname: 'FGT-HQ-CLUSTER', model_number: '600F' });
      const usage = await stack.http().get(`${HQ}/monitor/system%2Fresource%2Fusage`).expect(200);
      expect(Object.keys(usage.body)).toEqual(expect.arrayContaining(['cpu', 'mem', 'session']));
      const one = await stack
        .http()
        .get(`${HQ}/monitor/system%2Finterface`)
        .query({ interface_name: 'port1', vdom: 'root' })
        .expect(200);
      expect(Object.keys(one.body)).toEqual(['port1']);
      const hits = await stack
        .http()
        .get(`${HQ}/monitor/firewall%2Fpolicy`)
        .query({ policyid: '2' })
        .expect(200);
      expect(hits.body).toHaveLength(1);
      expect(hits.body[0]).toMatchObject({
        policyid: 2,
        hit_count: expect.any(Number),
        last_used: expect.any(Number),
      });
    });

    it('should map an unknown device to 404, an offline one to 502 and a silent one to 504, naming the device', async () => {
      expectProblem(
        await stack.http().get('/adoms/root/devices/nope/monitor/system%2Fstatus'),
        404,
        'FMG_OBJECT_NOT_FOUND',
      );
      // A device of another ADOM is unknown in this one.
      expectProblem(
        await stack.http().get('/adoms/root/devices/FGT-NYC-01/monitor/system%2Fstatus'),
        404,
        'FMG_OBJECT_NOT_FOUND',
      );
      const offline = expectProblem(
        await stack.http().get('/adoms/root/devices/FGT-HQ-LAB/monitor/system%2Fstatus'),
        502,
        'FMG_DEVICE_UNREACHABLE',
      );
      expect(offline).toMatchObject({ device: 'FGT-HQ-LAB', detail: expect.stringContaining('FGT-HQ-LAB') });
      await stack.control.proxyTimeout('FGT-HQ-CLUSTER');
      const silent = expectProblem(
        await stack.http().get(`${HQ}/monitor/system%2Fstatus`).query({ timeout: 5 }),
        504,
        'DEVICE_TIMEOUT',
      );
      expect(silent.device).toBe('FGT-HQ-CLUSTER');
    });

    it("should map FortiOS's own 404 (unknown monitor path, unknown vdom) to 404", async () => {
      const res = expectProblem(
        await stack.http().get(`${HQ}/monitor/system%2Fnothing`),
        404,
        'FORTIOS_NOT_FOUND',
      );
      expect(res.fortios).toMatchObject({ httpStatus: 404 });
      expectProblem(
        await stack.http().get(`${HQ}/monitor/system%2Fstatus`).query({ vdom: 'no-such-vdom' }),
        404,
        'FORTIOS_NOT_FOUND',
      );
    });
  });

  describe('path safety', () => {
    it.each([
      ['..%2Fcmdb%2Fsystem%2Fadmin', {}],
      ['system%2F..%2F..%2Fcmdb', {}],
      ['https%3A%2F%2Fevil.example%2Fapi', {}],
      ['%2Fapi%2Fv2%2Fcmdb%2Fsystem%2Fadmin', {}],
      ['system%2Fstatus%3Fvdom%3Dother', {}],
      ['system%2Fstatus%23x', {}],
      ['System%2FStatus', {}],
      ['system%2Fstatus', { vdom: 'root&global=1' }],
      ['system%2Fstatus', { global: '1' }],
      ['system%2Fstatus', { count: '1&vdom=other' }],
      ['system%2Fstatus', { timeout: 100000 }],
    ])('should refuse %s %j with a 400 before anything reaches the device', async (path, query) => {
      const calls = await proxiedDuring(async () => {
        const res = await stack.http().get(`${HQ}/monitor/${path}`).query(query);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      });
      expect(calls).toEqual([]);
    });

    it('should refuse credential tables on the live-config routes (403), before the upstream', async () => {
      const calls = await proxiedDuring(async () => {
        expectProblem(await stack.http().get(`${HQ}/live-config/system%2Fadmin`), 403, 'TABLE_NOT_ALLOWED');
        expectProblem(
          await stack.http().get(`${HQ}/live-config/system%2Fapi-user%2Fx`),
          403,
          'TABLE_NOT_ALLOWED',
        );
      });
      expect(calls).toEqual([]);
    });

    it('should keep denying sys/proxy through /rpc', async () => {
      const res = await stack
        .http()
        .post('/rpc')
        .send({
          method: 'exec',
          params: [
            {
              url: '/sys/proxy/json',
              data: {
                action: 'get',
                resource: '/api/v2/cmdb/system/admin',
                target: ['adom/root/device/FGT-HQ-CLUSTER'],
              },
            },
          ],
        });
      expectProblem(res, 403, 'RPC_URL_NOT_ALLOWED');
    });
  });

  describe('fan-out', () => {
    it('should answer 207 for a group, one entry per device, with the offline one as its own 502', async () => {
      const res = await stack
        .http()
        .get('/adoms/branch-east/device-groups/east-branches/monitor/system%2Fstatus');
      expect(res.status).toBe(207);
      const byDevice = Object.fromEntries(
        (res.body.results as { device: string; status: number }[]).map((r) => [r.device, r]),
      );
      expect(Object.keys(byDevice).sort()).toEqual(['FGT-BOS-01', 'FGT-NYC-01', 'FGT-PHL-01']);
      expect(byDevice['FGT-NYC-01']).toMatchObject({ status: 200, body: { hostname: 'FGT-NYC-01' } });
      expect(byDevice['FGT-BOS-01']).toMatchObject({ status: 200, body: { hostname: 'FGT-BOS-01' } });
      expect(byDevice['FGT-PHL-01']).toMatchObject({
        status: 502,
        problem: {
          code: 'FMG_DEVICE_UNREACHABLE',
          status: 502,
          detail: expect.stringContaining('FGT-PHL-01'),
        },
      });
      expect(byDevice['FGT-PHL-01']).not.toHaveProperty('body');
      expectProblem(
        await stack.http().get('/adoms/branch-east/device-groups/nope/monitor/system%2Fstatus'),
        404,
        'FMG_OBJECT_NOT_FOUND',
      );
    });

    it('should answer 207 for a device list, with a device outside the ADOM as its own 404', async () => {
      await stack.control.proxyTimeout('FGT-BOS-01');
      const res = await stack
        .http()
        .post('/adoms/branch-east/monitor-queries')
        .send({
          devices: ['FGT-NYC-01', 'FGT-BOS-01', 'FGT-HQ-CLUSTER'],
          path: 'license/status',
          query: { timeout: 5 },
        });
      expect(res.status).toBe(207);
      expect(
        res.body.results.map((r: { device: string; status: number }) => `${r.device} ${r.status}`),
      ).toEqual(['FGT-NYC-01 200', 'FGT-BOS-01 504', 'FGT-HQ-CLUSTER 404']);
      expect(res.body.results[0].body).toHaveProperty('forticare');
      const bad = await stack
        .http()
        .post('/adoms/branch-east/monitor-queries')
        .send({ devices: ['FGT-NYC-01'], path: '../cmdb/system/admin' });
      expect(bad.status).toBe(400);
    });
  });

  describe('live configuration', () => {
    it("should read the device's running config, a table and one entry", async () => {
      const table = await stack
        .http()
        .get(`${HQ}/live-config/firewall%2Faddress`)
        .query({ vdom: 'root' })
        .expect(200);
      expect(table.body.map((r: { name: string }) => r.name)).toContain('all');
      const entry = await stack.http().get(`${HQ}/live-config/system%2Finterface/port1`).expect(200);
      expect(entry.body).toMatchObject({ name: 'port1' });
      expectProblem(
        await stack.http().get(`${HQ}/live-config/firewall%2Faddress/nope`),
        404,
        'FORTIOS_NOT_FOUND',
      );
    });
  });

  describe('writes through the proxy', () => {
    const body = { name: 'lab-net', subnet: '10.99.0.0 255.255.0.0' };

    async function audited(fn: () => Promise<unknown>, on: Stack): Promise<AuditEntry[]> {
      const entries: AuditEntry[] = [];
      const audit = on.app.get(AuditService);
      const listener = (e: AuditEntry) => entries.push(e);
      audit.on('entry', listener);
      try {
        await fn();
      } finally {
        audit.off('entry', listener);
      }
      return entries;
    }

    it('should refuse a write without admin scope, and without the allow-list even for admin', async () => {
      const writer = bearer(testToken({ sub: 'carol', scope: 'read write' }));
      const calls = await proxiedDuring(async () => {
        expectProblem(
          await writable.anonymous().post(`${HQ}/live-config/firewall%2Faddress`).set(writer).send(body),
          403,
          'INSUFFICIENT_SCOPE',
        );
        const entries = await audited(async () => {
          expectProblem(
            await stack.http().post(`${HQ}/live-config/firewall%2Faddress`).send(body),
            403,
            'PROXY_WRITE_NOT_ALLOWED',
          );
        }, stack);
        expect(entries.map((e) => [e.status, e.target])).toEqual([
          [403, { device: 'FGT-HQ-CLUSTER', fortiosPath: 'firewall/address' }],
        ]);
        // Allow-listed paths only: firewall/address does not open system/dns.
        expectProblem(
          await writable.http().put(`${HQ}/live-config/system%2Fdns/x`).send({ primary: '9.9.9.9' }),
          403,
          'PROXY_WRITE_NOT_ALLOWED',
        );
      });
      expect(calls).toEqual([]);
    });

    it('should write with admin scope and the allow-list, audited with device and path; FMG keeps its copy', async () => {
      const entries = await audited(async () => {
        const created = await writable
          .http()
          .post(`${HQ}/live-config/firewall%2Faddress`)
          .send(body)
          .expect(200);
        expect(created.body).toMatchObject({
          device: 'FGT-HQ-CLUSTER',
          path: 'firewall/address',
          mkey: 'lab-net',
        });
        const changed = await writable
          .http()
          .put(`${HQ}/live-config/firewall%2Faddress/lab-net`)
          .send({ comment: 'changed on the box' })
          .expect(200);
        expect(changed.body.mkey).toBe('lab-net');
      }, writable);
      expect(entries.map((e) => `${e.method} ${e.status} ${JSON.stringify(e.target)}`)).toEqual([
        'POST 200 {"device":"FGT-HQ-CLUSTER","fortiosPath":"firewall/address"}',
        'PUT 200 {"device":"FGT-HQ-CLUSTER","fortiosPath":"firewall/address","key":"lab-net"}',
      ]);
      expect(entries[0].rpc.map((r) => r.url)).toContain('/sys/proxy/json');
      const live = await writable.http().get(`${HQ}/live-config/firewall%2Faddress/lab-net`).expect(200);
      expect(live.body).toMatchObject({ name: 'lab-net', comment: 'changed on the box' });
      // The device DB (FMG's copy) does not see a change made on the device.
      await writable
        .http()
        .get('/devices/FGT-HQ-CLUSTER/vdoms/root/config/firewall%2Faddress/lab-net')
        .expect(404);
      expectProblem(
        await writable.http().post(`${HQ}/live-config/firewall%2Faddress`).send(body),
        409,
        'FORTIOS_CONFLICT',
      );
      await writable.http().delete(`${HQ}/live-config/firewall%2Faddress/lab-net`).expect(200);
      await writable.http().get(`${HQ}/live-config/firewall%2Faddress/lab-net`).expect(404);
    });
  });

  describe('hit counts and HA', () => {
    const HIT_COUNTS = '/adoms/branch-east/packages/east-std/hit-counts';

    it("should refresh a package's hit counts as a task and read them per policy", async () => {
      const started = await stack.http().post(HIT_COUNTS).expect(202);
      expect(started.headers['location']).toBe(`/tasks/${started.body.taskId}`);
      expect(started.body.result).toBe(`${HIT_COUNTS}?task=${started.body.taskId}`);
      const task = (await stack.http().get(`${started.headers['location']}?wait=20s`).expect(200)).body;
      expect(task.done).toBe(true);
      const res = await stack.http().get(started.body.result).expect(200);
      expect(res.body.task).toBe(started.body.taskId);
      const byId = Object.fromEntries(res.body.policies.map((p: { policyId: number }) => [p.policyId, p]));
      expect(Object.keys(byId)).toEqual(['1', '2', '3']);
      expect(byId[1]).toMatchObject({
        name: 'LAN-to-HQ',
        hits: expect.any(Number),
        lastUsed: expect.any(String),
      });
      expect(byId[1].hits).toBeGreaterThan(0);
      expect(Date.parse(byId[1].firstUsed)).toBeLessThan(Date.parse(byId[1].lastUsed));
      // A policy never hit has no first or last use.
      expect(byId[3]).toMatchObject({ hits: 0, firstUsed: null, lastUsed: null });
      // Task ids are global on FMG: another ADOM's path does not reach this task.
      expectProblem(
        await stack
          .http()
          .get('/adoms/root/packages/default/hit-counts')
          .query({ task: started.body.taskId }),
        404,
        'FMG_OBJECT_NOT_FOUND',
      );
      expectProblem(
        await stack.http().post('/adoms/branch-east/packages/nope/hit-counts'),
        422,
        'FMG_INVALID_DATA',
      );
    });

    it('should answer 409 + Retry-After while the hit-count task runs', async () => {
      await stack.control.taskSpeed(60_000);
      const started = await stack.http().post(HIT_COUNTS).expect(202);
      const res = await stack.http().get(started.body.result);
      expectProblem(res, 409, 'HIT_COUNTS_NOT_READY');
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect((await stack.http().get(HIT_COUNTS).query({ task: 0 })).status).toBe(400);
    });

    it("should answer FortiManager's own HA status, and a managed cluster's members", async () => {
      const fmg = await stack.http().get('/system/ha').expect(200);
      expect(fmg.body).toMatchObject({ role: 'Standalone', members: [] });
      const reader = bearer(testToken({ scope: 'read' }));
      expectProblem(await stack.anonymous().get('/system/ha').set(reader), 403, 'INSUFFICIENT_SCOPE');
      const cluster = await stack.http().get('/adoms/datacenter/devices/FGT-DC1-EDGE/ha').expect(200);
      expect(cluster.body).toMatchObject({ device: 'FGT-DC1-EDGE', mode: 'a-p' });
      expect(cluster.body.members).toHaveLength(2);
      expect(cluster.body.members.filter((m: { primary: boolean }) => m.primary)).toHaveLength(1);
      const single = await stack.http().get('/adoms/datacenter/devices/FGT-DC-CORE/ha').expect(200);
      expect(single.body).toMatchObject({ mode: 'standalone', members: [] });
    });
  });
});
