import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, startStack } from '../support/stack';

describe('API documentation', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('should serve Swagger UI at /docs', async () => {
    const res = await stack.http().get('/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger-ui');
  });

  it('should serve the OpenAPI document with every route and problem responses', async () => {
    const res = await stack.http().get('/docs/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/adoms', '/adoms/{adom}', '/adoms/{adom}/packages/{pkg}', '/system/status']),
    );
    const get = res.body.paths['/adoms/{adom}'].get;
    expect(get.operationId).toBe('getAdom');
    expect(get.responses['404'].content['application/problem+json']).toBeDefined();
  });

  it('should have committed an OpenAPI document with the same operations as the running app', async () => {
    const served = (await stack.http().get('/docs/openapi.json').expect(200)).body;
    const committed = JSON.parse(readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8'));
    const ops = (doc: { paths: Record<string, Record<string, { operationId: string }>> }) =>
      Object.entries(doc.paths)
        .flatMap(([path, item]) =>
          Object.entries(item).map(([verb, op]) => `${verb} ${path} ${op.operationId}`),
        )
        .sort();
    expect(ops(committed)).toEqual(ops(served));
  });
});

describe('API documentation of security', () => {
  it('should declare the bearer scheme and each operation’s scope', async () => {
    const stack = await startStack();
    try {
      const doc = (await stack.anonymous().get('/docs/openapi.json').expect(200)).body;
      expect(doc.components.securitySchemes.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      });
      const getAdom = doc.paths['/adoms/{adom}'].get;
      expect(getAdom.security).toEqual([{ bearer: [] }]);
      expect(getAdom['x-required-scopes']).toEqual(['read']);
      expect(Object.keys(getAdom.responses)).toEqual(expect.arrayContaining(['401', '403']));
      expect(doc.paths['/adoms/{adom}/firewall/addresses'].post['x-required-scopes']).toEqual(['write']);
      expect(doc.paths['/rpc'].post['x-required-scopes']).toEqual(['admin']);
      expect(doc.paths['/health/live'].get.security).toBeUndefined();
    } finally {
      await stack.close();
    }
  });
});
