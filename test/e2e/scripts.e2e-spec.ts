import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

describe('CLI scripts', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.taskSpeed(10);
  });

  const base = '/adoms/root/scripts';

  it('should create, read, update and delete a script', async () => {
    const created = await stack
      .http()
      .post(base)
      .send({
        name: 'show-status',
        target: 'remote_device',
        content: 'get system status',
        description: 'versions',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'show-status',
      target: 'remote_device',
      content: 'get system status',
      type: 'cli',
    });
    const listed = await stack.http().get(base).query({ filter: 'name==show-*' }).expect(200);
    expect(listed.body.items.map((s: { name: string }) => s.name)).toEqual(['show-status']);
    const patched = await stack
      .http()
      .patch(`${base}/show-status`)
      .send({ content: 'get system performance status' })
      .expect(200);
    expect(patched.body.content).toBe('get system performance status');
    await stack.http().delete(`${base}/show-status`).expect(204);
    expectProblem(await stack.http().get(`${base}/show-status`), 404, 'FMG_OBJECT_NOT_FOUND');
  });

  it('should run a script on a device as a task and show its output', async () => {
    await stack
      .http()
      .post(base)
      .send({ name: 'diag', target: 'remote_device', content: 'get system status\ndiagnose sys top 1 1' })
      .expect(201);
    const run = await stack
      .http()
      .post(`${base}/diag/execute`)
      .send({ scope: [{ name: 'FGT-HQ-CLUSTER' }] })
      .expect(202);
    expect(run.headers['location']).toBe(`/tasks/${run.body.taskId}`);
    const task = (await stack.http().get(`/tasks/${run.body.taskId}?wait=20s`).expect(200)).body;
    expect(task).toMatchObject({ done: true, succeeded: true });
    const output = await stack.http().get(`${base}/diag/output/FGT-HQ-CLUSTER`).expect(200);
    expect(output.body).toMatchObject({ script: 'diag', status: 'success' });
    expect(output.body.output).toContain('get system status');
  });

  it('should report a run on an unreachable device as a failed task', async () => {
    await stack
      .http()
      .post(base)
      .send({ name: 'diag2', target: 'remote_device', content: 'get system status' })
      .expect(201);
    const run = await stack
      .http()
      .post(`${base}/diag2/execute`)
      .send({ scope: [{ name: 'FGT-HQ-LAB' }] })
      .expect(202);
    const task = (await stack.http().get(`/tasks/${run.body.taskId}?wait=20s`).expect(200)).body;
    expect(task).toMatchObject({ done: true, succeeded: false });
  });

  it('should refuse a run without a target and 404 output that does not exist', async () => {
    await stack
      .http()
      .post(base)
      .send({ name: 'noop', target: 'device_database', content: 'config system global\nend' })
      .expect(201);
    expectProblem(await stack.http().post(`${base}/noop/execute`).send({}), 400, 'BAD_REQUEST');
    expectProblem(await stack.http().get(`${base}/noop/output/FGT-HQ-CLUSTER`), 404, 'SCRIPT_NOT_RUN');
    expectProblem(
      await stack.http().post(base).send({ name: 'bad', target: 'somewhere', content: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
