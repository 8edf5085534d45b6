import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';
import { testToken } from '../support/tokens';

/** Long work as REST: install returns 202 + Location, the task is followed by polling, long-poll and SSE. */
describe('install and tasks', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.taskSpeed(20);
  });

  const install = (body: object = {}) => stack.http().post('/adoms/root/packages/default/install').send(body);

  it('should answer 202 with a Location, and the task can be polled to completion', async () => {
    const res = await install().expect(202);
    expect(res.body).toMatchObject({ taskId: expect.any(Number), operation: 'install' });
    expect(res.headers['location']).toBe(`/tasks/${res.body.taskId}`);
    let task = (await stack.http().get(res.headers['location']).expect(200)).body;
    const seen = new Set<number>([task.percent]);
    while (!task.done) {
      await new Promise((r) => setTimeout(r, 50));
      task = (await stack.http().get(res.headers['location']).expect(200)).body;
      seen.add(task.percent);
    }
    expect(seen.size).toBeGreaterThan(1); // it really progressed over time
    expect(task).toMatchObject({ percent: 100, done: true, succeeded: true, errors: 0, state: 'done' });
    expect(task.details.length).toBe(task.lines);
    expect(
      task.details.every((l: { percent: number; failed: boolean }) => l.percent === 100 && !l.failed),
    ).toBe(true);
  });

  it('should long-poll until the task ends with ?wait', async () => {
    const { taskId } = (await install().expect(202)).body;
    const started = Date.now();
    const task = (await stack.http().get(`/tasks/${taskId}?wait=20s`).expect(200)).body;
    expect(task.done).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('should answer at the deadline when the task is still running', async () => {
    await stack.control.taskSpeed(2_000);
    const { taskId } = (await install().expect(202)).body;
    const started = Date.now();
    const task = (await stack.http().get(`/tasks/${taskId}?wait=1s`).expect(200)).body;
    expect(task.done).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('should stream progress as Server-Sent Events, ending with a done event', async () => {
    const { taskId } = (await install().expect(202)).body;
    const res = await stack
      .http()
      .get(`/tasks/${taskId}/events`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString()));
        r.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = (res.body as string)
      .split('\n\n')
      .filter((e) => e.includes('data:'))
      .map((e) => ({ type: /event: (\w+)/.exec(e)?.[1], data: JSON.parse(/data: (.*)/.exec(e)![1]) }));
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { done: true, succeeded: true } });
    expect(events.slice(0, -1).every((e) => e.type === 'progress')).toBe(true);
  });

  it('should report a failing task as such', async () => {
    await stack.control.failNextTaskLine();
    const { taskId } = (await install().expect(202)).body;
    const task = (await stack.http().get(`/tasks/${taskId}?wait=20s`).expect(200)).body;
    expect(task).toMatchObject({ done: true, succeeded: false, state: 'error' });
    expect(task.errors).toBeGreaterThan(0);
    expect(task.details.some((l: { failed: boolean }) => l.failed)).toBe(true);
  });

  it('should preview an install: 202, 409 until the preview task is done, then the CLI per device', async () => {
    await stack.control.taskSpeed(200);
    const scope = [
      { name: 'FGT-HQ-CLUSTER', vdom: 'root' },
      { name: 'FGT-HQ-LAB', vdom: 'root' },
    ];
    const started = await stack
      .http()
      .post('/adoms/root/packages/default/previews')
      .send({ scope })
      .expect(202);
    const { taskId, result } = started.body;
    expect(started.body.operation).toBe('install-preview');
    expect(started.headers['location']).toBe(`/tasks/${taskId}`);
    expect(result).toBe(`/adoms/root/packages/default/previews/${taskId}`);
    // The race FMG clients hit: reading the result before the preview task finished. Refused here.
    const early = await stack.http().get(result);
    expectProblem(early, 409, 'PREVIEW_NOT_READY');
    expect(early.headers['retry-after']).toBe('1');
    await stack.control.taskSpeed(5);
    await stack.http().get(`/tasks/${taskId}?wait=20s`).expect(200);
    const preview = (await stack.http().get(result).expect(200)).body;
    expect(preview).toMatchObject({ taskId, package: 'default' });
    const byName = Object.fromEntries(preview.devices.map((d: { name: string }) => [d.name, d]));
    // The HQ cluster is up; the lab box is down in the demo data, so it has no preview.
    expect(byName['FGT-HQ-CLUSTER'].cli).toContain('config firewall policy');
    expect(byName['FGT-HQ-LAB']).toMatchObject({ error: 'device is unreachable' });
    // The calls reached the FMG in the order the reference prescribes, result read after preview.
    const urls = (await stack.control.calls()).calls.map((c) => c.url);
    const order = ['securityconsole/install/preview', 'securityconsole/preview/result'].map((u) =>
      urls.lastIndexOf(u),
    );
    expect(order[0]).toBeGreaterThanOrEqual(0);
    expect(order[1]).toBeGreaterThan(order[0]);
    await stack.http().delete(result).expect(204);
    // Discarded upstream: the prepared preview is gone, so reading it again has nothing to show.
    expectProblem(await stack.http().get(result), 409, 'PREVIEW_NOT_PREPARED');
  });

  it('should cancel a running install, and refuse tasks FMG cannot cancel', async () => {
    await stack.control.taskSpeed(1_000);
    const { taskId } = (await install().expect(202)).body;
    const cancelled = await stack.http().post(`/tasks/${taskId}/cancel`).expect(200);
    expect(cancelled.body.id).toBe(taskId);
    const task = (await stack.http().get(`/tasks/${taskId}?wait=5s`).expect(200)).body;
    expect(task).toMatchObject({ done: true, state: 'cancelled', succeeded: true });
    expectProblem(await stack.http().post(`/tasks/${taskId}/cancel`), 409, 'TASK_FINISHED');
    // A script run is a task FMG offers no cancel for.
    await stack
      .http()
      .post('/adoms/root/scripts')
      .send({ name: 's1', target: 'device_database', content: 'x' })
      .expect(201);
    const run = await stack
      .http()
      .post('/adoms/root/scripts/s1/execute')
      .send({ scope: [{ name: 'FGT-HQ-CLUSTER' }] })
      .expect(202);
    expectProblem(await stack.http().post(`/tasks/${run.body.taskId}/cancel`), 409, 'TASK_NOT_CANCELLABLE');
  });

  it('should not let a client cancel a task of an ADOM it may not use', async () => {
    await stack.control.taskSpeed(1_000);
    const { taskId } = (await install().expect(202)).body;
    const branchOnly = testToken({ adoms: ['branch-*'] });
    const res = await stack
      .anonymous()
      .post(`/tasks/${taskId}/cancel`)
      .set('Authorization', `Bearer ${branchOnly}`);
    expectProblem(res, 403, 'ADOM_NOT_ALLOWED');
    expect((await stack.http().get(`/tasks/${taskId}`).expect(200)).body.state).not.toBe('cancelled');
  });

  it('should list tasks and answer 404 for an unknown one', async () => {
    const { taskId } = (await install().expect(202)).body;
    const list = await stack
      .http()
      .get('/tasks')
      .query({ filter: `id==${taskId}` })
      .expect(200);
    expect(list.body.items.map((t: { id: number }) => t.id)).toEqual([taskId]);
    expectProblem(await stack.http().get('/tasks/999999'), 404, 'FMG_OBJECT_NOT_FOUND');
    expectProblem(await stack.http().get('/tasks/abc'), 400, 'VALIDATION_FAILED');
    expectProblem(await stack.http().get(`/tasks/${taskId}?wait=forever`), 400, 'VALIDATION_FAILED');
  });

  it('should answer 404 for an unknown package and refuse installs without the write scope', async () => {
    expectProblem(
      await stack.http().post('/adoms/root/packages/nope/install').send({}),
      404,
      'FMG_OBJECT_NOT_FOUND',
    );
  });
});
