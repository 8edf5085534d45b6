import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

describe('firewall policies', () => {
  let stack: Stack;
  const base = '/adoms/root/packages/default/policies';
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const order = async (): Promise<number[]> =>
    (await stack.http().get(`${base}?fields=seq&limit=1000`).expect(200)).body.items.map(
      (p: { policyid: number }) => p.policyid,
    );

  it('should list policies in evaluation order with a total, and filter on list attributes', async () => {
    const res = await stack.http().get(`${base}?limit=3`).expect(200);
    expect(res.body.items).toHaveLength(3);
    expect(res.body.total).toBeGreaterThanOrEqual(5);
    const seqs = (await stack.http().get(`${base}?fields=seq`).expect(200)).body.items.map(
      (p: { seq: number }) => p.seq,
    );
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const using = await stack
      .http()
      .get(base)
      .query({ filter: 'srcaddr contains "net_10.0.0.0/24"' })
      .expect(200);
    expect(using.body.items.length).toBeGreaterThan(0);
    for (const p of using.body.items) expect(p.srcaddr).toContain('net_10.0.0.0/24');
  });

  it('should create with an assigned id, read, update, replace and delete', async () => {
    const body = {
      name: 'e2e-web',
      srcintf: ['port1'],
      dstintf: ['port3'],
      srcaddr: ['all'],
      dstaddr: ['net_10.0.0.0/24'],
      service: ['HTTPS'],
      action: 'accept',
      schedule: 'always',
    };
    const created = await stack.http().post(base).send(body).expect(201);
    expect(created.body).toMatchObject({ ...body, policyid: expect.any(Number) });
    const id = created.body.policyid as number;
    expect((await order()).at(-1)).toBe(id);
    const patched = await stack
      .http()
      .patch(`${base}/${id}`)
      .send({ comments: 'patched', status: 'disable' })
      .expect(200);
    expect(patched.body).toMatchObject({ ...body, comments: 'patched', status: 'disable' });
    const replaced = await stack
      .http()
      .put(`${base}/${id}`)
      .send({ ...body, name: 'e2e-web-2', service: ['HTTP'] })
      .expect(200);
    expect(replaced.body).toMatchObject({ policyid: id, name: 'e2e-web-2', service: ['HTTP'] });
    await stack.http().delete(`${base}/${id}`).expect(204);
    expectProblem(await stack.http().get(`${base}/${id}`), 404, 'FMG_OBJECT_NOT_FOUND');
  });

  it('should refuse a policy that references a missing object (422) and a bad id (400)', async () => {
    const res = await stack
      .http()
      .post(base)
      .send({ name: 'bad', srcaddr: ['no-such-address'], dstaddr: ['all'], service: ['ALL'] });
    expectProblem(res, 422, 'FMG_REFERENCE_NOT_FOUND');
    expectProblem(await stack.http().get(`${base}/abc`), 400, 'VALIDATION_FAILED');
    expectProblem(await stack.http().get(`${base}/0`), 400, 'VALIDATION_FAILED');
  });

  it('should move a policy before or after another', async () => {
    const [first, second, third] = await order();
    await stack.http().post(`${base}/${third}/move`).send({ position: 'before', target: first }).expect(200);
    expect((await order()).slice(0, 3)).toEqual([third, first, second]);
    await stack.http().post(`${base}/${third}/move`).send({ position: 'after', target: second }).expect(200);
    expect((await order()).slice(0, 3)).toEqual([first, second, third]);
    expectProblem(
      await stack.http().post(`${base}/${third}/move`).send({ position: 'above', target: first }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('should clone a policy with overrides under a new id', async () => {
    const [source] = await order();
    const original = (await stack.http().get(`${base}/${source}`).expect(200)).body;
    const clone = await stack
      .http()
      .post(`${base}/${source}/clone`)
      .send({ overrides: { name: 'e2e-clone' } })
      .expect(201);
    expect(clone.body.policyid).not.toBe(source);
    expect(clone.body).toMatchObject({
      name: 'e2e-clone',
      srcaddr: original.srcaddr,
      dstaddr: original.dstaddr,
      service: original.service,
    });
    await stack.http().delete(`${base}/${clone.body.policyid}`).expect(204);
  });

  it('should apply a bulk request and report each item', async () => {
    const ok = {
      srcintf: ['port1'],
      dstintf: ['port2'],
      srcaddr: ['all'],
      dstaddr: ['all'],
      service: ['ALL'],
      action: 'deny',
      schedule: 'always',
    };
    const [first] = await order();
    const res = await stack
      .http()
      .post(`${base}/bulk`)
      .send({
        create: [
          { ...ok, name: 'bulk-1' },
          { ...ok, name: 'bulk-bad', dstaddr: ['missing-object'] },
        ],
        update: [
          { policyid: first, comments: 'bulk updated' },
          { policyid: 99999, comments: 'x' },
        ],
        delete: [99998],
      })
      .expect(207);
    const outcome = res.body.results.map((r: { op: string; status: number }) => `${r.op}:${r.status}`);
    expect(outcome).toEqual(['create:201', 'create:422', 'update:200', 'update:404', 'delete:404']);
    expect(res.body.results[1]).toMatchObject({ code: 'FMG_REFERENCE_NOT_FOUND', upstreamCode: -10131 });
    const createdId = res.body.results[0].policyid;
    expect((await stack.http().get(`${base}/${createdId}`).expect(200)).body.name).toBe('bulk-1');
    expect((await stack.http().get(`${base}/${first}`).expect(200)).body.comments).toBe('bulk updated');
    expectProblem(await stack.http().post(`${base}/bulk`).send({}), 400, 'BAD_REQUEST');
  });

  it('should address policies of a package in a folder by its path', async () => {
    const res = await stack.http().get('/adoms/root/packages/branches%2Fbranch-std/policies').expect(200);
    expect(res.body.total).toBe(res.body.items.length);
  });

  it('should refuse a stale If-Match with 412', async () => {
    const [first] = await order();
    const etag = (await stack.http().get(`${base}/${first}`).expect(200)).headers['etag'];
    await stack.http().patch(`${base}/${first}`).set('If-Match', etag).send({ comments: 'one' }).expect(200);
    expectProblem(
      await stack.http().patch(`${base}/${first}`).set('If-Match', etag).send({ comments: 'two' }),
      412,
      'PRECONDITION_FAILED',
    );
  });

  it('should lock a workspace-mode ADOM around a policy write', async () => {
    await stack.control.workspace('branch-east', true);
    const pkgs = (await stack.http().get('/adoms/branch-east/packages').expect(200)).body.items;
    const pkg = pkgs.find((p: { type: string }) => p.type === 'pkg').path;
    const { next } = await stack.control.calls();
    await stack
      .http()
      .post(`/adoms/branch-east/packages/${encodeURIComponent(pkg)}/policies`)
      .send({
        name: 'ws-policy',
        srcintf: ['any'],
        dstintf: ['any'],
        srcaddr: ['all'],
        dstaddr: ['all'],
        service: ['ALL'],
      })
      .expect(201);
    const urls = (await stack.control.calls(next)).calls.map(
      (c) => `${c.method} ${c.url.split('/').slice(-1)[0]}`,
    );
    expect(urls).toEqual(expect.arrayContaining(['exec lock', 'add policy', 'exec commit', 'exec unlock']));
  });
});
