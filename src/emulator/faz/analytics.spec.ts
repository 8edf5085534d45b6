import { compileFazFilter } from './filter';
import { logsOf, logSources } from './logs';
import { SEED_TIME } from '../core/store';
import { buildStore } from '../fmg/seed';
import { useSeededEmulator } from '../../../test/support/emulator-testing';

// A FAZ before 7.4 (reusable tids) on UTC with the fixed demo clock; faz-versions.spec.ts covers 7.4+.
const c = useSeededEmulator({
  product: 'fortianalyzer',
  version: 'v7.2.10-build1706 241218 (GA)',
  timeZone: 'UTC',
  logsUntil: SEED_TIME,
});

const WEEK = { start: '2024-12-30 09:00:00', end: '2025-01-06 09:00:00' };

/** Polls an analytics task until it reports 100 % (the emulator runs searches for ~searchMs). */
async function untilDone(url: string, extra: Record<string, unknown> = {}) {
  for (;;) {
    const r = await c.one('get', url, { apiver: 3, ...extra });
    if (r.status.code !== 0 || r.data.percentage === 100) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('FAZ emulator: generated logs', () => {
  it('is deterministic and large enough to page', () => {
    const a = logSources(buildStore(true).adoms.get('root')!);
    const b = logSources(buildStore(true).adoms.get('root')!);
    const x = logsOf('traffic', a);
    expect(x.length).toBeGreaterThan(2000);
    expect(logsOf('traffic', b)).toEqual(x);
    expect(x[0]).toMatchObject({ type: 'traffic', subtype: 'forward', devname: expect.any(String) });
    expect(Object.keys(x[0])).toEqual(
      expect.arrayContaining(['srcip', 'dstip', 'sentbyte', 'action', 'policyid']),
    );
  });

  it('parses FAZ filter strings', () => {
    const row = { srcip: '10.1.2.3', action: 'deny', msg: 'Health Check SLA status ok', n: 5 };
    expect(compileFazFilter('srcip==10.1.2.* and action==deny')(row)).toBe(true);
    expect(compileFazFilter("msg = 'health check*'")(row)).toBe(true);
    expect(compileFazFilter("msg = 'health check*'", true)(row)).toBe(false);
    expect(compileFazFilter('(action==accept or n>=5) and not srcip==8.8.8.8')(row)).toBe(true);
    expect(() => compileFazFilter('srcip==')).toThrow();
    expect(() => compileFazFilter('(action==deny')).toThrow();
  });
});

describe('FAZ emulator: logsearch', () => {
  it('starts a search, reports progress, caps the page and deletes the task', async () => {
    await c.control('POST', 'faz/speed', { searchMs: 200 });
    const add = await c.one('add', '/logview/adom/root/logsearch', {
      apiver: 3,
      logtype: 'traffic',
      device: [{ devid: 'All_FortiGate' }],
      'time-range': WEEK,
      filter: 'action!=deny',
    });
    expect(add.status.code).toBe(0);
    const tid = add.data.tid as number;
    const early = await c.one('get', `/logview/adom/root/logsearch/${tid}`, { apiver: 3, limit: 10 });
    expect(early.data.percentage).toBeLessThan(100);
    expect(early.data.data).toEqual([]);
    const done = await untilDone(`/logview/adom/root/logsearch/${tid}`, { limit: 1000, offset: 0 });
    expect(done.data['return-lines']).toBe(1000);
    expect(done.data['total-count']).toBeGreaterThan(1000);
    expect(done.data.data.every((r: { action: string }) => r.action !== 'deny')).toBe(true);
    const tooBig = await c.one('get', `/logview/adom/root/logsearch/${tid}`, { apiver: 3, limit: 1001 });
    expect(tooBig.status.code).toBe(-8);
    expect((await c.one('delete', `/logview/adom/root/logsearch/${tid}`)).status.code).toBe(0);
    expect((await c.one('get', `/logview/adom/root/logsearch/${tid}`, { limit: 1 })).status.code).toBe(-3);
  });

  it.each([
    [{ logtype: 'nope', 'time-range': WEEK }, -8],
    [{ logtype: 'traffic', 'time-range': { start: 'yesterday', end: WEEK.end } }, -8],
    [{ logtype: 'traffic', 'time-range': { start: WEEK.end, end: WEEK.start } }, -8],
    [{ logtype: 'traffic', 'time-range': WEEK, filter: 'srcip==' }, -8],
    [{ logtype: 'traffic', 'time-range': WEEK, device: [{ devname: 'FGT-NOPE' }] }, -8],
  ])('refuses bad search parameters %j', async (params, code) => {
    expect((await c.one('add', '/logview/adom/root/logsearch', { apiver: 3, ...params })).status.code).toBe(
      code,
    );
  });

  it('answers the jsonrpc 2.0 dialect with an object result or a top-level error', async () => {
    /** One request in the JSON-RPC 2.0 dialect, its answer parsed. */
    const rpc2 = async (id: string, method: string, params: object) =>
      JSON.parse((await c.post({ id, jsonrpc: '2.0', method, session: c.session, params: [params] })).text);
    const ok = await rpc2('a', 'add', {
      url: '/logview/adom/root/logsearch',
      apiver: 3,
      logtype: 'event',
      'time-range': WEEK,
    });
    expect(ok).toEqual({ jsonrpc: '2.0', id: 'a', result: { tid: expect.any(Number) } });
    const bad = await rpc2('b', 'get', { url: '/logview/adom/root/logsearch/1', apiver: 3 });
    expect(bad).toEqual({ jsonrpc: '2.0', id: 'b', error: { code: -3, message: 'invalid tid 1' } });
  });

  it('lists log fields, stats and files', async () => {
    const fields = await c.one('get', '/logview/adom/root/logfields', { apiver: 3, logtype: 'attack' });
    expect(fields.data.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['attack', 'severity']),
    );
    const stats = await c.one('get', '/logview/adom/root/logstats', { apiver: 3 });
    expect(stats.data[0].counts.traffic).toBeGreaterThan(0);
    const files = await c.one('get', '/logview/adom/root/logfiles/state', {
      apiver: 3,
      devid: 'FGVM04TM24001234',
    });
    expect(files.data).toHaveLength(7);
  });
});

describe('FAZ emulator: fortiview, alerts, incidents, reports', () => {
  it('aggregates top sources from the traffic logs', async () => {
    await c.control('POST', 'faz/speed', { searchMs: 0 });
    const add = await c.one('add', '/fortiview/adom/root/top-sources/run', {
      apiver: 3,
      'time-range': WEEK,
      limit: 5,
    });
    const run = await untilDone(`/fortiview/adom/root/top-sources/run/${add.data.tid}`);
    const rows = run.data.data as { srcip: string; bandwidth: number; sessions: number }[];
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.bandwidth)).toEqual([...rows.map((r) => r.bandwidth)].sort((a, b) => b - a));
    const traffic = logsOf('traffic', logSources(buildStore(true).adoms.get('root')!));
    expect(rows[0].sessions).toBe(traffic.filter((r) => r.srcip === rows[0].srcip).length);
    // The tid is bound to its view.
    expect((await c.one('get', `/fortiview/adom/root/top-threats/run/${add.data.tid}`)).status.code).toBe(-3);
  });

  it('lists, counts and acknowledges alerts', async () => {
    const all = await c.one('get', '/eventmgmt/adom/root/alerts', { apiver: 3, limit: 2000 });
    const count = await c.one('get', '/eventmgmt/adom/root/alerts/count', { apiver: 3 });
    expect(all.data.data.length).toBe(count.data.count);
    const id = all.data.data[0].alertid as string;
    expect(
      (await c.one('update', '/eventmgmt/adom/root/alerts/ack', { apiver: 3, alertid: [id] })).status.code,
    ).toBe(0);
    const acked = await c.one('get', '/eventmgmt/adom/root/alerts', { apiver: 3, filter: `alertid==${id}` });
    expect(acked.data.data[0]).toMatchObject({ ackflag: 'yes', 'update-by': 'admin' });
    const open = await c.one('get', '/eventmgmt/adom/root/alerts/count', {
      apiver: 3,
      filter: 'ackflag != yes',
    });
    expect(open.data.count).toBe(count.data.count - 1);
  });

  it('updates an incident', async () => {
    const list = await c.one('get', '/incidentmgmt/adom/root/incidents', { apiver: 3 });
    const incid = list.data.data[0].incid as string;
    const up = await c.one('update', `/incidentmgmt/adom/root/incident/${incid}`, {
      apiver: 3,
      status: 'closed',
    });
    expect(up.status.code).toBe(0);
    const again = await c.one('get', '/incidentmgmt/adom/root/incidents', { apiver: 3, incids: [incid] });
    expect(again.data.data[0].status).toBe('closed');
    expect(
      (await c.one('update', `/incidentmgmt/adom/root/incident/${incid}`, { status: 'x' })).status.code,
    ).toBe(-10);
  });

  it('runs a report and returns a base64 PDF', async () => {
    await c.control('POST', 'faz/speed', { reportMs: 0 });
    const run = await c.one('add', '/report/adom/root/run', { apiver: 3, schedule: '1' });
    const tid = run.data.tid as string;
    expect(tid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await c.one('get', `/report/adom/root/run/${tid}`)).data.state).toBe('generated');
    const out = await c.one('get', `/report/adom/root/reports/data/${tid}`, { apiver: 3, format: 'PDF' });
    const pdf = Buffer.from(out.data.data as string, 'base64').toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('Threat Report');
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
