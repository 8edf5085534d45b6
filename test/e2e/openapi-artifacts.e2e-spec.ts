import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOpenApi, OpenApiDocument, operationsOf, resolve, Schema } from '../support/openapi-contract';

/**
 * What is generated from the OpenAPI document and committed: its examples (what Swagger UI shows),
 * the Postman collection and the typed client. CI regenerates them and fails on drift; these tests
 * check that they are complete.
 */
const doc = loadOpenApi();
const operations = operationsOf(doc);
const CLIENTS = join(__dirname, '../../clients');

/** True when the schema (or, for objects, each required property and at least one property) has an example. */
function hasExample(d: OpenApiDocument, schema: Schema | undefined, depth = 0): boolean {
  const s = resolve(d, schema);
  if (!s || depth > 6) return false;
  if (s.example !== undefined || s.examples !== undefined || s.default !== undefined || s.enum) return true;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(s[key])) return (s[key] as Schema[]).some((part) => hasExample(d, part, depth + 1));
  }
  if (s.type === 'array') return hasExample(d, s.items, depth + 1);
  const props = Object.entries<Schema>(s.properties ?? {});
  if (props.length === 0) return false;
  const required = new Set<string>(s.required ?? []);
  return (
    props.every(([name, prop]) => !required.has(name) || hasExample(d, prop, depth + 1)) &&
    props.some(([, prop]) => hasExample(d, prop, depth + 1))
  );
}

describe('OpenAPI examples', () => {
  it('should show an example request body for every operation that takes one', () => {
    const missing = operations
      .filter(({ op }) => op.requestBody)
      .filter(({ op }) => {
        const media = op.requestBody!.content['application/json'];
        return !(media && (media.example !== undefined || hasExample(doc, media.schema)));
      })
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it('should show an example for every path parameter', () => {
    const missing = operations.flatMap(({ method, path, op }) =>
      (op.parameters ?? [])
        .filter((p) => p.in === 'path' && p.example === undefined && p.schema?.example === undefined)
        .map((p) => `${method} ${path} {${p.name}}`),
    );
    expect(missing).toEqual([]);
  });

  it('should show an example success response for every operation that returns JSON', () => {
    const missing = operations.flatMap(({ method, path, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => /^2/.test(status))
        .filter(([, r]) => r.content?.['application/json'])
        .filter(([, r]) => !hasExample(doc, r.content!['application/json'].schema))
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(missing).toEqual([]);
  });
});

interface PostmanItem {
  id: string;
  name: string;
  item?: PostmanItem[];
  request?: {
    method: string;
    url: { path: string[]; host: string[]; variable?: { key: string; value: string }[] };
    body?: { raw?: string };
  };
  event?: { listen: string; script: { exec: string[] } }[];
}

describe('201 Created (issue #16)', () => {
  it('should document Location on every 201 response', () => {
    const missing = Object.entries(
      doc.paths as Record<string, Record<string, { responses?: Record<string, { headers?: object }> }>>,
    ).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.responses?.['201'] && !('Location' in (op.responses['201'].headers ?? {})))
        .map(([method]) => `${method} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('Postman collection', () => {
  const collection = JSON.parse(
    readFileSync(join(CLIENTS, 'postman/fortirest.postman_collection.json'), 'utf8'),
  ) as {
    info: { name: string; schema: string; _postman_id: string };
    auth: { type: string; bearer: { key: string; value: string }[] };
    variable: { key: string; value: string }[];
    item: PostmanItem[];
  };
  const requests = (items: PostmanItem[]): PostmanItem[] =>
    items.flatMap((i) => (i.item ? requests(i.item) : i.request ? [i] : []));

  it('should be a v2.1 collection with the gateway and token as variables', () => {
    expect(collection.info.schema).toMatch(/collection\/v2\.1\.0/);
    expect(collection.auth).toEqual({
      type: 'bearer',
      bearer: [expect.objectContaining({ key: 'token', value: '{{bearerToken}}' })],
    });
    // Besides the two settings: the keys of created members, which the POSTs' tests store.
    const keys = collection.variable.map((v) => v.key);
    expect(keys.slice(0, 2)).toEqual(['baseUrl', 'bearerToken']);
    for (const key of keys.slice(2)) expect(JSON.stringify(collection)).toContain(`{{${key}}}`);
  });

  // Issue #16: the collection must run as shipped (`newman run` in .ci/run), not carry placeholders.
  it('should carry example values, not placeholders, in every path variable and body', () => {
    const text = JSON.stringify(collection);
    expect(text).not.toMatch(/<string>|<number>|<integer>|<boolean>|Too many levels of nesting/);
    for (const { request } of requests(collection.item)) {
      for (const v of request!.url.variable ?? []) expect(v.value).not.toBe('');
      if (request!.body?.raw !== undefined) expect(() => JSON.parse(request!.body!.raw!)).not.toThrow();
    }
  });

  it('should give every request a status test', () => {
    const untested = requests(collection.item).filter(
      (i) =>
        !i.event?.some((e) => e.listen === 'test' && e.script.exec.join('\n').includes('pm.response.code')),
    );
    expect(untested.map((i) => i.name)).toEqual([]);
  });

  it('should run every DELETE after every other request', () => {
    const methods = requests(collection.item).map((i) => i.request!.method);
    const firstDelete = methods.indexOf('DELETE');
    expect(methods.slice(firstDelete).every((m) => m === 'DELETE')).toBe(true);
  });

  it('should have one request per OpenAPI operation', () => {
    const inCollection = requests(collection.item)
      .map(({ request }) => {
        const path = request!.url.path.map((seg) => seg.replace(/^:(\w+)$/, '{$1}')).join('/');
        expect(request!.url.host).toEqual(['{{baseUrl}}']);
        return `${request!.method} /${path}`;
      })
      .sort();
    expect(inCollection).toEqual(operations.map(({ method, path }) => `${method} ${path}`).sort());
  });

  it('should have stable, unique ids', () => {
    const ids: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if ((key === 'id' || key === '_postman_id') && typeof value === 'string') ids.push(value);
          else walk(value);
        }
      }
    };
    walk(collection);
    expect(ids.length).toBeGreaterThan(operations.length);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('typed client', () => {
  it('should have a type for every path of the document', () => {
    const schema = readFileSync(join(CLIENTS, 'typescript/schema.d.ts'), 'utf8');
    const missing = Object.keys(doc.paths).filter((path) => !schema.includes(`    "${path}": {`));
    expect(missing).toEqual([]);
  });
});
