import { request as httpRequest } from 'node:http';
import { FazStack, startFazStack, TID_BEHAVIOURS } from '../support/faz-stack';
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

/** The list as a plain HTTP download with `Accept: application/x-ndjson` (fetch reads any type as text). */
async function streamed(path: string, query: Record<string, string | number> = {}) {
  const url = new URL(path, stack.url);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  const res = await fetch(url, { headers: { accept: NDJSON, authorization: `Bearer ${testToken()}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  return { rows: lines(await res.text()), total: Number(res.headers.get('x-total-count')) };
}

/** The same list as one JSON page of up to 10,000 rows. */
async function paged(path: string, query: Record<string, string | number> = {}) {
  return (
    await stack
      .http()
      .get(path)
      .query({ ...query, limit: 10000 })
      .expect(200)
  ).body as {
    items: Row[];
    total: number;
  };
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
    const page = await paged(ADDRESSES);
    const { rows, total } = await streamed(ADDRESSES);
    expect(total).toBe(page.total);
    expect(rows).toEqual(page.items);
  });

  it('should stream with filter, fields, sort, offset and limit as the paged listing answers them', async () => {
    const query = { filter: 'name==bulk-1*', fields: 'name,comment', sort: '-name' };
    const page = await paged(ADDRESSES, query);
    const all = await streamed(ADDRESSES, query);
    expect(all.rows.length).toBeGreaterThan(1000);
    expect(all.rows).toEqual(page.items);
    expect(Object.keys(all.rows[0]).sort()).toEqual(['comment', 'name']);
    const window = await streamed(ADDRESSES, { ...query, offset: 900, limit: 1200 });
    expect(window.rows).toEqual(page.items.slice(900, 2100));
    expect(window.total).toBe(page.total);
  });

  it('should stream a generic table by cli path, equal to its paged listing', async () => {
    const query = { fields: 'name,subnet', filter: 'name==bulk-*' };
    const page = await paged(GENERIC, query);
    const { rows, total } = await streamed(GENERIC, query);
    expect(total).toBe(page.total);
    expect(rows).toEqual(page.items);
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

describe.each(TID_BEHAVIOURS)('FAZ export of a sized synthetic data set with %s (e2e)', (_, version) => {
  let faz: FazStack;
  const ROWS = 2345;
  const base = '/adoms/root/logs/searches';
  const window = { from: '2024-12-30T09:00:00Z', to: '2025-01-06T09:00:00Z' };

  beforeAll(async () => {
    faz = await startFazStack({ version });
    await faz.control.speed({ searchMs: 0 });
    await faz.control.logSize('root', ROWS);
  });
  afterAll(() => faz.close());

  async function search(): Promise<string> {
    const res = await faz
      .http()
      .post(base)
      .send({ logType: 'traffic', ...window });
    expect([201, 202]).toContain(res.status);
    return res.body.href as string;
  }

  it('should export every synthetic row once, in the order the pages give them', async () => {
    const href = await search();
    const paged = (await faz.http().get(href).query({ limit: 5000 }).expect(200)).body;
    // The window covers the whole week: every synthetic row, newest first.
    expect(paged.total).toBe(ROWS);
    const res = await fetch(`${faz.url}${await search()}/export`, {
      headers: { authorization: `Bearer ${testToken({ sub: 'e2e-client' })}` },
    });
    expect(res.status).toBe(200);
    const rows = lines(await res.text());
    expect(rows).toEqual(paged.items);
    const times = rows.map((r) => r.itime as number);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('should refuse a data set size out of range', async () => {
    await expect(faz.control.logSize('root', -1)).rejects.toThrow(/HTTP 400/);
  });
});
