import { request as httpRequest } from 'node:http';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';
import { testToken } from '../support/tokens';

// Rows are open-ended REST objects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

const ADDRESSES = '/adoms/root/firewall/addresses';
const GENERIC = '/adoms/root/objects/firewall%2Faddress';
const ADDRESS_URL = 'pm/config/adom/root/obj/firewall/address';
/** More than two upstream chunks (1000 rows each), so streams and big pages span several reads. */
const SEEDED = 2500;
const NDJSON = 'application/x-ndjson';

let stack: Stack;
let tableSize: number;

/** The body as NDJSON lines, each parsed. */
function lines(text: string): Row[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Row);
}

async function streamed(path: string, query: Record<string, string | number> = {}) {
  const res = await stack.http().get(path).query(query).set('Accept', NDJSON).buffer(true).parse(text);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
  return { rows: lines(res.body as string), total: Number(res.headers['x-total-count']) };
}

/** supertest's parser that keeps the body as text (NDJSON is no JSON). */
function text(res: NodeJS.ReadableStream, done: (err: Error | null, body: string) => void): void {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (body += c));
  res.on('end', () => done(null, body));
}

/** Upstream `get` elements on the address table since `since` (a batched count is its own element). */
async function addressGets(since: number) {
  const { calls } = await stack.control.calls(since);
  return calls.filter((c) => c.method === 'get' && c.url === ADDRESS_URL).length;
}

beforeAll(async () => {
  stack = await startStack();
  tableSize = (await stack.control.seedTable('root', 'firewall/address', SEEDED)).size;
});
afterAll(() => stack.close());
afterEach(() => stack.control.clearFaults());

describe('big pages and streamed tables (e2e)', () => {
  it('should answer a page of up to 10,000 rows, read from FortiManager in chunks of 1000', async () => {
    const { next } = await stack.control.calls();
    const res = await stack.http().get(ADDRESSES).query({ limit: 10000 }).expect(200);
    expect(res.body.total).toBe(tableSize);
    expect(res.body.limit).toBe(10000);
    const names = (res.body.items as Row[]).map((r) => r.name);
    // Exactly the emulator's rows, in its order: the demo ones, then bulk-1 … bulk-2500.
    expect(names).toHaveLength(tableSize);
    expect(new Set(names).size).toBe(tableSize);
    expect(names.slice(-SEEDED)).toEqual(Array.from({ length: SEEDED }, (_, i) => `bulk-${i + 1}`));
    expect(res.body.items.at(-1)).toMatchObject({ name: `bulk-${SEEDED}`, subnet: expect.any(String) });
    // ⌈size / 1000⌉ chunk reads, plus the count batched with the first.
    expect(await addressGets(next)).toBe(Math.ceil(tableSize / 1000) + 1);
  });

  it('should refuse limit=10001 with a 400 problem', async () => {
    const res = await stack.http().get(ADDRESSES).query({ limit: 10001 }).expect(400);
    expect(expectProblem(res, 400, 'VALIDATION_FAILED').detail).toMatch(/limit/);
  });

  it('should stream the whole table as NDJSON, equal to the paged listing', async () => {
    const paged = (await stack.http().get(ADDRESSES).query({ limit: 10000 }).expect(200)).body;
    const { rows, total } = await streamed(ADDRESSES);
    expect(total).toBe(paged.total);
    expect(rows).toEqual(paged.items);
  });

  it('should stream with filter, fields, sort, offset and limit as the paged listing answers them', async () => {
    const query = { filter: 'name==bulk-1*', fields: 'name,comment', sort: '-name' };
    const paged = (
      await stack
        .http()
        .get(ADDRESSES)
        .query({ ...query, limit: 10000 })
        .expect(200)
    ).body;
    const all = await streamed(ADDRESSES, query);
    expect(all.rows.length).toBeGreaterThan(1000);
    expect(all.rows).toEqual(paged.items);
    expect(Object.keys(all.rows[0]).sort()).toEqual(['comment', 'name']);
    const window = await streamed(ADDRESSES, { ...query, offset: 900, limit: 1200 });
    expect(window.rows).toEqual(paged.items.slice(900, 2100));
    expect(window.total).toBe(paged.total);
  });

  it('should stream a generic table by cli path, equal to its paged listing', async () => {
    const query = { fields: 'name,subnet', filter: 'name==bulk-*' };
    const paged = (
      await stack
        .http()
        .get(GENERIC)
        .query({ ...query, limit: 10000 })
        .expect(200)
    ).body;
    const { rows, total } = await streamed(GENERIC, query);
    expect(total).toBe(paged.total);
    expect(rows).toEqual(paged.items);
    expect(rows.length).toBeGreaterThan(1000);
  });

  it('should answer an error before the first row as a normal problem', async () => {
    await stack.control.fault({ match: { method: 'get', url: `/${ADDRESS_URL}` }, status: { code: -8 } });
    const res = await stack.http().get(ADDRESSES).set('Accept', NDJSON);
    expectProblem(res, 400, 'FMG_INVALID_PARAMETER');
  });

  it('should end a stream that fails mid-way with an error line', async () => {
    // The first call (chunk 1 + count) goes through; the second chunk fails.
    await stack.control.fault({
      match: { method: 'get', url: `/${ADDRESS_URL}` },
      skip: 1,
      status: { code: -1 },
    });
    const { rows } = await streamed(ADDRESSES);
    expect(rows).toHaveLength(1001);
    expect(rows.slice(0, 1000).every((r) => typeof r.name === 'string')).toBe(true);
    expect(rows[1000].error).toMatchObject({
      status: 502,
      code: 'FMG_INTERNAL_ERROR',
      instance: ADDRESSES,
      upstream: { code: -1 },
    });
  });

  it('should stop reading chunks when the client goes away', async () => {
    // A table of 8+ chunks, each taking 300 ms upstream; the client leaves after the first bytes.
    const size = (await stack.control.seedTable('root', 'firewall/address', 5000, 'more')).size;
    await stack.control.fault({
      match: { method: 'get', url: `/${ADDRESS_URL}` },
      delayMs: 300,
      times: 100,
    });
    const { next } = await stack.control.calls();
    await new Promise<void>((resolve, reject) => {
      const url = new URL(ADDRESSES, stack.url);
      const req = httpRequest(url, {
        headers: { accept: NDJSON, authorization: `Bearer ${testToken()}` },
      });
      req.on('response', (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      req.end();
    });
    // At most the chunk in flight when the client left finishes; nothing after it is asked for.
    await new Promise((r) => setTimeout(r, 1000));
    const seen = await addressGets(next);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await addressGets(next)).toBe(seen);
    // The first call has two elements (chunk + count); a full read would be ⌈size/1000⌉ + 1. The stream
    // reads one chunk ahead, so the chunk in flight and the one after it may have been asked for.
    expect(seen).toBeLessThanOrEqual(4);
    expect(seen).toBeLessThan(Math.ceil(size / 1000) + 1);
  });
});
