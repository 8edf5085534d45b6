import { useSeededEmulator } from '../../../test/support/emulator-testing';
import { setTimeout as sleep } from 'node:timers/promises';

const c = useSeededEmulator({ taskStepMs: 5 });

const exec = (url: string, data: unknown) => c.one('exec', url, { data });

describe('install tasks', () => {
  it('installs a package on its scope members and reports the task per docs/upstream-api.md §7', async () => {
    const r = await exec('securityconsole/install/package', { adom: 'root', pkg: 'default' });
    expect(r.status.code).toBe(0);
    expect(r.data).toEqual({ task: expect.any(Number) });
    const first = (await c.one('get', `task/task/${r.data.task}`)).data;
    expect(first).toMatchObject({ id: r.data.task, num_lines: 1, user: 'admin', src: 'security console' });
    expect(['pending', 'running']).toContain(first.state);
    const t = await c.waitTask(r.data.task);
    expect(t).toMatchObject({
      title: expect.any(String),
      adom: expect.any(Number),
      pid: expect.any(Number),
      flags: 0,
      start_tm: expect.any(Number),
      end_tm: expect.any(Number),
      percent: 100,
      tot_percent: 100,
      num_lines: 1,
      num_done: 1,
      num_err: 0,
      num_warn: 0,
      state: 'done',
      preview: 0,
    });
    expect(t.line).toEqual([
      expect.objectContaining({
        name: 'FGT-HQ-CLUSTER',
        vdom: 'root',
        ip: '192.0.2.10',
        oid: expect.any(Number),
        state: 'done',
        err: 0,
        percent: 100,
        detail: expect.any(String),
      }),
    ]);
    expect(t.history.length).toBeGreaterThanOrEqual(2);
    expect(t.history[0]).toEqual(
      expect.objectContaining({ name: 'FGT-HQ-CLUSTER', vdom: 'root', percent: expect.any(Number) }),
    );
    const lines = await c.one('get', `task/task/${r.data.task}/line`);
    expect(lines.data).toHaveLength(1);
  });

  it('fails the line of an unreachable device and ends the task in error', async () => {
    const r = await exec('securityconsole/install/package', { adom: 'branch-east', pkg: 'east-std' });
    const t = await c.waitTask(r.data.task);
    expect(t).toMatchObject({ state: 'error', percent: 100, num_lines: 3, num_err: 1, num_done: 3 });
    const bad = t.line.find((l: { name: string }) => l.name === 'FGT-PHL-01');
    expect(bad).toMatchObject({ state: 'error', err: 1, detail: 'device is unreachable' });
    expect(t.line.filter((l: { state: string }) => l.state === 'done')).toHaveLength(2);
  });

  it('installs on an explicit scope and rejects unknown adom, package or device', async () => {
    const r = await exec('securityconsole/install/package', {
      adom: 'root',
      pkg: 'dc-core',
      scope: [{ name: 'FGT-HQ-CLUSTER', vdom: 'guest' }],
      flags: ['none'],
    });
    expect((await c.waitTask(r.data.task)).line[0]).toMatchObject({ vdom: 'guest', state: 'done' });
    const code = async (d: unknown) => (await exec('securityconsole/install/package', d)).status.code;
    expect(await code({ adom: 'nope', pkg: 'default' })).toBe(-6);
    expect(await code({ adom: 'root', pkg: 'nope' })).toBe(-3);
    expect(await code({ adom: 'root', pkg: 'default', scope: [{ name: 'FGT-NOPE', vdom: 'root' }] })).toBe(
      -3,
    );
    expect(await code({ adom: 'root', pkg: 'default', scope: [{ name: 'FGT-HQ-CLUSTER', vdom: 'x' }] })).toBe(
      -3,
    );
    expect(await code({ adom: 'root', pkg: 'dc-core' })).toBe(-10); // no scope members
  });

  it('installs device settings as a task', async () => {
    const r = await exec('securityconsole/install/device', {
      adom: 'root',
      scope: [
        { name: 'FGT-HQ-CLUSTER', vdom: 'root' },
        { name: 'FGT-HQ-LAB', vdom: 'root' },
      ],
    });
    const t = await c.waitTask(r.data.task);
    expect(t).toMatchObject({ src: 'install device', num_lines: 2, num_err: 1, state: 'error' });
    expect(t.tot_percent).toBe(200);
  });

  it('runs the 4-step preview flow', async () => {
    const dev = { adom: 'root', device: 'FGT-HQ-CLUSTER' };
    // No preview prepared yet.
    expect((await exec('securityconsole/install/preview', { ...dev, vdoms: ['root'] })).status.code).toBe(-1);
    const r1 = await exec('securityconsole/install/package', {
      adom: 'root',
      pkg: 'default',
      flags: ['preview'],
    });
    expect(await c.waitTask(r1.data.task)).toMatchObject({ preview: 1, state: 'done' });
    const r2 = await exec('securityconsole/install/preview', { ...dev, vdoms: ['root'], flags: ['none'] });
    expect(r2.data).toEqual({ task: expect.any(Number) });
    // Not ready while the preview task runs.
    expect((await exec('securityconsole/preview/result', dev)).status.code).toBe(-1);
    await c.waitTask(r2.data.task);
    const res = await exec('securityconsole/preview/result', dev);
    expect(res.status.code).toBe(0);
    expect(res.data.message).toContain('config firewall policy');
    expect(res.data.message).toContain('edit 1');
    // 7.4.4+ scope form.
    const viaScope = await exec('securityconsole/preview/result', {
      adom: 'root',
      scope: [{ name: 'FGT-HQ-CLUSTER', vdom: 'root' }],
    });
    expect(viaScope.data.message).toBe(res.data.message);
    expect((await exec('securityconsole/package/cancel/install', { adom: 'root' })).status.code).toBe(0);
    expect((await exec('securityconsole/preview/result', dev)).status.code).toBe(-1);
  });

  it('cancel/install cancels running install tasks of the ADOM', async () => {
    await c.control('POST', 'tasks/speed', { stepMs: 1000 });
    const r = await exec('securityconsole/install/package', { adom: 'root', pkg: 'default' });
    await exec('securityconsole/package/cancel/install', { adom: 'root' });
    const t = (await c.one('get', `task/task/${r.data.task}`)).data;
    expect(t).toMatchObject({ state: 'cancelled', percent: 100 });
  });
});

describe('task table and control API', () => {
  it('lists, filters, counts, pages and deletes tasks', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await exec('securityconsole/install/package', { adom: 'root', pkg: 'default' })).data.task);
    }
    await Promise.all(ids.map((id) => c.waitTask(id)));
    const all = await c.one('get', 'task/task');
    expect(all.data.map((t: { id: number }) => t.id)).toEqual(ids);
    expect((await c.one('get', 'task/task', { option: 'count' })).data).toBe(3);
    const f = await c.one('get', 'task/task', { filter: ['id', '==', ids[1]] });
    expect(f.data.map((t: { id: number }) => t.id)).toEqual([ids[1]]);
    const page = await c.one('get', 'task/task', { range: [1, 1], fields: ['id', 'state'] });
    expect(page.data).toEqual([{ id: ids[1], state: 'done' }]);
    expect((await c.one('delete', `task/task/${ids[0]}`)).status.code).toBe(0);
    expect((await c.one('get', `task/task/${ids[0]}`)).status.code).toBe(-3);
    expect((await c.one('delete', `task/task/${ids[0]}`)).status.code).toBe(-3);
    expect((await c.one('set', 'task/task', { data: {} })).status.code).toBe(-9);
    const [line] = (await c.one('get', `task/task/${ids[1]}/line`)).data;
    expect((await c.one('get', `task/task/${ids[1]}/line/${line.oid}`)).data).toMatchObject({
      state: 'done',
    });
    expect((await c.one('get', `task/task/${ids[1]}/line/${line.oid}/history`)).data.length).toBeGreaterThan(
      0,
    );
    expect((await c.one('get', `task/task/${ids[1]}/history`)).data.length).toBeGreaterThan(0);
  });

  it('fail-next fails the next line (optionally of one device only)', async () => {
    expect(await c.control('POST', 'tasks/fail-next', { device: 'FGT-NYC-01' })).toEqual({ pending: 1 });
    const r = await exec('securityconsole/install/package', { adom: 'root', pkg: 'default' });
    expect((await c.waitTask(r.data.task)).state).toBe('done'); // other device: untouched
    const r2 = await exec('securityconsole/install/package', { adom: 'branch-east', pkg: 'east-std' });
    const t = await c.waitTask(r2.data.task);
    expect(t.num_err).toBe(2);
    expect(t.line[0]).toMatchObject({ name: 'FGT-NYC-01', state: 'error', err: 1 });
    await c.control('POST', 'tasks/fail-next', {});
    const r3 = await exec('securityconsole/install/package', { adom: 'root', pkg: 'default' });
    expect(await c.waitTask(r3.data.task)).toMatchObject({ state: 'error', num_err: 1 });
    const r4 = await exec('securityconsole/install/package', { adom: 'root', pkg: 'default' });
    expect((await c.waitTask(r4.data.task)).state).toBe('done'); // consumed
  });

  it('speed control slows tasks down; reset clears tasks', async () => {
    expect(await c.control('POST', 'tasks/speed', { stepMs: 10_000 })).toEqual({ stepMs: 10_000 });
    expect((await c.controlReply('POST', 'tasks/speed', { stepMs: -1 })).status).toBe(400);
    expect((await c.controlReply('POST', 'tasks/fail-next', { device: 3 })).status).toBe(400);
    const r = await exec('securityconsole/install/package', { adom: 'root', pkg: 'default' });
    await sleep(30);
    expect((await c.one('get', `task/task/${r.data.task}`)).data).toMatchObject({
      percent: 0,
      state: 'pending',
    });
    await c.control('POST', 'reset');
    await c.login();
    expect((await c.one('get', 'task/task')).data).toEqual([]);
  });
});
