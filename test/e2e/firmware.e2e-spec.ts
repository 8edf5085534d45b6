import { AuditEntry, AuditService } from '../../src/audit/audit.service';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';
import { testToken, type TokenClaims } from '../support/tokens';

interface Line {
  name: string;
  state: string;
  detail?: string;
  failed?: boolean;
}

describe('Firmware', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.taskSpeed(10);
  });

  const east = '/adoms/branch-east';
  const current = async (device: string) =>
    (await stack.http().get(`${east}/devices/${device}/firmware`).expect(200)).body.current as string;

  it('should list the images FortiManager offers for a platform', async () => {
    const res = await stack.http().get('/firmware/images').query({ platform: 'FortiGate-60F' }).expect(200);
    const versions = res.body.items.map((i: { version: string }) => i.version);
    expect(versions).toEqual(expect.arrayContaining(['7.0.12', '7.2.8', '7.4.4']));
    expect(res.body.items.every((i: { platform: string }) => i.platform === 'FortiGate-60F')).toBe(true);
    expect(res.body.items[0]).toMatchObject({ product: 'FGT', type: 'GA', downloaded: false });
    expect(res.body.total).toBe(res.body.items.length);
    // A small desktop model is offered fewer releases than a larger one.
    const small = await stack.http().get('/firmware/images').query({ platform: 'FortiGate-40F' }).expect(200);
    expect(small.body.total).toBeLessThan(res.body.total);
  });

  it('should show a device two minor releases behind with its path, and refuse a direct jump listing the steps', async () => {
    const fw = await stack.http().get(`${east}/devices/FGT-NYC-01/firmware`).expect(200);
    expect(fw.body).toMatchObject({ device: 'FGT-NYC-01', platform: 'FortiGate-100F', current: '7.0.7' });
    expect(fw.body.available).toEqual(expect.arrayContaining(['7.2.8', '7.4.4']));
    expect(fw.body.recommendedPath.at(-1)).toBe(fw.body.recommended);

    const path = await stack
      .http()
      .get(`${east}/devices/FGT-NYC-01/firmware/upgrade-path`)
      .query({ version: '7.4.4' })
      .expect(200);
    expect(path.body).toEqual({
      device: 'FGT-NYC-01',
      from: '7.0.7',
      to: '7.4.4',
      steps: ['7.0.12', '7.2.8', '7.4.4'],
      direct: false,
    });

    const refused = await stack
      .http()
      .post(`${east}/devices/FGT-NYC-01/firmware/upgrade`)
      .send({ version: '7.4.4', direct: true, confirm: true });
    expectProblem(refused, 409, 'FIRMWARE_UPGRADE_PATH_REQUIRED');
    expect(refused.body.paths).toEqual([path.body]);
    expect(refused.body.detail).toContain('7.0.12 → 7.2.8 → 7.4.4');
    expect(await current('FGT-NYC-01')).toBe('7.0.7');
  });

  it('should refuse an upgrade without confirmation, a downgrade and a stale If-Match', async () => {
    const url = `${east}/devices/FGT-BOS-01/firmware/upgrade`;
    expectProblem(await stack.http().post(url).send({ version: '7.2.8' }), 428, 'CONFIRMATION_REQUIRED');
    expectProblem(
      await stack.http().post(url).send({ version: '6.4.9', confirm: true }),
      422,
      'FIRMWARE_NO_UPGRADE_PATH',
    );
    expectProblem(
      await stack.http().post(url).set('If-Match', '"7.2.5"').send({ version: '7.2.8' }),
      412,
      'PRECONDITION_FAILED',
    );
    expectProblem(
      await stack.http().post(url).send({ version: 'latest', confirm: true }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await current('FGT-BOS-01')).toBe('7.0.7');
  });

  it('should take upgrades only with write scope on the ADOM, audit them, and never resend one', async () => {
    const url = `${east}/devices/FGT-NYC-01/firmware/upgrade`;
    const body = { version: '7.0.12', confirm: true };
    const as = (claims: TokenClaims) => ({ Authorization: `Bearer ${testToken(claims)}` });
    expectProblem(
      await stack
        .anonymous()
        .post(url)
        .set(as({ scope: 'read' }))
        .send(body),
      403,
      'INSUFFICIENT_SCOPE',
    );
    expectProblem(
      await stack
        .anonymous()
        .post(url)
        .set(as({ scope: 'write', adoms: ['root'] }))
        .send(body),
      403,
      'ADOM_NOT_ALLOWED',
    );

    const entries: AuditEntry[] = [];
    const audit = stack.app.get(AuditService);
    const listener = (e: AuditEntry) => entries.push(e);
    audit.on('entry', listener);
    try {
      await stack
        .anonymous()
        .post(url)
        .set(as({ sub: 'carol', scope: 'write' }))
        .send(body)
        .expect(202);
    } finally {
      audit.off('entry', listener);
    }
    expect(entries.map((e) => `${e.subject} ${e.method} ${e.path} ${e.status}`)).toEqual([
      `carol POST ${url} 202`,
    ]);
    expect(entries[0].rpc.filter((c) => c.url === '/um/image/upgrade')).toHaveLength(2);

    // The answer to the (first) update-manager call is lost: the gateway reports it and sends nothing again.
    await stack.control.fault({ match: { url: '/um/image/upgrade' }, dropResponse: true });
    const { next } = await stack.control.calls();
    expectProblem(await stack.http().post(url).send(body), 502, 'UPSTREAM_OUTCOME_UNKNOWN');
    const { calls } = await stack.control.calls(next);
    // (The emulator's call log keeps urls without the leading slash.)
    expect(calls.filter((c) => c.url === 'um/image/upgrade')).toHaveLength(1);
  });

  it('should upgrade a group through its path: per-device lines, the unreachable one failed, the others upgraded', async () => {
    const started = await stack
      .http()
      .post(`${east}/device-groups/east-branches/firmware/upgrade`)
      .send({ version: '7.4.4', confirm: true })
      .expect(202);
    expect(started.headers['location']).toBe(`/tasks/${started.body.taskId}`);
    expect(started.body.devices.map((d: { device: string }) => d.device).sort()).toEqual([
      'FGT-BOS-01',
      'FGT-NYC-01',
      'FGT-PHL-01',
    ]);
    const task = (await stack.http().get(`/tasks/${started.body.taskId}?wait=30s`).expect(200)).body;
    expect(task).toMatchObject({ done: true, succeeded: false, lines: 3 });
    const lines = task.details as Line[];
    const phl = lines.find((l) => l.name === 'FGT-PHL-01')!;
    expect(phl.detail).toContain('unreachable');
    expect(lines.filter((l) => l.name !== 'FGT-PHL-01').every((l) => l.state === 'done')).toBe(true);
    expect(await current('FGT-NYC-01')).toBe('7.4.4');
    expect(await current('FGT-BOS-01')).toBe('7.4.4');
    expect(await current('FGT-PHL-01')).toBe('7.0.7');
  });

  it('should say which step of the path each device is at while the upgrade runs', async () => {
    // Slow steps: the device must still be mid-path when it is read after the step was seen.
    await stack.control.taskSpeed(1500);
    const started = await stack
      .http()
      .post(`${east}/firmware/upgrade`)
      .set('If-Match', '"7.0.7"')
      .send({ version: '7.4.4', devices: ['FGT-NYC-01'] })
      .expect(202);
    let detail = '';
    for (let i = 0; i < 100 && !detail.startsWith('step 2/3'); i++) {
      const task = (await stack.http().get(`/tasks/${started.body.taskId}`).expect(200)).body;
      detail = (task.details as Line[])[0].detail ?? '';
      if (task.done) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // FMG names versions with their build in task lines.
    expect(detail).toMatch(/^step 2\/3: upgrading to 7\.2\.8-b\d+$/);
    // Mid-path the device already runs the first step's version.
    expect(await current('FGT-NYC-01')).toBe('7.0.12');
    // No FMG call is known to stop an upgrade: the gateway says so rather than pretending.
    expectProblem(
      await stack.http().post(`/tasks/${started.body.taskId}/cancel`),
      409,
      'TASK_NOT_CANCELLABLE',
    );
  });

  it('should leave a device that fails mid-upgrade on the step it reached', async () => {
    await stack.control.failNextTaskLine('FGT-SFO-01');
    const started = await stack
      .http()
      .post('/adoms/branch-west/devices/FGT-SFO-01/firmware/upgrade')
      .send({ version: '7.6.1', confirm: true })
      .expect(202);
    expect(started.body.devices[0].steps).toEqual(['7.2.8', '7.4.4', '7.6.1']);
    const task = (await stack.http().get(`/tasks/${started.body.taskId}?wait=30s`).expect(200)).body;
    expect(task).toMatchObject({ done: true, succeeded: false });
    const fw = await stack.http().get('/adoms/branch-west/devices/FGT-SFO-01/firmware').expect(200);
    expect(fw.body.current).toBe('7.4.4');
  });

  it('should create a firmware template and assign it to a device and a group', async () => {
    const base = `${east}/firmware-templates`;
    await stack
      .http()
      .post(base)
      .send({
        name: 'east-744',
        description: 'East on 7.4.4',
        versions: [{ platform: 'FortiGate-60F', version: '7.4.4' }],
      })
      .expect(201);
    const assigned = await stack
      .http()
      .post(`${base}/east-744/members`)
      .send({ devices: [{ name: 'FGT-NYC-01' }], groups: ['east-branches'] })
      .expect(200);
    expect(assigned.body.members).toEqual([{ name: 'FGT-NYC-01', vdom: 'root' }, { name: 'east-branches' }]);
    await stack.http().delete(`${base}/east-744/members/east-branches`).query({ group: 'true' }).expect(204);
    const read = await stack.http().get(`${base}/east-744`).expect(200);
    expect(read.body).toMatchObject({
      name: 'east-744',
      versions: [{ platform: 'FortiGate-60F', version: '7.4.4' }],
      members: [{ name: 'FGT-NYC-01', vdom: 'root' }],
    });
    expectProblem(
      await stack
        .http()
        .post(`${base}/east-744/members`)
        .send({ devices: [{ name: 'FGT-NOPE' }] }),
      404,
      'FMG_OBJECT_NOT_FOUND',
    );
    await stack.http().delete(`${base}/east-744`).expect(204);
    expectProblem(await stack.http().get(`${base}/east-744`), 404, 'FMG_OBJECT_NOT_FOUND');
  });

  it('should list device revisions, read one as text and diff two', async () => {
    const revs = await stack.http().get(`${east}/devices/FGT-NYC-01/revisions`).expect(200);
    expect(revs.body.items.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    const one = await stack.http().get(`${east}/devices/FGT-NYC-01/revisions/1`).expect(200);
    expect(one.body.config).toContain('set hostname "FGT-NYC-01"');
    const diff = await stack.http().get(`${east}/devices/FGT-NYC-01/revisions/diff?from=1&to=2`).expect(200);
    expect(diff.body).toMatchObject({ from: 1, to: 2, removed: 1 });
    expect(diff.body.diff).toContain('-    set admintimeout 5\n+    set admintimeout 15\n');
    expect(diff.body.added).toBeGreaterThan(1);
    expectProblem(
      await stack.http().get(`${east}/devices/FGT-NYC-01/revisions/99`),
      404,
      'FMG_OBJECT_NOT_FOUND',
    );
    expectProblem(
      await stack.http().get(`${east}/devices/FGT-NYC-01/revisions/diff?from=1`),
      400,
      'VALIDATION_FAILED',
    );
    // A device of another ADOM is not reachable through this one.
    expectProblem(
      await stack.http().get(`${east}/devices/FGT-SFO-01/revisions`),
      404,
      'FMG_OBJECT_NOT_FOUND',
    );
  });

  it('should retrieve the configuration from a device as a task that adds a revision', async () => {
    const started = await stack.http().post(`${east}/devices/FGT-BOS-01/retrieve`).expect(202);
    expect(started.body).toMatchObject({ operation: 'retrieve-config' });
    const task = (await stack.http().get(`/tasks/${started.body.taskId}?wait=30s`).expect(200)).body;
    expect(task).toMatchObject({ done: true, succeeded: true });
    const revs = await stack.http().get(`${east}/devices/FGT-BOS-01/revisions`).expect(200);
    expect(revs.body.items[0]).toMatchObject({ revision: 3, comment: 'Retrieved from device' });
    // An unreachable device cannot be retrieved from: its task fails.
    const down = await stack.http().post(`${east}/devices/FGT-PHL-01/retrieve`).expect(202);
    const failed = (await stack.http().get(`/tasks/${down.body.taskId}?wait=30s`).expect(200)).body;
    expect(failed).toMatchObject({ done: true, succeeded: false });
  });
});
