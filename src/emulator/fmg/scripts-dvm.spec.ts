import { useSeededEmulator } from '../../../test/support/emulator-testing';

const c = useSeededEmulator({ taskStepMs: 5 });

const SCRIPTS = 'dvmdb/adom/branch-east/script';
const exec = (url: string, data: unknown) => c.one('exec', url, { data });

describe('scripts', () => {
  const script = {
    name: 'show-version',
    type: 'cli',
    target: 'remote_device',
    content: 'get system status\nconfig system global\nset admintimeout 30\nend',
    desc: 'Version check',
  };

  it('supports CRUD', async () => {
    expect((await c.one('add', SCRIPTS, { data: script })).status.code).toBe(0);
    expect((await c.one('add', SCRIPTS, { data: script })).status.code).toBe(-2);
    expect((await c.one('get', `${SCRIPTS}/show-version`)).data).toMatchObject(script);
    expect((await c.one('update', `${SCRIPTS}/show-version`, { data: { desc: 'x' } })).status.code).toBe(0);
    expect((await c.one('get', SCRIPTS)).data).toEqual([
      expect.objectContaining({ name: 'show-version', desc: 'x' }),
    ]);
    expect((await c.one('add', SCRIPTS, { data: { name: 'bad', target: 'moon' } })).status.code).toBe(-10);
    expect((await c.one('add', SCRIPTS, { data: { name: 'db' } })).data).toEqual({ name: 'db' });
    expect((await c.one('get', `${SCRIPTS}/db`)).data).toMatchObject({
      type: 'cli',
      target: 'device_database',
    });
    expect((await c.one('delete', `${SCRIPTS}/db`)).status.code).toBe(0);
    expect((await c.one('get', `${SCRIPTS}/db`)).status.code).toBe(-3);
    expect((await c.one('get', 'dvmdb/adom/nope/script')).status.code).toBe(-6);
  });

  it('executes on devices as a task and keeps the latest log per device', async () => {
    await c.one('add', SCRIPTS, { data: script });
    const r = await exec(`${SCRIPTS}/execute`, {
      adom: 'branch-east',
      script: 'show-version',
      scope: [
        { name: 'FGT-NYC-01', vdom: 'global' },
        { name: 'FGT-PHL-01', vdom: 'global' },
      ],
    });
    expect(r.data).toEqual({ task: expect.any(Number) });
    const t = await c.waitTask(r.data.task);
    expect(t).toMatchObject({ num_lines: 2, num_err: 1, state: 'error' });
    const log = await c.one('get', `${SCRIPTS}/log/latest/device/FGT-NYC-01`);
    expect(log.data).toEqual([
      {
        content: expect.stringContaining('FGT-NYC-01 $ get system status'),
        exec_time: expect.any(Number),
        log_id: expect.any(Number),
        script_name: 'show-version',
        status: 'success',
      },
    ]);
    expect(log.data[0].content).toContain('FGT-NYC-01 $ set admintimeout 30');
    expect(log.data[0].content).toContain('<emulated output of "get system status">');
    const bad = await c.one('get', `${SCRIPTS}/log/latest/device/FGT-PHL-01`);
    expect(bad.data[0]).toMatchObject({ status: 'error' });
    expect((await c.one('get', `${SCRIPTS}/log/latest/device/FGT-BOS-01`)).data).toEqual([]);
    expect((await c.one('get', `${SCRIPTS}/log/latest/device/NOPE`)).status.code).toBe(-3);
  });

  it('runs device_database scripts on down devices and on packages', async () => {
    await c.one('add', SCRIPTS, { data: { ...script, name: 'db', target: 'device_database' } });
    const r = await exec(`${SCRIPTS}/execute`, {
      script: 'db',
      scope: [{ name: 'FGT-PHL-01', vdom: 'global' }],
    });
    expect((await c.waitTask(r.data.task)).state).toBe('done');
    const p = await exec(`${SCRIPTS}/execute`, { adom: 'branch-east', script: 'db', package: 'east-std' });
    expect(await c.waitTask(p.data.task)).toMatchObject({ state: 'done', num_lines: 1 });
    expect((await exec(`${SCRIPTS}/execute`, { script: 'nope', package: 'east-std' })).status.code).toBe(-3);
    expect((await exec(`${SCRIPTS}/execute`, { script: 'db', package: 'nope' })).status.code).toBe(-3);
  });
});

describe('dvm add/delete device', () => {
  const DEV = 'dvmdb/adom/branch-west/device';

  it('adds a device when the task finishes', async () => {
    await c.control('POST', 'tasks/speed', { stepMs: 40 });
    const r = await exec('dvm/cmd/add/device', {
      adom: 'branch-west',
      device: { name: 'FGT-LAX-01', ip: '203.0.113.43', adm_usr: 'admin', adm_pass: ['x'], os_ver: 7, mr: 2 },
      flags: ['create_task', 'nonblocking'],
    });
    expect(r.data).toEqual({ taskid: expect.any(Number) });
    expect((await c.one('get', `${DEV}/FGT-LAX-01`)).status.code).toBe(-3);
    const t = await c.waitTask(r.data.taskid);
    expect(t).toMatchObject({ state: 'done', src: 'device manager' });
    expect((await c.one('get', `${DEV}/FGT-LAX-01`)).data).toMatchObject({
      name: 'FGT-LAX-01',
      ip: '203.0.113.43',
      os_ver: '7.0',
      mr: 2,
      conn_status: 1,
    });
    // Its device DB exists.
    expect((await c.one('get', 'pm/config/device/FGT-LAX-01/global/system/interface')).status.code).toBe(0);
  });

  it('adds model devices, rejects duplicates, honours fail-next and blocking calls', async () => {
    const add = (device: unknown, flags = ['create_task', 'nonblocking']) =>
      exec('dvm/cmd/add/device', { adom: 'branch-west', device, flags });
    expect((await add({ name: 'FGT-SFO-01', ip: '1.2.3.4', adm_usr: 'a' })).status.code).toBe(-2);
    expect((await add({ name: 'X', ip: '1.2.3.4' })).status.code).toBe(-10);
    expect((await exec('dvm/cmd/add/device', { adom: 'nope', device: { name: 'X' } })).status.code).toBe(-6);
    const m = await add({
      name: 'FGT-MODEL',
      sn: 'FGT60FTK00000001',
      platform_str: 'FortiGate-60F',
      'device action': 'add_model',
    });
    await c.waitTask(m.data.taskid);
    expect((await c.one('get', `${DEV}/FGT-MODEL`)).data).toMatchObject({
      sn: 'FGT60FTK00000001',
      conn_status: 0,
    });
    await c.control('POST', 'tasks/fail-next', { device: 'FGT-FAIL' });
    const f = await add({ name: 'FGT-FAIL', ip: '1.2.3.5', adm_usr: 'admin' });
    expect(await c.waitTask(f.data.taskid)).toMatchObject({ state: 'error', num_err: 1 });
    expect((await c.one('get', `${DEV}/FGT-FAIL`)).status.code).toBe(-3);
    // Without nonblocking the call returns once the device is there.
    const b = await add({ name: 'FGT-BLOCK', ip: '1.2.3.6', adm_usr: 'admin' }, ['create_task']);
    expect(b.data).toEqual({
      taskid: expect.any(Number),
      device: { name: 'FGT-BLOCK', oid: expect.any(Number) },
    });
    expect((await c.one('get', `${DEV}/FGT-BLOCK`)).status.code).toBe(0);
  });

  it('deletes a device when the task finishes', async () => {
    const r = await exec('dvm/cmd/del/device', {
      adom: 'branch-east',
      device: 'FGT-PHL-01',
      flags: ['create_task', 'nonblocking'],
    });
    expect(r.data).toEqual({ taskid: expect.any(Number) });
    expect(await c.waitTask(r.data.taskid)).toMatchObject({ state: 'done' });
    expect((await c.one('get', 'dvmdb/adom/branch-east/device/FGT-PHL-01')).status.code).toBe(-3);
    const pkg = await c.one('get', 'pm/pkg/adom/branch-east/east-std');
    expect(pkg.data['scope member'].map((m: { name: string }) => m.name)).not.toContain('FGT-PHL-01');
    expect(
      (await exec('dvm/cmd/del/device', { adom: 'branch-east', device: 'FGT-PHL-01' })).status.code,
    ).toBe(-3);
  });
});
