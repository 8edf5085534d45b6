import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

type Row = Record<string, unknown>;

describe('provisioning', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.taskSpeed(10);
  });

  /** Follows a 202 to the end of its task. */
  async function finished(accepted: { status: number; body: { taskId: number } }): Promise<Row> {
    expect(accepted.status).toBe(202);
    return (await stack.http().get(`/tasks/${accepted.body.taskId}?wait=20s`).expect(200)).body as Row;
  }

  const statusOf = async (pkg: string, device: string) => {
    const rows = (await stack.http().get(`/adoms/root/packages/${pkg}/status`).expect(200)).body as Row[];
    return rows.find((r) => r.device === device)?.status;
  };

  it('should take a model device from onboarding to installed, in sync, then modified by an edit', async () => {
    const http = () => stack.http();
    const dev = 'FGT-MODEL-77';

    // Onboarding: a metadata variable, a model device added in bulk, the device's value.
    await http().post('/adoms/root/metadata-variables').send({ name: 'branch_id', value: '0' }).expect(201);
    const add = await finished(
      await http()
        .post('/adoms/root/devices/bulk')
        .send({
          devices: [{ name: dev, serial: 'FGT60FTK23097777', platform: 'FortiGate-60F', osVersion: '7.0' }],
        }),
    );
    expect(add).toMatchObject({ done: true, succeeded: true });
    const device = (await http().get(`/adoms/root/devices/${dev}`).expect(200)).body as Row;
    expect(device).toMatchObject({ serial: 'FGT60FTK23097777', platform: 'FortiGate-60F' });
    const variable = await http()
      .put(`/adoms/root/metadata-variables/branch_id/devices/${dev}`)
      .send({ value: '77' })
      .expect(200);
    expect(variable.body).toMatchObject({
      name: 'branch_id',
      value: '0',
      devices: [{ device: dev, vdom: 'root', value: '77' }],
    });

    // Templates: a system and an SD-WAN template, each assigned to the device.
    for (const route of ['system-templates', 'sdwan-templates']) {
      await http()
        .post(`/adoms/root/${route}`)
        .send({ name: `branch-${route}` })
        .expect(201);
      const assigned = await http()
        .put(`/adoms/root/${route}/branch-${route}/targets/${dev}`)
        .query({ vdom: 'root' })
        .expect(200);
      expect(assigned.body).toEqual([{ name: dev, vdom: 'root' }]);
      const read = await http().get(`/adoms/root/${route}/branch-${route}`).expect(200);
      expect(read.body.targets).toEqual([{ name: dev, vdom: 'root' }]);
    }

    // Installation target: added without touching the package's existing one.
    expect(await statusOf('default', dev)).toBeUndefined();
    const targets = await http()
      .put(`/adoms/root/packages/default/targets/${dev}`)
      .query({ vdom: 'root' })
      .expect(200);
    expect(targets.body).toEqual([
      { name: 'FGT-HQ-CLUSTER', vdom: 'root' },
      { name: dev, vdom: 'root' },
    ]);
    expect(await statusOf('default', dev)).toBe('never');

    // Install: the package is "installed" on both, the device in sync.
    const install = await http().post('/adoms/root/packages/default/install').send({});
    expect(await finished(install)).toMatchObject({ done: true, succeeded: true });
    expect(await statusOf('default', dev)).toBe('installed');
    expect(await statusOf('default', 'FGT-HQ-CLUSTER')).toBe('installed');
    const inSync = await http().get(`/adoms/root/devices/${dev}/status`).expect(200);
    expect(inSync.body).toMatchObject({
      name: dev,
      configStatus: 'insync',
      dbStatus: 'nomod',
      lastInstall: 'installed',
      conflict: false,
      packages: [expect.objectContaining({ package: 'default', status: 'installed' })],
    });
    const log = await http().get(`/tasks/${install.body.taskId}/log/${dev}`).expect(200);
    expect(log.body).toMatchObject({ device: dev, state: 'done', detail: 'success' });
    expect(log.body.history.length).toBeGreaterThan(0);

    // An edit of a policy makes the package "modified" and the device's database modified.
    const policies = await http().get('/adoms/root/packages/default/policies').expect(200);
    const first = policies.body.items[0] as { policyid: number };
    await http()
      .patch(`/adoms/root/packages/default/policies/${first.policyid}`)
      .send({ comments: 'edited after install' })
      .expect(200);
    expect(await statusOf('default', dev)).toBe('modified');
    const modified = await http().get(`/adoms/root/devices/${dev}/status`).expect(200);
    expect(modified.body).toMatchObject({ dbStatus: 'mod', conflict: true });

    // Removing one target leaves the other in place.
    await http().delete(`/adoms/root/packages/default/targets/${dev}`).query({ vdom: 'root' }).expect(204);
    const left = await http().get('/adoms/root/packages/default/targets').expect(200);
    expect(left.body).toEqual([{ name: 'FGT-HQ-CLUSTER', vdom: 'root' }]);
    expect(await statusOf('default', dev)).toBeUndefined();
  });

  it('should assign and unassign templates and groups one target at a time and list who uses them', async () => {
    const http = () => stack.http();
    await http()
      .post('/adoms/root/system-templates')
      .send({ name: 'hq-system', targets: [{ name: 'FGT-HQ-CLUSTER', vdom: 'root' }] })
      .expect(201);
    await http().put('/adoms/root/system-templates/hq-system/targets/east-branches').expect(200);
    const users = await http().get('/adoms/root/system-templates/hq-system/targets').expect(200);
    expect(users.body).toEqual([{ name: 'FGT-HQ-CLUSTER', vdom: 'root' }, { name: 'east-branches' }]);
    await http()
      .delete('/adoms/root/system-templates/hq-system/targets/FGT-HQ-CLUSTER')
      .query({ vdom: 'root' })
      .expect(204);
    expect((await http().get('/adoms/root/system-templates/hq-system/targets').expect(200)).body).toEqual([
      { name: 'east-branches' },
    ]);

    const group = await http()
      .post('/adoms/root/template-groups')
      .send({ name: 'branch-bundle', members: ['hq-system'], description: 'All branch templates' })
      .expect(201);
    expect(group.headers.location).toBe('/adoms/root/template-groups/branch-bundle');
    expect(group.body).toMatchObject({ name: 'branch-bundle', members: ['hq-system'], targets: [] });
    const updated = await http()
      .patch('/adoms/root/template-groups/branch-bundle')
      .send({ description: 'v2' })
      .expect(200);
    expect(updated.body).toMatchObject({ description: 'v2', members: ['hq-system'] });
    const list = await http().get('/adoms/root/template-groups').expect(200);
    expect(list.body.items.map((t: Row) => t.name)).toEqual(['branch-bundle']);
    await http().delete('/adoms/root/template-groups/branch-bundle').expect(204);
    expectProblem(await http().get('/adoms/root/template-groups/branch-bundle'), 404, 'FMG_OBJECT_NOT_FOUND');
    expectProblem(await http().get('/adoms/root/sdwan-templates/nope/targets'), 404, 'FMG_OBJECT_NOT_FOUND');
    expectProblem(
      await http().post('/adoms/root/system-templates').send({ name: 'hq-system' }),
      409,
      'FMG_OBJECT_EXISTS',
    );
    expectProblem(
      await http()
        .post('/adoms/root/system-templates')
        .send({ name: 'x', targets: [{ vdom: 'root' }] }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('should list unregistered devices and authorize one into the ADOM', async () => {
    const before = await stack.http().get('/unregistered-devices').expect(200);
    expect(before.body.map((d: Row) => d.name)).toEqual(['FGT-NEW-BRANCH-01', 'FGT-NEW-BRANCH-02']);
    expectProblem(
      await stack.http().get('/adoms/root/devices/FGT-NEW-BRANCH-01'),
      404,
      'FMG_OBJECT_NOT_FOUND',
    );

    const task = await finished(
      await stack
        .http()
        .post('/adoms/root/devices/authorize')
        .send({ devices: ['FGT-NEW-BRANCH-01'] }),
    );
    expect(task).toMatchObject({ done: true, succeeded: true });
    const managed = await stack.http().get('/adoms/root/devices/FGT-NEW-BRANCH-01').expect(200);
    expect(managed.body).toMatchObject({ serial: 'FGT60FTK23090001', connection: 'up' });
    const after = await stack.http().get('/unregistered-devices').expect(200);
    expect(after.body.map((d: Row) => d.name)).toEqual(['FGT-NEW-BRANCH-02']);

    // A name that is not waiting fails its own line, reported per device.
    const missing = await finished(
      await stack
        .http()
        .post('/adoms/root/devices/authorize')
        .send({ devices: ['FGT-NOT-WAITING'] }),
    );
    expect(missing).toMatchObject({ done: true, succeeded: false, errors: 1 });
    expectProblem(
      await stack.http().post('/adoms/root/devices/authorize').send({ devices: [] }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('should report per-device results of a bulk add and never echo credentials', async () => {
    const res = await stack
      .http()
      .post('/adoms/root/devices/bulk')
      .send({
        devices: [
          { name: 'FGT-BULK-01' },
          { name: 'FGT-HQ-CLUSTER' },
          {
            name: 'FGT-BULK-REAL',
            kind: 'real',
            ip: '198.51.100.31',
            adminUser: 'admin',
            adminPassword: 'n0t-echoed',
          },
        ],
      });
    expect(JSON.stringify(res.body)).not.toContain('n0t-echoed');
    const task = await finished(res);
    expect(task).toMatchObject({ done: true, succeeded: false, errors: 1 });
    const lines = (task.details as Row[]).map((l) => `${String(l.name)}:${String(l.failed)}`);
    expect(lines).toEqual(['FGT-BULK-01:false', 'FGT-HQ-CLUSTER:true', 'FGT-BULK-REAL:false']);
    expect(JSON.stringify(task)).not.toContain('n0t-echoed');
    expectProblem(
      await stack
        .http()
        .post('/adoms/root/devices/bulk')
        .send({ devices: [{ name: 'x', kind: 'virtual' }] }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('should import policy from a device in two steps and summarise what was imported and what conflicted', async () => {
    const http = () => stack.http();
    const addresses = '/devices/FGT-HQ-CLUSTER/vdoms/root/config/firewall%2Faddress';
    await http()
      .post(addresses)
      .send({ name: 'h_imported01', subnet: ['10.77.0.1', '255.255.255.255'] })
      .expect(201);
    await http()
      .post(addresses)
      .send({ name: 'h_web01', subnet: ['10.255.255.1', '255.255.255.255'] })
      .expect(201);
    const url = '/adoms/root/devices/FGT-HQ-CLUSTER';
    // The device's built-in `all` address is new to this ADOM too; h_web01 exists with another subnet.
    expectProblem(await http().get('/adoms/root/firewall/addresses/all'), 404, 'FMG_OBJECT_NOT_FOUND');

    // Step 2 before step 1 fails: FMG needs the interface mapping first.
    const early = await finished(await http().post(`${url}/import`).send({ package: 'default' }));
    expect(early).toMatchObject({ done: true, succeeded: false });

    const mapping = await finished(
      await http().post(`${url}/import/interface-mapping`).send({ vdom: 'root' }),
    );
    expect(mapping).toMatchObject({ done: true, succeeded: true });
    const imported = await http().post(`${url}/import`).send({ package: 'default', vdom: 'root' });
    expect(await finished(imported)).toMatchObject({ done: true, succeeded: true });
    const log = await http().get(`/tasks/${imported.body.taskId}/log/FGT-HQ-CLUSTER`).expect(200);
    expect(log.body.detail).toBe('objects imported: 2, conflicts: 1, policies imported: 0');
    await http().get('/adoms/root/firewall/addresses/h_imported01').expect(200);

    expectProblem(await http().post(`${url}/import`).send({ package: 'a/b' }), 400, 'VALIDATION_FAILED');
    expectProblem(await http().post(`${url}/import`).send({ package: 'nope' }), 404, 'FMG_OBJECT_NOT_FOUND');
    expectProblem(
      await http().get(`/tasks/${imported.body.taskId}/log/FGT-OTHER`),
      404,
      'TASK_LINE_NOT_FOUND',
    );
  });

  it('should keep metadata variables per ADOM with per-device values', async () => {
    const http = () => stack.http();
    await http()
      .post('/adoms/root/metadata-variables')
      .send({ name: 'site_code', value: 'XX', description: 'Site' })
      .expect(201);
    await http()
      .put('/adoms/root/metadata-variables/site_code/devices/FGT-HQ-CLUSTER')
      .send({ value: 'FRA' })
      .expect(200);
    await http()
      .put('/adoms/root/metadata-variables/site_code/devices/FGT-HQ-CLUSTER')
      .send({ value: 'FRA2' })
      .expect(200);
    const list = await http().get('/adoms/root/metadata-variables').expect(200);
    expect(list.body).toEqual([
      {
        name: 'site_code',
        value: 'XX',
        description: 'Site',
        devices: [{ device: 'FGT-HQ-CLUSTER', vdom: 'root', value: 'FRA2' }],
      },
    ]);
    await http().delete('/adoms/root/metadata-variables/site_code/devices/FGT-HQ-CLUSTER').expect(204);
    expect((await http().get('/adoms/root/metadata-variables/site_code').expect(200)).body.devices).toEqual(
      [],
    );
    expectProblem(
      await http().post('/adoms/root/metadata-variables').send({ name: 'bad name' }),
      400,
      'VALIDATION_FAILED',
    );
    await http().delete('/adoms/root/metadata-variables/site_code').expect(204);
    expectProblem(await http().get('/adoms/root/metadata-variables/site_code'), 404, 'FMG_OBJECT_NOT_FOUND');
  });
});
