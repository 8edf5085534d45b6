import { LogSearchService } from '../../src/analyzer/logs/log-search.service';
import { logSources, logsOf } from '../../src/emulator/faz/logs';
import { buildStore } from '../../src/emulator/fmg/seed';
import { expectProblem } from '../support/problem';
import { FazStack, startFazStack, TID_BEHAVIOURS } from '../support/faz-stack';
import { testToken } from '../support/tokens';

// Rows are open-ended FAZ log records.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LogRow = Record<string, any>;

const FROM = '2024-12-30T09:00:00Z';
const TO = '2025-01-06T09:00:00Z';
const base = '/adoms/root/logs';

/** What the emulator holds for root, straight from its generator (the test's independent oracle). */
function expected(type: 'traffic' | 'attack', pred: (r: LogRow) => boolean = () => true): LogRow[] {
  const lo = Date.parse(FROM) / 1000;
  const hi = Date.parse(TO) / 1000;
  return logsOf(type, logSources(buildStore(true).adoms.get('root')!)).filter(
    (r) => (r.itime as number) >= lo && (r.itime as number) <= hi && pred(r),
  );
}

/** A row's identity: device, VDOM, receive time and session (rows are compared by it, in order). */
const key = (r: LogRow) => `${r.devid}/${r.vd}/${r.itime}/${r.sessionid ?? r.logid}/${r.srcip}/${r.dstip}`;
const keys = (rows: LogRow[]) => rows.map(key);

let stack: FazStack;

describe.each(TID_BEHAVIOURS)('FAZ log search with %s (e2e)', (behaviour, version) => {
  const singleUse = behaviour === 'single-use tids';

  beforeAll(async () => {
    stack = await startFazStack({ version });
    expect((await stack.control.live()).tids).toBe(singleUse ? 'single-use' : 'reusable');
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.speed({ searchMs: 100 });
    stack.forget();
  });

  async function startSearch(body: Record<string, unknown>, sub?: string) {
    const res = await stack
      .http(sub)
      .post(`${base}/searches`)
      .send({ from: FROM, to: TO, ...body });
    expect([201, 202]).toContain(res.status);
    return res.body as { id: string; href: string; status: string; total: number };
  }

  /** Polls the search's status with empty reads (offset 0, limit 1 would spend a single-use tid). */
  async function untilDone(href: string, sub?: string) {
    for (;;) {
      const res = await stack.http(sub).get(href).query({ limit: 1 }).expect(200);
      if (res.body.status === 'done') return res.body as { total: number; items: LogRow[] };
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Upstream calls since `since`: searches issued, data fetches (successful and failed), deletes. */
  async function upstream(since: number) {
    const { calls, next } = await stack.control.calls(since);
    return {
      next,
      searches: calls.filter((c) => c.method === 'add' && /logview\/adom\/root\/logsearch$/.test(c.url))
        .length,
      fetches: calls.filter((c) => c.method === 'get' && /logview\/adom\/root\/logsearch\/\d+$/.test(c.url)),
      deletes: calls.filter((c) => c.method === 'delete' && /logsearch\/\d+$/.test(c.url)).length,
    };
  }

  it('should give pages of 1, 100 and 1200 rows and walk `next` to the end, every row once and in order', async () => {
    await stack.control.speed({ searchMs: 1500 });
    const created = await stack
      .http()
      .post(`${base}/searches`)
      .send({ logType: 'traffic', from: FROM, to: TO })
      .expect(202);
    expect(created.headers['location']).toBe(created.body.href);
    expect(created.body).toMatchObject({ status: 'running', logType: 'traffic', adom: 'root' });
    expect(created.body.percentage).toBeLessThan(100);
    const running = await stack.http().get(created.body.href).expect(200);
    expect(running.body).toMatchObject({ status: 'running', items: [] });
    const href = created.body.href as string;
    let since = (await stack.control.calls()).next;
    // While running, progress comes from logsearch/count/{tid}: no row is handed out, no tid is spent.
    let first: { total: number; items: LogRow[]; next: string } | undefined;
    while (!first) {
      const res = await stack.http().get(href).query({ offset: 0, limit: 1 }).expect(200);
      if (res.body.status === 'done') first = res.body;
      else {
        expect(res.body.items).toEqual([]);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await stack.control.speed({ searchMs: 100 });
    const oracle = expected('traffic');
    expect(first.total).toBe(oracle.length);
    expect(first.total).toBeGreaterThan(2400);
    expect(keys(first.items)).toEqual(keys(oracle.slice(0, 1)));
    expect(first.next).toBe(`${href}?offset=1&limit=1`);
    // The page of 1 took the creation's tid: no further search.
    expect((await upstream(since)).searches).toBe(0);

    ({ next: since } = await stack.control.calls());
    const hundred = await stack.http().get(href).query({ offset: 1, limit: 100 }).expect(200);
    expect(keys(hundred.body.items)).toEqual(keys(oracle.slice(1, 101)));
    const afterHundred = await upstream(since);
    // Reusable: the live tid again. Single-use: the tid is spent, one search issued again for one fetch.
    expect(afterHundred.searches).toBe(singleUse ? 1 : 0);
    since = afterHundred.next;

    const big = await stack.http().get(href).query({ offset: 101, limit: 1200 }).expect(200);
    expect(big.body.items).toHaveLength(1200);
    expect(keys(big.body.items)).toEqual(keys(oracle.slice(101, 1301)));
    expect(big.body.next).toBe(`${href}?offset=1301&limit=1200`);
    const bigCalls = await upstream(since);
    // 1200 rows need three upstream fetches of at most 500; on single-use builds each on its own search.
    expect(bigCalls.fetches.filter((c) => c.code === 0)).toHaveLength(3);
    expect(bigCalls.searches).toBe(singleUse ? 3 : 0);
    // In FortiAnalyzer's analytics envelope (docs/upstream-api.md §9.1), not the classic one.
    expect(bigCalls.fetches.every((c) => c.jsonrpc === '2.0')).toBe(true);

    const rest: LogRow[] = [];
    let next: string | undefined = big.body.next;
    while (next) {
      const page = await stack.http().get(next).expect(200);
      rest.push(...(page.body.items as LogRow[]));
      expect(page.body.total).toBe(oracle.length);
      next = page.body.next;
    }
    const all = [...first.items, ...hundred.body.items, ...big.body.items, ...rest];
    expect(keys(all)).toEqual(keys(oracle));
    expect((await stack.control.live()).searches).toBe(0);
    // The client's id outlives the upstream search: reading it again issues the kept search once more.
    ({ next: since } = await stack.control.calls());
    let again = (await stack.http().get(href).expect(200)).body;
    while (again.status !== 'done') {
      await new Promise((r) => setTimeout(r, 100));
      again = (await stack.http().get(href).expect(200)).body;
    }
    expect(keys(again.items)).toEqual(keys(oracle.slice(0, 100)));
    expect((await upstream(since)).searches).toBe(1);
    await stack.http().delete(href).expect(204);
    expect((await stack.control.live()).searches).toBe(0);
    const learnt = await stack.http().get('/health/ready').expect(200);
    expect(learnt.body.upstreams[0].appliance.tids.logsearch).toBe(singleUse ? 'single-use' : 'reusable');
  });

  it('should give rows RFC 3339 UTC times next to FAZ fields', async () => {
    const s = await startSearch({ logType: 'traffic' });
    await new Promise((r) => setTimeout(r, 150));
    const page = await stack.http().get(s.href).query({ limit: 3 }).expect(200);
    for (const r of page.body.items as LogRow[]) {
      expect(r.receivedAt).toBe(new Date(r.itime * 1000).toISOString().replace('.000Z', 'Z'));
      expect(Date.parse(r.loggedAt)).toBe(Math.floor(Number(BigInt(r.eventtime) / 1_000_000n)));
      // FAZ's own fields stay, in the appliance's wall clock (Europe/Brussels, winter: +0100).
      expect(r.tz).toBe('+0100');
      expect(Date.parse(`${r.date}T${r.time}+01:00`)).toBe(r.itime * 1000);
    }
  });

  it('should read on after the appliance reaped the search mid-way', async () => {
    const s = await startSearch({ logType: 'attack' });
    const oracle = expected('attack');
    await untilDone(s.href);
    const one = await stack.http().get(s.href).query({ offset: 1, limit: 150 }).expect(200);
    await stack.control.reap();
    const two = await stack.http().get(s.href).query({ offset: 151, limit: 700 }).expect(200);
    expect(keys([...one.body.items, ...two.body.items])).toEqual(keys(oracle.slice(1, 851)));
  });

  it('should stream every row as NDJSON and as CSV, beyond the upstream page size', async () => {
    const allowed = (r: LogRow) => r.action !== 'deny';
    const oracle = expected('traffic', allowed);
    expect(oracle.length).toBeGreaterThan(2000);

    const s1 = await startSearch({ logType: 'traffic', filter: 'action!=deny' });
    const { next: since } = await stack.control.calls();
    const nd = await download(`${s1.href}/export`);
    expect(nd.status).toBe(200);
    expect(nd.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = nd.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogRow);
    expect(lines).toHaveLength(oracle.length);
    expect(lines.every(allowed)).toBe(true);
    expect(keys(lines)).toEqual(keys(oracle));
    expect((await stack.control.live()).searches).toBe(0);
    // One search per upstream fetch after the first on single-use builds, none on reusable ones.
    expect((await upstream(since)).searches).toBe(singleUse ? Math.ceil(oracle.length / 500) - 1 : 0);

    const s2 = await startSearch({ logType: 'traffic', filter: 'action!=deny' });
    const csv = await download(`${s2.href}/export?fields=itime,srcip,dstip,action,sessionid,receivedAt`, {
      Accept: 'text/csv',
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="traffic-.*\.csv"/);
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('itime,srcip,dstip,action,sessionid,receivedAt');
    expect(rows.slice(1)).toEqual(
      oracle.map(
        (r) =>
          `${r.itime},${r.srcip},${r.dstip},${r.action},${r.sessionid},${new Date(r.itime * 1000).toISOString().replace('.000Z', 'Z')}`,
      ),
    );
    expect((await stack.control.live()).searches).toBe(0);
  });

  it('should export exactly the rows of the paged listing, fields in the same order', async () => {
    // The export writes FAZ's own row text with the UTC times appended; the listing parses and serialises.
    const s1 = await startSearch({ logType: 'traffic' });
    await untilDone(s1.href);
    const listed: LogRow[] = [];
    for (let path: string | undefined = `${s1.href}?limit=1000`; path;) {
      const page = await stack.http().get(path).expect(200);
      listed.push(...(page.body.items as LogRow[]));
      path = page.body.next as string | undefined;
    }
    expect(listed.length).toBe(expected('traffic').length);
    expect(listed.length).toBeGreaterThan(1000);

    const s2 = await startSearch({ logType: 'traffic' });
    const nd = await download(`${s2.href}/export`);
    expect(nd.status).toBe(200);
    const lines = nd.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogRow);
    expect(lines).toEqual(listed);
    expect(lines.map((r) => Object.keys(r))).toEqual(listed.map((r) => Object.keys(r)));
    expect(lines[0]).toMatchObject({ receivedAt: expect.any(String), loggedAt: expect.any(String) });
  });

  it('should export one search twice at once, both whole (reads of the same page may be shared)', async () => {
    const s = await startSearch({ logType: 'attack' });
    await untilDone(s.href);
    const [a, b] = await Promise.all([download(`${s.href}/export`), download(`${s.href}/export`)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const rows = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as LogRow);
    expect(keys(rows(a.text))).toEqual(keys(expected('attack')));
    expect(rows(b.text)).toEqual(rows(a.text));
  });

  it('should let only the creator read a search, and release it on delete', async () => {
    const s = await startSearch({
      logType: 'attack',
      devices: ['FGT-HQ-CLUSTER[guest]'],
      filter: 'severity==critical',
    });
    await untilDone(s.href);
    expectProblem(await stack.http('someone-else').get(s.href), 404, 'LOG_SEARCH_NOT_FOUND');
    expectProblem(await stack.http('someone-else').delete(s.href), 404, 'LOG_SEARCH_NOT_FOUND');
    const oracle = expected(
      'attack',
      (r) => r.severity === 'critical' && r.devname === 'FGT-HQ-CLUSTER' && r.vd === 'guest',
    );
    const page = await stack.http().get(s.href).query({ limit: 5 }).expect(200);
    expect(page.body.total).toBe(oracle.length);
    expect(keys(page.body.items)).toEqual(keys(oracle.slice(0, 5)));
    // Reusable builds keep the task for the next page; single-use ones reaped it with that fetch.
    expect((await stack.control.live()).searches).toBe(singleUse ? 0 : 1);
    const { next: since } = await stack.control.calls();
    await stack.http().delete(s.href).expect(204);
    expect((await upstream(since)).deletes).toBe(singleUse ? 0 : 1);
    expect((await stack.control.live()).searches).toBe(0);
    expectProblem(await stack.http().get(s.href), 404, 'LOG_SEARCH_NOT_FOUND');
  });

  it('should answer 204 without a second upstream delete for a search whose rows were all read', async () => {
    const s = await startSearch({ logType: 'attack', filter: 'severity==critical' });
    await untilDone(s.href);
    const all = await stack.http().get(s.href).query({ limit: 5000 }).expect(200);
    expect(all.body.next).toBeUndefined();
    expect(keys(all.body.items)).toEqual(keys(expected('attack', (r) => r.severity === 'critical')));
    const { next: since } = await stack.control.calls();
    await stack.http().delete(s.href).expect(204);
    expect((await upstream(since)).deletes).toBe(0);
  });

  it('should answer in one call, or 202 with the search when the deadline passes', async () => {
    const oracle = expected('attack', (r) => r.severity === 'high');
    const res = await stack
      .http()
      .post(`${base}/query`)
      .send({ logType: 'attack', from: FROM, to: TO, filter: 'severity==high', limit: 10 })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'done', total: oracle.length });
    expect(keys(res.body.items)).toEqual(keys(oracle.slice(0, 10)));
    expect((await stack.control.live()).searches).toBe(0);

    const traffic = expected('traffic');
    const { next: since } = await stack.control.calls();
    const wide = await stack
      .http()
      .post(`${base}/query`)
      .send({ logType: 'traffic', from: FROM, to: TO, offset: 300, limit: 1200 })
      .expect(200);
    expect(keys(wide.body.items)).toEqual(keys(traffic.slice(300, 1500)));
    expect(wide.body.next).toBeUndefined();
    const calls = await upstream(since);
    expect(calls.searches).toBe(singleUse ? 3 : 1);
    expect((await stack.control.live()).searches).toBe(0);

    await stack.control.speed({ searchMs: 5000 });
    const slow = await stack
      .http()
      .post(`${base}/query`)
      .send({ logType: 'traffic', from: FROM, to: TO, deadlineSeconds: 1 })
      .expect(202);
    expect(slow.headers['location']).toBe(slow.body.href);
    expect(slow.body.status).toBe('running');
  });

  it('should drop expired searches upstream in the sweep', async () => {
    const s = await startSearch({ logType: 'event' });
    expect((await stack.control.live()).searches).toBe(1);
    const swept = await stack.app.get(LogSearchService).sweepExpired(Date.now() + 11 * 60_000);
    expect(swept).toBeGreaterThanOrEqual(1);
    expect((await stack.control.live()).searches).toBe(0);
    expectProblem(await stack.http().get(s.href), 404, 'LOG_SEARCH_NOT_FOUND');
  });

  it.each([
    ['an unknown log type', { logType: 'dns', from: FROM, to: TO }],
    ['an empty time range', { logType: 'traffic', from: TO, to: FROM }],
    ['a time that is not RFC 3339', { logType: 'traffic', from: 'yesterday', to: TO }],
    ['a device with a bad vdom suffix', { logType: 'traffic', from: FROM, to: TO, devices: ['FGT[a][b]'] }],
  ])('should refuse %s with 400', async (_what, body) => {
    const res = await stack.http().post(`${base}/searches`).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await stack.control.live()).searches).toBe(0);
  });

  it('should refuse a page larger than the gateway allows and unknown ids; FAZ errors name the FortiAnalyzer', async () => {
    const s = await startSearch({ logType: 'event' });
    expectProblem(await stack.http().get(s.href).query({ limit: 5001 }), 400, 'VALIDATION_FAILED');
    expectProblem(await stack.http().get(`${base}/searches/no-such-search`), 404, 'LOG_SEARCH_NOT_FOUND');
    const bad = expectProblem(
      await stack
        .http()
        .post(`${base}/searches`)
        .send({ logType: 'traffic', from: FROM, to: TO, filter: 'srcip==' }),
      400,
      'FAZ_INVALID_PARAMETER',
    );
    expect(bad.upstream).toMatchObject({ code: -8, product: 'FortiAnalyzer' });

    // An internal error of the FAZ is a FortiAnalyzer error, not "FortiManager internal error".
    await stack.control.fault({
      match: { method: 'add', url: '/logview/adom/root/logsearch' },
      status: { code: -1, message: 'internal error' },
      times: 1,
    });
    const internal = expectProblem(
      await stack.http().post(`${base}/searches`).send({ logType: 'traffic', from: FROM, to: TO }),
      502,
      'FAZ_INTERNAL_ERROR',
    );
    expect(internal.title).toBe('FortiAnalyzer internal error');
    expect(internal.type).toBe('urn:fortirest:problem:faz-internal-error');
    expect(internal.upstream.product).toBe('FortiAnalyzer');
    expect(JSON.stringify(internal)).not.toContain('FortiManager');
  });

  it('should list log fields, stats and files', async () => {
    const fields = await stack.http().get(`${base}/fields/webfilter`).expect(200);
    expect(fields.body.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['url', 'catdesc', 'srcip']),
    );
    expectProblem(await stack.http().get(`${base}/fields/dns`), 400, 'VALIDATION_FAILED');
    const stats = await stack.http().get(`${base}/stats`).expect(200);
    const hq = stats.body.find((s: LogRow) => s.devname === 'FGT-HQ-CLUSTER' && s.vdom === 'root');
    expect(hq.counts.traffic).toBe(
      logsOf(
        'traffic',
        logSources(buildStore(true).adoms.get('root')!).filter(
          (x) => x.devname === 'FGT-HQ-CLUSTER' && x.vd === 'root',
        ),
      ).length,
    );
    const files = await stack
      .http()
      .get(`${base}/files`)
      .query({ devid: 'FGVM04TM24001234', from: '2025-01-05T00:00:00Z', to: TO })
      .expect(200);
    expect(files.body.length).toBeGreaterThan(0);
    expect(files.body[0]).toMatchObject({ devid: 'FGVM04TM24001234', logType: 'traffic' });
  });
});

/** The export as a plain HTTP download (fetch reads any content type as text). */
async function download(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.url}${path}`, {
    headers: { Authorization: `Bearer ${testToken()}`, ...headers },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
