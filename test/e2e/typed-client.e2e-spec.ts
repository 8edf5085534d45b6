import { createFortiRestClient, type FortiRestClient, type Problem } from '../../clients/typescript';
import { Stack, startStack } from '../support/stack';
import { testToken } from '../support/tokens';

/**
 * The generated TypeScript client (clients/typescript: openapi-typescript types + openapi-fetch)
 * against the running gateway. The type annotations below are checked by `npm run check`: if the
 * document and the client drift apart, this file stops compiling.
 */
describe('typed TypeScript client', () => {
  let stack: Stack;
  let api: FortiRestClient;

  beforeAll(async () => {
    stack = await startStack();
    api = createFortiRestClient({ baseUrl: stack.url, token: testToken() });
  });
  afterAll(() => stack.close());

  it('should list ADOMs as a typed page', async () => {
    const { data, error, response } = await api.GET('/adoms', {
      params: { query: { limit: 10, sort: 'name' } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    const names: string[] = (data?.items ?? []).map((adom) => adom.name);
    expect(names).toContain('root');
    const total: number | undefined = data?.total;
    expect(total).toBeGreaterThanOrEqual(names.length);
  });

  it('should create, read and delete an address whose name has a slash', async () => {
    const name = 'typed-client/198.51.100.0';
    const path = { adom: 'root', name };

    const created = await api.POST('/adoms/{adom}/firewall/addresses', {
      params: { path: { adom: 'root' } },
      body: { name, type: 'ipmask', subnet: '198.51.100.0/24', comment: 'made by the typed client' },
    });
    expect(created.error).toBeUndefined();
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ name, comment: 'made by the typed client' });

    const read = await api.GET('/adoms/{adom}/firewall/addresses/{name}', { params: { path } });
    const subnet: string | undefined = read.data?.subnet;
    expect(subnet).toMatch(/^198\.51\.100\.0\/(24|255\.255\.255\.0)$/);
    expect(read.response.headers.get('etag')).toBeTruthy();

    const deleted = await api.DELETE('/adoms/{adom}/firewall/addresses/{name}', { params: { path } });
    expect(deleted.response.status).toBe(204);

    const gone = await api.GET('/adoms/{adom}/firewall/addresses/{name}', { params: { path } });
    expect(gone.response.status).toBe(404);
  });

  it('should read an error as a typed problem', async () => {
    const { data, error, response } = await api.GET('/adoms/{adom}/firewall/addresses/{name}', {
      params: { path: { adom: 'root', name: 'no-such-address' } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem: Problem | undefined = error;
    expect(problem).toMatchObject({
      status: 404,
      code: 'FMG_OBJECT_NOT_FOUND',
      type: 'urn:fortirest:problem:fmg-object-not-found',
      instance: '/adoms/root/firewall/addresses/no-such-address',
    });
    expect(problem?.upstream?.code).toBe(-3);
  });

  it('should surface validation errors field by field', async () => {
    const { error, response } = await api.POST('/adoms/{adom}/firewall/addresses', {
      params: { path: { adom: 'root' } },
      body: { name: 'typed-bad', subnet: 'not-a-subnet' },
    });
    expect(response.status).toBe(400);
    const fields: string[] = (error?.errors ?? []).map((e) => e.field);
    expect(fields).toEqual(['subnet']);
  });
});
