import { LogSearchService } from '../../src/analyzer/logs/log-search.service';
import { logSources, logsOf } from '../../src/emulator/faz/logs';
import { buildStore } from '../../src/emulator/fmg/seed';
import { expectProblem } from '../support/problem';
import { FazStack, startFazStack } from '../support/faz-stack';
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

let stack: FazStack;

describe('FAZ log search (e2e)', () => {
  beforeAll(async () => {
    stack = await startFazStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.control.reset();
    await stack.control.speed({ searchMs: 100 });
  });

  async function startSearch(body: Record<string, unknown>, sub?: string) {
    const res = await stack
      .http(sub)
      .post(`${base}/searches`)
      .send({ from: FROM, to: TO, ...body });
    expect([201, 202]).toContain(res.status);
    return res.body as { id: string; href: string; status: string; total: number };
  }

  async function untilDone(href: string, sub?: string) {
    for (;;) {
      const res = await stack.http(sub).get(href).query({ limit: 1 }).expect(200);
      if (res.body.status === 'done') return res.body as { total: number };
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('should page through more rows than one upstream fetch and release the search after the last page', async () => {
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

    const { total } = await untilDone(created.body.href);
    const oracle = expected('traffic');
    expect(total).toBe(oracle.length);
    expect(total).toBeGreaterThan(2400);

    const { next: before } = await stack.control.calls();
    const big = await stack.http().get(created.body.href).query({ offset: 0, limit: 1200 }).expect(200);
    expect(big.body.items).toHaveLength(1200);
    expect(big.body.items.map((r: LogRow) => r.itime)).toEqual(oracle.slice(0, 1200).map((r) => r.itime));
    expect(big.body.next).toBe(`${created.body.href}?offset=1200&limit=1200`);
    const fetches = (await stack.control.calls(before)).calls.filter(
      (c) => c.method === 'get' && /^logview\/adom\/root\/logsearch\/\d+$/.test(c.url),
    );
    // 1200 rows need three upstream fetches of at most 500.
    expect(fetches).toHaveLength(3);
    // In FortiAnalyzer's analytics envelope (docs/upstream-api.md §9.1), not the classic one.
    expect(fetches.every((c) => c.jsonrpc === '2.0')).toBe(true);

    const rest = await stack.http().get(big.body.next).expect(200);
    const last = await stack.http().get(rest.body.next).expect(200);
    expect(last.body.next).toBeUndefined();
    expect(big.body.items.length + rest.body.items.length + last.body.items.length).toBe(total);
    expect((await stack.control.live()).searches).toBe(0);
    expectProblem(await stack.http().get(created.body.href), 410, 'LOG_SEARCH_CONSUMED');
  });

  it('should stream every row as NDJSON and as CSV, beyond the upstream page size', async () => {
    const allowed = (r: LogRow) => r.action !== 'deny';
    const oracle = expected('traffic', allowed);
    expect(oracle.length).toBeGreaterThan(2000);

    const s1 = await startSearch({ logType: 'traffic', filter: 'action!=deny' });
    const nd = await download(`${s1.href}/export`);
    expect(nd.status).toBe(200);
    expect(nd.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = nd.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogRow);
    expect(lines).toHaveLength(oracle.length);
    expect(lines.every(allowed)).toBe(true);
    expect(lines.map((r) => r.sessionid)).toEqual(oracle.map((r) => r.sessionid));
    expect((await stack.control.live()).searches).toBe(0);

    const s2 = await startSearch({ logType: 'traffic', filter: 'action!=deny' });
    const csv = await download(`${s2.href}/export?fields=itime,srcip,dstip,action`, { Accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="traffic-.*\.csv"/);
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('itime,srcip,dstip,action');
    expect(rows).toHaveLength(oracle.length + 1);
    expect(rows[1]).toBe(`${oracle[0].itime},${oracle[0].srcip},${oracle[0].dstip},${oracle[0].action}`);
    expect((await stack.control.live()).searches).toBe(0);
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
    const page = await stack.http().get(s.href).query({ limit: 5 }).expect(200);
    expect(page.body.total).toBe(
      expected(
        'attack',
        (r) => r.severity === 'critical' && r.devname === 'FGT-HQ-CLUSTER' && r.vd === 'guest',
      ).length,
    );
    expect(page.body.items.every((r: LogRow) => r.vd === 'guest' && r.severity === 'critical')).toBe(true);
    expect((await stack.control.live()).searches).toBe(1);
    await stack.http().delete(s.href).expect(204);
    expect((await stack.control.live()).searches).toBe(0);
    expectProblem(await stack.http().get(s.href), 404, 'LOG_SEARCH_NOT_FOUND');
  });

  it('should answer in one call, or 202 with the search when the deadline passes', async () => {
    const res = await stack
      .http()
      .post(`${base}/query`)
      .send({ logType: 'attack', from: FROM, to: TO, filter: 'severity==high', limit: 10 })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'done',
      total: expected('attack', (r) => r.severity === 'high').length,
    });
    expect(res.body.items).toHaveLength(10);
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

  it('should refuse a page larger than the gateway allows and unknown ids', async () => {
    const s = await startSearch({ logType: 'event' });
    expectProblem(await stack.http().get(s.href).query({ limit: 5001 }), 400, 'VALIDATION_FAILED');
    expectProblem(await stack.http().get(`${base}/searches/no-such-search`), 404, 'LOG_SEARCH_NOT_FOUND');
    expectProblem(
      await stack
        .http()
        .post(`${base}/searches`)
        .send({ logType: 'traffic', from: FROM, to: TO, filter: 'srcip==' }),
      400,
      'FMG_INVALID_PARAMETER',
    );
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
