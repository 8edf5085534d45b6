import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

/** Workspace mode handled for the client: automatic lock/commit/unlock, change sets, foreign locks. */
describe('workspace mode', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.workspace('branch-east', true);
  });

  /** JSON-RPC calls (method url code) the emulator ran during fn, logins and lookups excluded. */
  async function callsDuring(fn: () => Promise<unknown>): Promise<string[]> {
    const { next } = await stack.control.calls();
    await fn();
    const { calls } = await stack.control.calls(next);
    return (
      calls
        // reset() in beforeEach ends all sessions: a -11 then re-login is the pool recovering, not the flow.
        .filter((c) => c.code !== -11)
        .filter((c) => !c.url.startsWith('sys/') && !(c.method === 'get' && c.url.startsWith('dvmdb/')))
        .map((c) => `${c.method} ${c.url.replace('dvmdb/adom/branch-east/workspace/', 'ws/')} ${c.code}`)
    );
  }

  const address = (name: string) => ({ name, subnet: '198.51.100.1/32' });
  const path = '/adoms/branch-east/firewall/addresses';

  it('should lock, write, commit and unlock around a single write', async () => {
    const calls = await callsDuring(() => stack.http().post(path).send(address('auto-1')).expect(201));
    expect(calls).toEqual([
      'exec ws/lock 0',
      'add pm/config/adom/branch-east/obj/firewall/address 0',
      'get pm/config/adom/branch-east/obj/firewall/address/auto-1 0',
      'exec ws/commit 0',
      'exec ws/unlock 0',
    ]);
    const ws = await stack.http().get('/adoms/branch-east/workspace').expect(200);
    expect(ws.body).toMatchObject({ enabled: true, locked: false });
    await stack.http().get(`${path}/auto-1`).expect(200);
  });

  it('should unlock without committing when the write failed', async () => {
    const calls = await callsDuring(async () => {
      const res = await stack.http().post(path).send({ name: 'bad', subnet: '10.0.0.0/255.0.255.0' });
      expectProblem(res, 422, 'FMG_INVALID_DATA');
    });
    expect(calls).toEqual([
      'exec ws/lock 0',
      'add pm/config/adom/branch-east/obj/firewall/address -10',
      'exec ws/unlock 0',
    ]);
  });

  it('should answer 423 naming the holder of a foreign lock, and write nothing', async () => {
    await stack.control.foreignLock('branch-east', 'alice.gui');
    const calls = await callsDuring(async () => {
      const res = await stack.http().post(path).send(address('blocked'));
      expect(expectProblem(res, 423, 'FMG_WORKSPACE_LOCKED')).toMatchObject({
        lockedBy: 'alice.gui',
        retryable: true,
      });
    });
    expect(calls.filter((c) => c.startsWith('add'))).toEqual([]);
  });

  it('should wait for a foreign lock when the client says Prefer: wait=N', async () => {
    await stack.control.foreignLock('branch-east', 'alice.gui', 800);
    const started = Date.now();
    await stack.http().post(path).set('Prefer', 'wait=5').send(address('patient')).expect(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('should notice workspace mode switched on behind its back, then lock and retry', async () => {
    await stack.control.workspace('branch-west', false);
    await stack.http().post('/adoms/branch-west/firewall/addresses').send(address('before')).expect(201);
    await stack.control.workspace('branch-west', true);
    const { next } = await stack.control.calls();
    await stack.http().post('/adoms/branch-west/firewall/addresses').send(address('after')).expect(201);
    const { calls } = await stack.control.calls(next);
    const seen = calls.map((c) => `${c.method} ${c.code}`);
    expect(seen).toEqual(expect.arrayContaining(['add -10147', 'exec 0', 'add 0']));
  });

  describe('explicit change sets', () => {
    it('should keep several writes under one lock until the client commits', async () => {
      const lock = await stack.http().post('/adoms/branch-east/workspace/lock').expect(200);
      expect(lock.body).toMatchObject({ enabled: true, locked: true, changeSetOwner: 'e2e-client' });
      const calls = await callsDuring(async () => {
        await stack.http().post(path).send(address('cs-1')).expect(201);
        await stack.http().post(path).send(address('cs-2')).expect(201);
      });
      expect(calls.filter((c) => c.startsWith('exec'))).toEqual([]);
      await stack.http().post('/adoms/branch-east/workspace/commit').expect(200);
      const unlocked = await stack.http().post('/adoms/branch-east/workspace/unlock').expect(200);
      expect(unlocked.body).toMatchObject({ locked: false });
      await stack.http().get(`${path}/cs-1`).expect(200);
      await stack.http().get(`${path}/cs-2`).expect(200);
    });

    it('should discard uncommitted writes when the client unlocks without committing', async () => {
      await stack.http().post('/adoms/branch-east/workspace/lock').expect(200);
      await stack.http().post(path).send(address('discarded')).expect(201);
      await stack.http().post('/adoms/branch-east/workspace/unlock').expect(200);
      await stack.http().get(`${path}/discarded`).expect(404);
    });

    it('should refuse a second change set and a commit without one', async () => {
      expectProblem(await stack.http().post('/adoms/branch-east/workspace/commit'), 409, 'NO_CHANGE_SET');
      await stack.http().post('/adoms/branch-east/workspace/lock').expect(200);
      expectProblem(await stack.http().post('/adoms/branch-east/workspace/lock'), 409, 'CHANGE_SET_OPEN');
      await stack.http().post('/adoms/branch-east/workspace/unlock').expect(200);
    });
  });
});

describe('optimistic concurrency (ETag / If-Match)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const path = '/adoms/root/firewall/addresses/etag-1';

  it('should refuse a write based on a stale read with 412, and accept a current one', async () => {
    await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'etag-1', subnet: '192.0.2.1/32' })
      .expect(201);
    const first = await stack.http().get(path).expect(200);
    const etag = first.headers['etag'];
    expect(etag).toMatch(/^"[\w-]+"$/);
    // Another client changes it.
    const other = await stack
      .http()
      .patch(path)
      .set('If-Match', etag)
      .send({ comment: 'changed by B' })
      .expect(200);
    expect(other.headers['etag']).not.toBe(etag);
    // The first client's write, based on its stale read, must not overwrite B's change.
    const stale = await stack.http().patch(path).set('If-Match', etag).send({ comment: 'changed by A' });
    expectProblem(stale, 412, 'PRECONDITION_FAILED');
    expect((await stack.http().get(path).expect(200)).body.comment).toBe('changed by B');
    expectProblem(await stack.http().delete(path).set('If-Match', etag), 412, 'PRECONDITION_FAILED');
    await stack
      .http()
      .put(path)
      .set('If-Match', other.headers['etag'])
      .send({ subnet: '192.0.2.2/32' })
      .expect(200);
    await stack.http().delete(path).set('If-Match', '*').expect(204);
  });

  it('should give equal objects equal ETags, on reads and on write responses', async () => {
    const created = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'etag-2', subnet: '192.0.2.9/32' })
      .expect(201);
    const read = await stack.http().get('/adoms/root/firewall/addresses/etag-2').expect(200);
    expect(created.headers['etag']).toBe(read.headers['etag']);
    const list = await stack.http().get('/adoms/root/firewall/addresses').expect(200);
    expect(list.headers['etag']).toBeUndefined();
  });
});
