import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

describe('devices', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.taskSpeed(10);
  });

  it('should list devices with VDOMs and connection state, and filter them', async () => {
    const res = await stack.http().get('/adoms/root/devices').expect(200);
    const hq = res.body.items.find((d: { name: string }) => d.name === 'FGT-HQ-CLUSTER');
    expect(hq).toMatchObject({ serial: 'FG6H0FTB23900101', ip: '192.0.2.10', connection: 'up' });
    expect(hq.vdoms.map((v: { name: string }) => v.name)).toContain('root');
    const down = await stack.http().get('/adoms/root/devices').query({ filter: 'connection==2' });
    expect(down.status).toBe(200);
    expect(down.body.items.map((d: { name: string }) => d.name)).toEqual(['FGT-HQ-LAB']);
    await stack.http().get('/adoms/root/devices/FGT-HQ-LAB').expect(200);
    expectProblem(await stack.http().get('/adoms/root/devices/nope'), 404, 'FMG_OBJECT_NOT_FOUND');
  });

  it('should add a model device as a task (202), and delete it again', async () => {
    const added = await stack
      .http()
      .post('/adoms/root/devices')
      .send({ name: 'FGT-MODEL-01', model: true, platform: 'FortiGate-60F', serial: 'FGT60FTK22099999' })
      .expect(202);
    expect(added.headers['location']).toBe(`/tasks/${added.body.taskId}`);
    const task = (await stack.http().get(`${added.headers['location']}?wait=20s`).expect(200)).body;
    expect(task).toMatchObject({ done: true, succeeded: true });
    await stack.http().get('/adoms/root/devices/FGT-MODEL-01').expect(200);
    const removed = await stack.http().delete('/adoms/root/devices/FGT-MODEL-01').expect(202);
    expect(
      (await stack.http().get(`/tasks/${removed.body.taskId}?wait=20s`).expect(200)).body.succeeded,
    ).toBe(true);
    await stack.http().get('/adoms/root/devices/FGT-MODEL-01').expect(404);
  });

  it('should install device settings as a task, failing the line of a device that is down', async () => {
    const res = await stack
      .http()
      .post('/adoms/root/devices/install')
      .send({
        scope: [
          { name: 'FGT-HQ-CLUSTER', vdom: 'root' },
          { name: 'FGT-HQ-LAB', vdom: 'root' },
        ],
      })
      .expect(202);
    const task = (await stack.http().get(`/tasks/${res.body.taskId}?wait=20s`).expect(200)).body;
    expect(task).toMatchObject({ done: true, succeeded: false, errors: 1 });
    expect(task.details.map((l: { name: string; failed: boolean }) => `${l.name}:${l.failed}`)).toEqual([
      'FGT-HQ-CLUSTER:false',
      'FGT-HQ-LAB:true',
    ]);
  });

  it('should validate the body and never echo the device password', async () => {
    expectProblem(
      await stack.http().post('/adoms/root/devices').send({ name: 'x', ip: 'not-an-ip' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await stack.http().post('/adoms/root/devices/install').send({ scope: [] }),
      400,
      'VALIDATION_FAILED',
    );
    const res = await stack
      .http()
      .post('/adoms/root/devices')
      .send({ name: 'FGT-REAL-1', ip: '198.51.100.77', adminUser: 'admin', adminPassword: 's3cr3t-pw' });
    expect(JSON.stringify(res.body)).not.toContain('s3cr3t-pw');
  });
});
