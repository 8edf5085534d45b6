import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import {
  loadOpenApi,
  Operation,
  operationsOf,
  resolve,
  ResponseValidator,
  sample,
  Schema,
} from '../support/openapi-contract';
import { RawHttp, RawResponse } from '../support/raw-http';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { EmulatorControl } from '../support/emulator-control';
import { startGateway, upstreamConfig } from '../support/stack';
import { testToken } from '../support/tokens';

/**
 * Property-based fuzzing of every operation of the committed OpenAPI document against the real
 * stack (gateway over HTTP, emulator over HTTP). Each operation gets a plausible request, then
 * hostile path parameters, query strings, headers and bodies. Every answer must be a documented
 * status (never a 5xx: the emulator is not faulted here) whose body matches the documented schema.
 * Fixed seed and bounded runs: the same requests every run.
 */
const SEED = 0x9_2026;
const RUNS = { path: 10, query: 8, headers: 3, body: 14 };
const MIB = 1024 * 1024;
const OUTPUT_DIR = join(__dirname, '../../test-output');

const doc = loadOpenApi();
const operations = operationsOf(doc);
const validator = new ResponseValidator(doc);

const stats = { requests: 0, serverErrors: 0, byStatus: new Map<number, number>() };
/** Distinct violations (operation, kind, status, problem) → the first request that showed it. */
const violations = new Map<string, string>();

const enc = (value: string): string => {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '?'));
  }
};

/** Path segments as they would appear in a URL: traversal, escapes, NUL, control bytes, huge, unicode. */
const HOSTILE_SEGMENTS = [
  '..',
  '.',
  '..%2F..%2Fsys',
  '%2e%2e',
  '%2E%2E%2F%2E%2E%2Fetc',
  '..%5C..%5C',
  '%5C%2F',
  '\\%2F',
  '%2F',
  '%2F%2F',
  'a%2Fb',
  '%00',
  'a%00b',
  '%0A',
  'ro%0D%0Aot',
  '%7F',
  '%',
  '%zz',
  '%C0%AE%C0%AE',
  '%E0%A4%A',
  'x'.repeat(10_000),
  'a'.repeat(256),
  enc('日本語-名前'),
  enc('😀'),
  enc('\u202e\u0000'),
  enc(' '),
  enc("'; drop table --"),
  enc('${jndi:ldap://127.0.0.1/a}'),
  enc('<script>alert(1)</script>'),
  '__proto__',
  'constructor',
  '-1',
  '0',
  '99999999999999999999999',
  '1e3',
  'NaN',
  '~',
];

const hostileSegment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map(enc) },
  { weight: 1, arbitrary: fc.integer({ min: 90, max: 20_000 }).map((n) => 'n'.repeat(n)) },
);

const HOSTILE_QUERY_VALUES = [
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '1.5',
  '',
  '%20',
  'true',
  '[]',
  '{}',
  '%00',
  '%',
  '%zz',
  '9'.repeat(400),
  'x'.repeat(5_000),
  enc('名前'),
  enc('name=='),
  enc('(((((((((((((((((((('),
  enc('name==a or '.repeat(300) + 'name==b'),
  enc('"unterminated'),
  enc('-'),
  enc(',,,,'),
  enc('name,,-,'),
  '1s',
  '0ms',
  '99999s',
  // Issue #16: integers are decimal digits only; numeric extremes.
  '0x10',
  '1e1',
  '+5',
  '%205',
  '0b1',
  '4294967296',
  '1e300',
  '-0',
  // Control characters in a value (a filter, a field list, a number).
  enc('name==a\u0000b'),
  enc('name==a\nb'),
  enc('\u001b[31m'),
  '%7F',
];

const queryValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_QUERY_VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(enc) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** Odd values for one JSON property. */
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 2 ** 53, 1e308, '', ' ', 'x'.repeat(10_000), '\u0000', [], {}),
  // Issue #16: numeric extremes around every upstream range (32-bit ids, 2^53, floats).
  fc.constantFrom(
    1e300,
    -1e300,
    4_294_967_295,
    4_294_967_296,
    -2_147_483_649,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1.5,
    -0,
    5e-324,
  ),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

const pathParams = (o: Operation) => (o.op.parameters ?? []).filter((p) => p.in === 'path');
const queryParams = (o: Operation) => (o.op.parameters ?? []).filter((p) => p.in === 'query');

function exampleOf(o: Operation, name: string): string {
  const p = (o.op.parameters ?? []).find((x) => x.name === name);
  const value = p?.example ?? p?.schema?.example ?? sample(doc, p?.schema) ?? 'x';
  return String(value);
}

interface FuzzRequest {
  kind: string;
  params?: Record<string, string>;
  query?: [string, string][];
  headers?: Record<string, string>;
  /** A JSON value (serialised here) or raw text (sent as is). */
  body?: { json: unknown } | { raw: string; contentType?: string };
}

function describeRequest(method: string, path: string, req: FuzzRequest): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
  let body = '';
  if (req.body && 'json' in req.body) body = ` body=${cut(JSON.stringify(req.body.json) ?? '', 160)}`;
  else if (req.body) body = ` body[${req.body.contentType ?? 'application/json'}]=${cut(req.body.raw, 80)}`;
  const headers = req.headers ? ` headers=${cut(JSON.stringify(req.headers), 120)}` : '';
  return `${method} ${cut(path, 160)}${headers}${body}`;
}

/** The gateway with both upstreams: a FortiManager and a FortiAnalyzer emulator. */
let app: NestFastifyApplication;
let emulators: RunningEmulator[] = [];
let http: RawHttp;
let authorization: string;

async function exercise(o: Operation, req: FuzzRequest): Promise<RawResponse> {
  const params = req.params ?? {};
  let path = o.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? enc(exampleOf(o, name)));
  if (req.query && req.query.length > 0) path += `?${req.query.map(([k, v]) => `${k}=${v}`).join('&')}`;
  const headers: Record<string, string> = { authorization, ...req.headers };
  let body: string | undefined;
  if (req.body && 'json' in req.body) {
    body = JSON.stringify(req.body.json);
    headers['content-type'] ??= 'application/json';
  } else if (req.body) {
    body = req.body.raw;
    if (req.body.contentType) headers['content-type'] = req.body.contentType;
  }
  const res = await http.send({ method: o.method, path, headers, body });
  stats.requests++;
  stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
  const problems = validator.check(o, {
    status: res.status,
    contentType: String(res.headers['content-type'] ?? ''),
    body: res.body,
    text: res.text,
  });
  if (res.status >= 500) {
    stats.serverErrors++;
    problems.unshift(`5xx: ${res.text.slice(0, 200)}`);
  }
  for (const problem of problems) {
    const key = `${o.op.operationId} [${req.kind}] ${res.status} ${problem.replace(/\d{3,}/g, 'N')}`;
    if (!violations.has(key)) violations.set(key, describeRequest(o.method, path, req));
  }
  return res;
}

/** Runs one property; requests are the property, the checks record violations, a throw is a crash. */
async function property<T>(
  arb: fc.Arbitrary<T>,
  runs: number,
  seed: number,
  run: (v: T) => Promise<unknown>,
) {
  await fc.assert(
    fc.asyncProperty(arb, async (value) => {
      await run(value);
    }),
    { seed, numRuns: runs, endOnFailure: true },
  );
}

function bodyArbitrary(o: Operation): fc.Arbitrary<FuzzRequest['body']> {
  const schema = resolve(doc, o.op.requestBody?.content['application/json']?.schema) ?? {};
  const base = (sample(doc, schema) ?? {}) as Record<string, unknown>;
  const props = Object.keys((schema.properties as Schema | undefined) ?? {});
  const required: string[] = schema.required ?? [];
  const keys = props.length > 0 ? props : ['name'];
  const obj = typeof base === 'object' && base !== null && !Array.isArray(base) ? base : {};
  return fc
    .oneof(
      fc.constant<unknown>(obj),
      fc.tuple(fc.constantFrom(...keys), weirdValue).map(([k, v]) => ({ ...obj, [k]: v })),
      required.length > 0
        ? fc
            .constantFrom(...required)
            .map((k) => Object.fromEntries(Object.entries(obj).filter(([n]) => n !== k)))
        : fc.constant<unknown>({}),
      fc
        .tuple(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }))
        .map(([k, v]) => ({ ...obj, [k]: v })),
      fc.jsonValue({ maxDepth: 4 }),
      fc.constantFrom(...keys).map((k) => ({ ...obj, [k]: 'x'.repeat(100_000) })),
      fc
        .tuple(fc.constantFrom(...keys), fc.array(weirdValue, { maxLength: 5 }))
        .map(([k, v]) => ({ ...obj, [k]: v })),
    )
    .map((json) => ({ json }));
}

/** The same hostile bodies for every operation that parses one. */
function specialBodies(o: Operation): FuzzRequest['body'][] {
  const schema = resolve(doc, o.op.requestBody?.content['application/json']?.schema) ?? {};
  const base = JSON.stringify(sample(doc, schema) ?? {});
  const inner = base === '{}' ? '' : `${base.slice(1, -1)},`;
  const depth = 20_000;
  return [
    { raw: `{${inner}"comment":${'['.repeat(depth)}${']'.repeat(depth)}}` },
    { raw: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` },
    { raw: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
    // Issue #16: just past the 64-level limit, inside an otherwise valid body, objects and arrays mixed.
    { raw: `{${inner}"comment":${'[{"a":'.repeat(33)}1${'}]'.repeat(33)}}` },
    { raw: `{${inner}"x":${'['.repeat(64)}${']'.repeat(64)}}` },
    { raw: `{${inner}"policyid":1e300,"id":1e400,"limit":-1e400}` },
    { raw: `{${inner}"policyid":4294967296,"layoutId":18446744073709551616}` },
    { raw: `{${inner}"a":{"b":{"__proto__":{"polluted":true}}}}` },
    { raw: base, contentType: 'application/json; charset=iso-8859-1' },
    { raw: base, contentType: 'application/json;charset="UTF-16LE"' },
    { raw: base, contentType: 'application/json; charset=utf-32' },
    { json: { ...JSON.parse(base), comment: 'x'.repeat(MIB + 1024) } },
    { raw: `${'{"name":'}` },
    { raw: '' },
    { raw: 'null' },
    { raw: '[]' },
    { raw: '"a string"' },
    { raw: '42' },
    { raw: `{${inner}"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}` },
    { raw: `{"name":"a","name":"b"}` },
    { raw: `\ufeff${base}` },
    { raw: base, contentType: 'text/plain' },
    { raw: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { raw: base, contentType: 'application/json; charset=utf-16' },
    { raw: base, contentType: 'application/xml' },
  ];
}

async function fuzz(o: Operation, index: number): Promise<void> {
  const seed = SEED + index;
  const hasBody = Boolean(o.op.requestBody);
  const validBody = hasBody
    ? { json: sample(doc, o.op.requestBody?.content['application/json']?.schema) ?? {} }
    : undefined;

  // 1. A plausible request, built from the document's examples.
  await exercise(o, { kind: 'example', body: validBody });

  // 2. Hostile path parameters (one or all of them at once).
  const pathNames = pathParams(o).map((p) => p.name);
  if (pathNames.length > 0) {
    const arb = fc.record(
      Object.fromEntries(
        pathNames.map((n) => [n, fc.oneof(fc.constant(enc(exampleOf(o, n))), hostileSegment)]),
      ),
    );
    await property(arb, RUNS.path, seed, (params) => exercise(o, { kind: 'path', params, body: validBody }));
  }

  // 3. Query strings: documented parameters with hostile values, unknown and repeated keys.
  const documented = queryParams(o).map((p) => p.name);
  const key = fc.oneof(
    fc.constantFrom(...documented, 'unknown', '__proto__', 'limit[]', 'fields[a]', 'filter%00'),
    fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 12 }).map(enc),
  );
  await property(
    fc.array(fc.tuple(key, queryValue), { minLength: 1, maxLength: 4 }),
    RUNS.query,
    seed + 1,
    (query) => exercise(o, { kind: 'query', query, body: validBody }),
  );

  // 4. Headers: odd If-Match, Accept, X-Request-Id and content negotiation.
  const headerValue = fc.oneof(
    fc.constantFrom('*', '"x"', 'W/"x"', '', 'x'.repeat(8_000), '"', 'application/xml', '*/*;q=0'),
    fc.string({ unit: 'binary-ascii', maxLength: 30 }).map((s) => s.replace(/[^\u0020-\u007e]/g, '')),
  );
  await property(
    fc.record(
      { 'if-match': headerValue, accept: headerValue, 'x-request-id': headerValue },
      { requiredKeys: [] },
    ),
    RUNS.headers,
    seed + 2,
    (headers) => exercise(o, { kind: 'headers', headers, body: validBody }),
  );

  // 5. Bodies: random and boundary JSON, then the fixed hostile ones (parsed for any non-GET method).
  if (hasBody) {
    await property(bodyArbitrary(o), RUNS.body, seed + 3, (body) => exercise(o, { kind: 'body', body }));
  }
  if (o.method !== 'GET') {
    for (const body of specialBodies(o)) await exercise(o, { kind: 'special-body', body });
  }
}

describe('fuzz: every OpenAPI operation against the running gateway', () => {
  beforeAll(async () => {
    const fmg = await startEmulator();
    const faz = await startEmulator({ product: 'fortianalyzer' });
    emulators = [fmg, faz];
    app = await startGateway({ fmg: upstreamConfig(fmg.url), faz: upstreamConfig(faz.url, { name: 'faz' }) });
    http = new RawHttp((await app.getUrl()).replace('[::1]', '127.0.0.1'));
    authorization = `Bearer ${testToken()}`;
  });
  afterAll(async () => {
    // The whole list, for reading after a failing run (the failures above show each operation's own).
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(
      join(OUTPUT_DIR, 'fuzz-violations.txt'),
      [...violations.entries()].map(([k, v]) => `${k}\n    ${v}\n`).join(''),
    );
    http?.close();
    await app?.close();
    await Promise.all(emulators.map((e) => e.close()));
  });

  it('should have operations to fuzz', () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it.each(operations.map((o, i) => [`${o.method} ${o.path}`, o, i] as const))(
    'should answer %s with documented statuses and bodies only',
    async (_label, o, index) => {
      // Each operation starts from the seeded upstream, so destructive ones cannot starve the next.
      await Promise.all(emulators.map((e) => new EmulatorControl(e.url).reset()));
      const before = violations.size;
      await fuzz(o, index);
      const found = [...violations.entries()].slice(before).map(([k, v]) => `${k}\n    ${v}`);
      expect(found).toEqual([]);
    },
    120_000,
  );

  it('should have answered no request with a 5xx', () => {
    const byStatus = [...stats.byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    // The numbers CI shows for the fuzz run.
    console.log(
      `fuzz: ${operations.length} operations, ${stats.requests} requests, ${stats.serverErrors} 5xx, ` +
        `${violations.size} distinct violations; statuses ${byStatus}`,
    );
    expect(stats.requests).toBeGreaterThan(operations.length * 10);
    expect(stats.serverErrors).toBe(0);
  });
});
