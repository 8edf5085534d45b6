import { expectProblem } from '../support/problem';
import { RawHttp } from '../support/raw-http';
import { Stack, startStack } from '../support/stack';
import { testToken } from '../support/tokens';

/** What the OpenAPI fuzz found, pinned as plain regression tests. */
describe('fuzz findings', () => {
  let stack: Stack;
  let raw: RawHttp;
  const auth = () => ({ authorization: `Bearer ${testToken()}` });

  beforeAll(async () => {
    stack = await startStack();
    raw = new RawHttp(stack.url);
  });
  afterAll(async () => {
    raw.close();
    await stack.close();
  });

  it('should accept a legal unicode name longer than 100 encoded characters (was 414)', async () => {
    const name = '名'.repeat(60); // 60 characters, 540 once percent-encoded
    const res = await stack.http().get(`/adoms/root/firewall/addresses/${encodeURIComponent(name)}`);
    expectProblem(res, 404, 'FMG_OBJECT_NOT_FOUND');
  });

  it('should answer an over-long path parameter with a 414 problem', async () => {
    const res = await stack.http().get(`/adoms/${'a'.repeat(5000)}/packages`);
    const body = expectProblem(res, 414, 'URI_TOO_LONG');
    expect(body.detail).not.toContain('aaaa'); // the path is not echoed back
  });

  it('should answer a broken percent-escape with a 400 problem, not plain JSON', async () => {
    expectProblem(await stack.http().get('/adoms/%E0%A4%A'), 400, 'BAD_URL');
  });

  it('should answer oversized headers with a 431 problem', async () => {
    const res = await raw.send({
      method: 'GET',
      path: '/adoms',
      headers: { ...auth(), 'x-big': 'x'.repeat(20_000) },
    });
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 431, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE', instance: '/' });
  });

  it('should document unnamed policies and raw RPC data as the upstream returns them', async () => {
    const created = await stack
      .http()
      .post('/adoms/root/packages/default/policies')
      .send({ srcintf: ['port1'], dstintf: ['port2'] });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('');
    const rpc = await stack
      .http()
      .post('/rpc')
      .send({ method: 'get', params: [{ url: '/pm/config/adom/root/obj/firewall/address', range: [0, 1] }] });
    expect(rpc.status).toBe(200);
    expect(Array.isArray(rpc.body.result[0].data)).toBe(true);
  });
});
