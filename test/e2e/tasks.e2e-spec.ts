import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

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

  it('should prepare a preview as its own kind of operation', async () => {
    const res = await install({ preview: true }).expect(202);
    expect(res.body.operation).toBe('install-preview');
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
