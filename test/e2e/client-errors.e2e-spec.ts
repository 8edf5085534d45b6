import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

/** Client mistakes: always a clear 4xx problem, never a 500, and nothing reaches the upstream. */
describe('client errors', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.http().get('/adoms/root').expect(200); // log in once so later call logs hold only real calls
  });
  afterAll(() => stack.close());

  const upstreamCallsDuring = (fn: () => Promise<unknown>) => stack.control.callsDuring(fn);

  it.each([
    ['limit above the maximum', '/adoms?limit=10001', 'limit'],
    ['limit not a number', '/adoms?limit=ten', 'limit'],
    ['negative offset', '/adoms?offset=-1', 'offset'],
    ['unknown query parameter', '/adoms?lmit=5', 'lmit'],
  ])('should answer 400 VALIDATION_FAILED for %s', async (_label, path, field) => {
    let res!: Awaited<ReturnType<ReturnType<Stack['http']>['get']>>;
    const calls = await upstreamCallsDuring(async () => {
      res = await stack.http().get(path);
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(calls).toEqual([]);
  });

  it.each([
    ['unknown field', 'password==x', /Unknown filter field "password"/],
    ['syntax error', 'name==(', /Invalid filter/],
    ['unbalanced quote', 'name=="x', /unterminated/],
  ])('should answer 400 for a filter with an %s', async (_label, filter, detail) => {
    let res!: Awaited<ReturnType<ReturnType<Stack['http']>['get']>>;
    const calls = await upstreamCallsDuring(async () => {
      res = await stack.http().get('/adoms').query({ filter });
    });
    expect(expectProblem(res, 400, 'BAD_REQUEST').detail).toMatch(detail);
    expect(calls).toEqual([]);
  });

  it('should answer 400 for unknown fields and sort keys', async () => {
    expectProblem(await stack.http().get('/adoms?fields=secret'), 400, 'BAD_REQUEST');
    expectProblem(await stack.http().get('/adoms?sort=-secret'), 400, 'BAD_REQUEST');
  });

  // Names every plain object inherits were once taken for attributes (and sent upstream as null).
  it.each(['fields=constructor', 'sort=__proto__', 'filter=toString%20%3D%3D%201'])(
    'should answer 400 for the inherited name in %s',
    async (query) => {
      const res = await stack.http().get(`/adoms/root/firewall/addresses?${query}`);
      expectProblem(res, 400, 'BAD_REQUEST');
    },
  );

  it.each([
    ['a dot-dot name', '/adoms/root/firewall/addresses/..%2F..%2Fsys'],
    ['a lone dot-dot', '/adoms/root/firewall/addresses/..'],
    ['a NUL byte', '/adoms/root/firewall/addresses/a%00b'],
    ['a newline', '/adoms/ro%0Aot/packages'],
    ['an empty package folder part', '/adoms/root/packages/branches%2F%2Fx'],
  ])('should refuse %s without calling another url family', async (_label, path) => {
    let res!: Awaited<ReturnType<ReturnType<Stack['http']>['get']>>;
    const calls = await upstreamCallsDuring(async () => {
      res = await stack.http().get(path);
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const call of calls) {
      expect(call).toMatch(/^get pm\/config\/adom\/root\/obj\/firewall\/address\/(\\\/|[^/\\])*$/);
    }
  });

  it('should keep an escaped dot-dot inside its own url family', async () => {
    const calls = await upstreamCallsDuring(async () => {
      expectProblem(
        await stack.http().get('/adoms/root/firewall/addresses/..%2F..%2Fsys'),
        404,
        'FMG_OBJECT_NOT_FOUND',
      );
    });
    expect(calls).toEqual(['get pm/config/adom/root/obj/firewall/address/..\\/..\\/sys']);
  });

  it('should answer 404 problem+json for an unknown route', async () => {
    expectProblem(await stack.http().get('/no/such/route'), 404, 'NOT_FOUND');
  });

  it('should answer 400 for malformed JSON', async () => {
    const res = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .set('content-type', 'application/json')
      .send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should answer 413 for a body over the limit', async () => {
    const res = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'big', comment: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should answer 415 for an unsupported content type', async () => {
    const res = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .set('content-type', 'text/xml')
      .send('<a/>');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should refuse unknown and null body properties', async () => {
    const unknown = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'x', subnet: '10.0.0.1/32', colour: 3 });
    expect(expectProblem(unknown, 400, 'VALIDATION_FAILED').errors[0].field).toBe('colour');
    const nulls = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'x', comment: null });
    expect(expectProblem(nulls, 400, 'VALIDATION_FAILED').errors[0].field).toBe('comment');
  });

  it('should refuse a malformed subnet before calling the upstream', async () => {
    const res = await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .send({ name: 'x', subnet: '10.0.0.0' });
    expect(expectProblem(res, 400, 'VALIDATION_FAILED').errors[0].field).toBe('subnet');
  });

  it('should echo a sane X-Request-Id and replace an unsafe one', async () => {
    const mine = await stack.http().get('/nope').set('x-request-id', 'trace-123');
    expect(mine.headers['x-request-id']).toBe('trace-123');
    expect(mine.body.requestId).toBe('trace-123');
    const unsafe = await stack.http().get('/nope').set('x-request-id', 'bad id <script>');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
