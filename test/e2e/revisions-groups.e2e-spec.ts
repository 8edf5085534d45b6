import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

describe('device groups', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.taskSpeed(5);
  });

  it('should list the seeded groups with members, and manage a group and its members', async () => {
    const list = await stack.http().get('/adoms/branch-east/device-groups').expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        name: 'east-branches',
        members: expect.arrayContaining([{ name: 'FGT-NYC-01', vdom: 'root' }]),
      }),
    ]);
    const created = await stack
      .http()
      .post('/adoms/branch-east/device-groups')
      .send({ name: 'new york/nj', description: 'NY', members: [{ name: 'FGT-NYC-01' }] })
      .expect(201);
    expect(created.body).toEqual({
      name: 'new york/nj',
      description: 'NY',
      members: [{ name: 'FGT-NYC-01', vdom: 'root' }],
    });
    const path = '/adoms/branch-east/device-groups/new%20york%2Fnj';
    const added = await stack
      .http()
      .post(`${path}/members`)
      .send({ members: [{ name: 'FGT-BOS-01' }] })
      .expect(200);
    expect(added.body.members).toHaveLength(2);
    await stack.http().delete(`${path}/members/FGT-NYC-01`).expect(204);
    expect((await stack.http().get(path).expect(200)).body.members).toEqual([
      { name: 'FGT-BOS-01', vdom: 'root' },
    ]);
    await stack.http().patch(path).send({ description: 'Boston now' }).expect(200);
    expectProblem(
      await stack.http().post('/adoms/branch-east/device-groups').send({ name: 'new york/nj' }),
      409,
      'FMG_OBJECT_EXISTS',
    );
    expectProblem(
      await stack
        .http()
        .post(`${path}/members`)
        .send({ members: [{ name: 'FGT-SFO-01' }] }),
      404,
      'FMG_OBJECT_NOT_FOUND',
    );
    expectProblem(await stack.http().post(`${path}/members`).send({ members: [] }), 400, 'VALIDATION_FAILED');
    await stack.http().delete(path).expect(204);
    expectProblem(await stack.http().get(path), 404, 'FMG_OBJECT_NOT_FOUND');
  });

  it('should run a script on a device group: one task line per member', async () => {
    await stack
      .http()
      .post('/adoms/branch-east/scripts')
      .send({ name: 'status', target: 'remote_device', content: 'get system status' })
      .expect(201);
    const run = await stack
      .http()
      .post('/adoms/branch-east/scripts/status/execute')
      .send({ groups: ['east-branches'] })
      .expect(202);
    const task = (await stack.http().get(`/tasks/${run.body.taskId}?wait=20s`).expect(200)).body;
    expect(task.details.map((l: { name: string }) => l.name).sort()).toEqual([
      'FGT-BOS-01',
      'FGT-NYC-01',
      'FGT-PHL-01',
    ]);
    // FGT-PHL-01 is down in the demo data: that line fails, the task reports it.
    expect(task).toMatchObject({ done: true, succeeded: false, errors: 1 });
    const out = await stack.http().get('/adoms/branch-east/scripts/status/output/FGT-NYC-01').expect(200);
    expect(out.body.output).toContain('get system status');
  });
});

describe('ADOM revisions', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.control.reset());

  it('should save a revision, diff it after changes, and revert to it', async () => {
    const list = await stack.http().get('/adoms/root/revisions').expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: 1,
        name: 'Baseline',
        locked: true,
        createdAt: '2025-01-06T09:00:00.000Z',
      }),
    ]);
    const saved = await stack
      .http()
      .post('/adoms/root/revisions')
      .send({ name: 'before web-01', description: 'change 42' })
      .expect(201);
    expect(saved.body).toMatchObject({
      id: 2,
      name: 'before web-01',
      description: 'change 42',
      locked: false,
    });

    await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'web-01', subnet: '192.0.2.10/32' })
      .expect(201);
    await stack
      .http()
      .delete('/adoms/root/firewall/addresses/gw-hq')
      .then((r) => expect(r.status).toBeLessThan(500));

    const diff = (await stack.http().get('/adoms/root/revisions/2/diff').expect(200)).body;
    expect(diff.from).toBe(2);
    expect(diff.to).toBe('current');
    const addresses = diff.changes.find((c: { category: string }) => c.category === 'obj/firewall/address');
    expect(addresses.added).toEqual(['web-01']);
    // The diff job was ended upstream: start, polled more than once, end.
    const urls = (await stack.control.calls()).calls.map((c) => c.url);
    expect(urls.filter((u) => u === 'cache/diff/get/summary').length).toBeGreaterThan(1);
    expect(urls).toContain('cache/diff/end');

    await stack.http().post('/adoms/root/revisions/2/revert').expect(204);
    expectProblem(
      await stack.http().get('/adoms/root/firewall/addresses/web-01'),
      404,
      'FMG_OBJECT_NOT_FOUND',
    );
    expect((await stack.http().get('/adoms/root/revisions/2/diff').expect(200)).body.changes).toEqual([]);
    // Between two revisions: the baseline and the saved one are the same config.
    expect(
      (await stack.http().get('/adoms/root/revisions/1/diff?against=2').expect(200)).body.changes,
    ).toEqual([]);
  });

  it('should revert under the workspace lock in a workspace-mode ADOM, and 423 when someone else holds it', async () => {
    await stack.http().post('/adoms/datacenter/revisions').send({ name: 'dc' }).expect(201);
    // The seed has jsmith holding the datacenter lock.
    expectProblem(
      await stack.http().post('/adoms/datacenter/revisions/1/revert'),
      423,
      'FMG_WORKSPACE_LOCKED',
    );
  });

  it('should refuse bad ids and protect locked revisions', async () => {
    expectProblem(await stack.http().get('/adoms/root/revisions/99'), 404, 'FMG_OBJECT_NOT_FOUND');
    expectProblem(await stack.http().get('/adoms/root/revisions/99/diff'), 404, 'FMG_OBJECT_NOT_FOUND');
    expectProblem(
      await stack.http().get('/adoms/root/revisions/1/diff?against=..%2Fx'),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await stack.http().get('/adoms/root/revisions/abc'), 400, 'VALIDATION_FAILED');
    expectProblem(
      await stack.http().post('/adoms/root/revisions').send({ name: '  ' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await stack.http().patch('/adoms/root/revisions/1').send({}), 400, 'BAD_REQUEST');
    const del = await stack.http().delete('/adoms/root/revisions/1');
    expect(del.status).toBe(422);
    await stack.http().patch('/adoms/root/revisions/1').send({ locked: false }).expect(200);
    await stack.http().delete('/adoms/root/revisions/1').expect(204);
  });
});
