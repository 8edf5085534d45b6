import { useSeededEmulator } from '../../../test/support/emulator-testing';

const c = useSeededEmulator({ taskStepMs: 5 });

type Entry = {
  target: string;
  status: { code: number; message: string };
  response?: Record<string, unknown>;
};

async function proxy(data: Record<string, unknown>): Promise<Entry[]> {
  const r = await c.one('exec', 'sys/proxy/json', { data });
  expect(r.status.code).toBe(0);
  return r.data as Entry[];
}

describe('sys/proxy/json', () => {
  it('answers a monitor call per device of a group, the offline one without a response', async () => {
    const entries = await proxy({
      action: 'get',
      resource: '/api/v2/monitor/system/status?vdom=root',
      target: ['adom/branch-east/group/east-branches', 'adom/branch-east/device/FGT-NYC-01'],
    });
    // Overlapping targets answer once per device.
    expect(entries.map((e) => `${e.target} ${e.status.code}`)).toEqual([
      'FGT-NYC-01 0',
      'FGT-BOS-01 0',
      'FGT-PHL-01 -1',
    ]);
    expect(entries[0].response).toMatchObject({
      http_method: 'GET',
      http_status: 200,
      status: 'success',
      vdom: 'root',
      path: 'system',
      name: 'status',
      serial: 'FG100FTK22004711',
      version: expect.stringMatching(/^v7\./),
      build: expect.any(Number),
      results: { hostname: 'FGT-NYC-01' },
    });
    expect(entries[2]).not.toHaveProperty('response');
  });

  it('answers a timeout for a device on the timeout list, and FortiOS 404 for an unknown path or vdom', async () => {
    await c.control('POST', 'proxy/timeouts', { device: 'FGT-HQ-CLUSTER' });
    const [silent] = await proxy({
      action: 'get',
      resource: '/api/v2/monitor/system/status',
      target: ['device/FGT-HQ-CLUSTER'],
    });
    expect(silent.status.message).toMatch(/timed out/);
    const [unknown] = await proxy({
      action: 'get',
      resource: '/api/v2/monitor/nothing/here',
      target: ['device/FGT-NYC-01'],
    });
    expect(unknown.response).toMatchObject({ status: 'error', http_status: 404 });
    const [vdom] = await proxy({
      action: 'get',
      resource: '/api/v2/monitor/system/status?vdom=nope',
      target: ['device/FGT-NYC-01'],
    });
    expect(vdom.response).toMatchObject({ http_status: 404 });
    expect(
      (
        await c.one('exec', 'sys/proxy/json', {
          data: { action: 'get', resource: '/x', target: ['adom/root/device/nope'] },
        })
      ).status.code,
    ).toBe(-8);
  });

  it('reads and writes the running config apart from the device DB', async () => {
    const target = ['adom/root/device/FGT-HQ-CLUSTER'];
    const payload = { name: 'lab', subnet: '10.9.0.0 255.255.0.0' };
    const [created] = await proxy({
      action: 'post',
      resource: '/api/v2/cmdb/firewall/address?vdom=root',
      target,
      payload,
    });
    expect(created.response).toMatchObject({ http_status: 200, mkey: 'lab' });
    const [dup] = await proxy({
      action: 'post',
      resource: '/api/v2/cmdb/firewall/address?vdom=root',
      target,
      payload,
    });
    expect(dup.response).toMatchObject({ http_status: 500, error: -5 });
    const [read] = await proxy({
      action: 'get',
      resource: '/api/v2/cmdb/firewall/address/lab?vdom=root',
      target,
    });
    expect(read.response?.results).toEqual([payload]);
    const db = await c.one('get', 'pm/config/device/FGT-HQ-CLUSTER/vdom/root/firewall/address/lab');
    expect(db.status.code).not.toBe(0);
  });
});

describe('sys/hitcount and sys/task/result', () => {
  it('refreshes as a task, then answers the counters per policy once it ended', async () => {
    const r = await c.one('exec', 'sys/hitcount', { data: { adom: 'branch-east', pkg: 'east-std' } });
    const id = (r.data as { task: number }).task;
    expect(id).toBeGreaterThan(0);
    const done = await c.waitTask(id);
    // FGT-PHL-01 is offline: its line fails, the others count.
    expect(done.num_err).toBe(1);
    const result = await c.one('exec', 'sys/task/result', { data: { taskid: id } });
    const rows = (result.data as Record<string, Record<string, number>[]>)['firewall policy'];
    expect(rows.map((p) => [p.policyid, p.hitcount > 0])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(rows[2]).toMatchObject({ first_hit: 0, last_hit: 0 });
    expect(
      (await c.one('exec', 'sys/hitcount', { data: { adom: 'branch-east', pkg: 'nope' } })).status.code,
    ).toBe(-10);
  });

  it("answers the FortiManager's own HA status", async () => {
    const r = await c.one('get', 'sys/ha/status');
    expect(r.data).toMatchObject({ 'HA Role': 'Standalone', members: [] });
  });
});
