import { ApplicationConfig } from '@nestjs/core';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

/**
 * What ResourceController does for every declared resource, seen through the ones that differ:
 * scripts (If-Match, no PUT), device groups (a PATCH must change something, key `group`),
 * revisions (a key FMG assigns, named by Location).
 */
describe('Declared resources', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.control.reset());

  it('should name the created member in Location, and honour If-Match where declared', async () => {
    const scripts = '/adoms/root/scripts';
    const created = await stack
      .http()
      .post(scripts)
      .send({ name: 'etag-check', target: 'remote_device', content: 'get system status' })
      .expect(201);
    expect(created.headers.location).toBe(`${scripts}/etag-check`);
    const stale = created.headers.etag;
    expect(stale).toEqual(expect.any(String));
    await stack
      .http()
      .patch(`${scripts}/etag-check`)
      .set('If-Match', stale)
      .send({ description: 'v2' })
      .expect(200);

    const lost = await stack
      .http()
      .patch(`${scripts}/etag-check`)
      .set('If-Match', stale)
      .send({ description: 'lost update' });
    expectProblem(lost, 412, 'PRECONDITION_FAILED');
    expectProblem(
      await stack.http().delete(`${scripts}/etag-check`).set('If-Match', stale),
      412,
      'PRECONDITION_FAILED',
    );
    expect((await stack.http().get(`${scripts}/etag-check`).expect(200)).body.description).toBe('v2');
  });

  it('should run no global interceptor (the rate limit and idempotency are guards, the ETag a hook)', () => {
    // One global interceptor puts every request of every route through Nest's rxjs chain (README
    // Architecture): a per-route need declares its own interceptor instead.
    expect(stack.app.get(ApplicationConfig).getGlobalInterceptors()).toEqual([]);
    expect(stack.app.get(ApplicationConfig).getGlobalRequestInterceptors()).toEqual([]);
  });

  it('should serve only the declared operations', async () => {
    // Scripts declare no replace: PUT is no route at all.
    const put = await stack
      .http()
      .put('/adoms/root/scripts/any')
      .send({ name: 'any', target: 'remote_device', content: 'x' });
    expect(put.status).toBe(404);
    expect(put.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should refuse a PATCH that changes nothing, naming the fields it may carry', async () => {
    const groups = '/adoms/root/device-groups';
    await stack.http().post(groups).send({ name: 'empty-patch' }).expect(201);
    const res = await stack.http().patch(`${groups}/empty-patch`).send({});
    expect(expectProblem(res, 400, 'BAD_REQUEST').detail).toBe(
      'Nothing to update: send `description` and/or `members`.',
    );
  });

  it('should take the key FMG assigns from its echo, for the answer and Location', async () => {
    const revisions = '/adoms/root/revisions';
    const created = await stack.http().post(revisions).send({ name: 'declared' }).expect(201);
    expect(created.body).toMatchObject({ name: 'declared', id: expect.any(Number) });
    expect(created.headers.location).toBe(`${revisions}/${created.body.id}`);
    await stack.http().get(created.headers.location).expect(200);
  });
});
