import { VIEWS } from '../../src/emulator/faz/fortiview';
import { logSources, logsOf } from '../../src/emulator/faz/logs';
import { buildStore } from '../../src/emulator/fmg/seed';
import { expectProblem } from '../support/problem';
import { FazStack, startFazStack, TID_BEHAVIOURS } from '../support/faz-stack';
import { testToken } from '../support/tokens';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

const FROM = '2024-12-30T09:00:00Z';
const TO = '2025-01-06T09:00:00Z';
let stack: FazStack;
const rootTraffic = () => logsOf('traffic', logSources(buildStore(true).adoms.get('root')!));

/** Top sources by bandwidth straight from the generator, as FortiView groups them (the oracle). */
function topSources(rows: Row[], n: number): string[] {
  const groups = new Map<string, number>();
  for (const r of rows) groups.set(r.srcip, (groups.get(r.srcip) ?? 0) + r.sentbyte + r.rcvdbyte);
  return [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([ip]) => ip);
}

describe.each(TID_BEHAVIOURS)(
  'FAZ FortiView, alerts, incidents and reports with %s (e2e)',
  (behaviour, version) => {
    const singleUse = behaviour === 'single-use tids';
    beforeAll(async () => {
      stack = await startFazStack({ version });
    });
    afterAll(() => stack.close());
    beforeEach(async () => {
      await stack.control.reset();
      await stack.control.speed({ searchMs: 100, reportMs: 300 });
      stack.forget();
    });

    /** Upstream `add` calls (runs started) of a url family since `since`. */
    async function started(since: number, re: RegExp): Promise<number> {
      return (await stack.control.calls(since)).calls.filter((c) => c.method === 'add' && re.test(c.url))
        .length;
    }

    it('should run top sources and return aggregates that match the logs', async () => {
      const res = await stack
        .http()
        .post('/adoms/root/fortiview/top-sources/runs')
        .send({ from: FROM, to: TO, limit: 5 })
        .expect(201);
      expect(res.body).toMatchObject({ view: 'top-sources', status: 'done', percentage: 100 });
      const items = res.body.items as Row[];
      expect(items).toHaveLength(5);
      expect(items.map((r) => r.srcip)).toEqual(topSources(rootTraffic(), 5));
      const bw = items.map((r) => r.bandwidth as number);
      expect(bw).toEqual([...bw].sort((a, b) => b - a));
      const mine = rootTraffic().filter((r) => r.srcip === items[0].srcip);
      expect(items[0].sessions).toBe(mine.length);
      expect(items[0].bandwidth).toBe(
        mine.reduce((n, r) => n + (r.sentbyte as number) + (r.rcvdbyte as number), 0),
      );
      // The upstream run is gone, but the result stays readable at its href (issue #16: no dead links).
      expect((await stack.control.live()).fortiviewRuns).toBe(0);
      expect(res.headers['location']).toBe(res.body.href);
      const again = await stack.http().get(res.body.href).expect(200);
      expect(again.body).toEqual(res.body);
      expect(Object.keys(VIEWS)).toContain('top-threats');
    });

    it('should answer 202 for a slow FortiView run and hand out the result on poll', async () => {
      await stack.control.speed({ searchMs: 1500 });
      const res = await stack
        .http()
        .post('/adoms/root/fortiview/top-applications/runs')
        .send({ from: FROM, to: TO, filter: 'apprisk==critical', deadlineSeconds: 0 })
        .expect(202);
      expect(res.headers['location']).toBe(res.body.href);
      let run: Row = res.body;
      while (run.status === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        run = (await stack.http().get(res.body.href).expect(200)).body;
      }
      expect(run.items.map((r: Row) => r.app)).toEqual(['BitTorrent']);
      // Readable again (kept by the gateway for 10 minutes); a run that never existed is a 404.
      expect((await stack.http().get(res.body.href).expect(200)).body).toEqual(run);
      expect((await stack.control.live()).fortiviewRuns).toBe(0);
      expectProblem(
        await stack.http().get('/adoms/root/fortiview/top-applications/runs/4242'),
        404,
        'FORTIVIEW_RUN_NOT_FOUND',
      );
      expectProblem(
        await stack.http().post('/adoms/root/fortiview/top-nothing/runs').send({ from: FROM, to: TO }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('should run a FortiView view again when the appliance reaped the run before it was read', async () => {
      await stack.control.speed({ searchMs: 400 });
      const { next: since } = await stack.control.calls();
      const res = await stack
        .http()
        .post('/adoms/root/fortiview/top-sources/runs')
        .send({ from: FROM, to: TO, limit: 10, deadlineSeconds: 0 })
        .expect(202);
      expect((await stack.control.reap()).fortiviewRuns).toBe(1);
      let run: Row = (await stack.http().get(res.body.href).expect(200)).body;
      // The id the client holds stays the same: the run issued again answers under it.
      expect(run.id).toBe(res.body.id);
      while (run.status === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        run = (await stack.http().get(res.body.href).expect(200)).body;
      }
      expect(run.items.map((r: Row) => r.srcip)).toEqual(topSources(rootTraffic(), 10));
      expect(await started(since, /^fortiview\/adom\/root\/top-sources\/run$/)).toBe(2);
      expect((await stack.control.live()).fortiviewRuns).toBe(0);
      expect((await stack.http().get(res.body.href).expect(200)).body).toEqual(run);
    });

    it('should download a report again, and after the appliance reaped it', async () => {
      const run = await stack.http().post('/adoms/root/reports/runs').send({ layoutId: 1 }).expect(202);
      let status: Row = run.body;
      while (status.status !== 'done') {
        await new Promise((r) => setTimeout(r, 100));
        status = (await stack.http().get(run.body.href).expect(200)).body;
      }
      const { next: since } = await stack.control.calls();
      const line = `Traffic sessions: ${rootTraffic().length}`;
      const get = async (path: string) =>
        (
          await fetch(`${stack.url}${path}`, { headers: { Authorization: `Bearer ${testToken()}` } }).then(
            async (r) => {
              expect(r.status).toBe(200);
              return Buffer.from(await r.arrayBuffer()).toString('latin1');
            },
          )
        ).includes(line);
      expect(await get(status.downloads.pdf)).toBe(true);
      // Single-use builds handed the output out once ([U] emulator's guess): the second download runs it again.
      expect(await get(status.downloads.html)).toBe(true);
      expect(await started(since, /^report\/adom\/root\/run$/)).toBe(singleUse ? 1 : 0);
      await stack.control.reap();
      const again = await stack.http().get(run.body.href).expect(200);
      expect(again.body).toMatchObject({ id: run.body.id, status: 'done' });
      expect(await get(status.downloads.pdf)).toBe(true);
      // An id the gateway never issued has nothing to run again: 404 on both behaviours (-3 or -1 upstream).
      const unknown = '/adoms/root/reports/runs/7b1d3c1e-5a0e-4c55-9f3c-3c2b8f3f5a10';
      expectProblem(await stack.http().get(unknown), 404, 'REPORT_RUN_NOT_FOUND');
      expectProblem(await stack.http().get(`${unknown}/download`), 404, 'REPORT_RUN_NOT_FOUND');
    });

    // One rule for devices wherever FAZ takes them: the log search's (name, optionally [vdom]).
    it.each([
      ['a FortiView run', '/adoms/root/fortiview/top-sources/runs', { from: FROM, to: TO }],
      ['a report run', '/adoms/root/reports/runs', { layoutId: 1 }],
      ['a log search', '/adoms/root/logs/searches', { logType: 'traffic', from: FROM, to: TO }],
    ])(
      'should refuse a device that is not a name with an optional [vdom] in %s',
      async (_what, path, body) => {
        for (const devices of [
          ['FGT[root'],
          ['FGT]x'],
          ['FGT[root][x]'],
          ['line\nbreak'],
          ['x'.repeat(65)],
        ]) {
          const res = await stack
            .http()
            .post(path)
            .send({ ...body, devices });
          expect(expectProblem(res, 400, 'VALIDATION_FAILED').detail).toContain('[vdom]');
        }
      },
    );

    it('should list alerts with a total, filter them and acknowledge one', async () => {
      const list = await stack.http().get('/adoms/root/alerts').query({ limit: 10 }).expect(200);
      expect(list.body.items).toHaveLength(10);
      expect(list.body.total).toBeGreaterThan(10);
      const times = list.body.items.map((a: Row) => a.time as string);
      expect(times).toEqual([...times].sort().reverse());
      expect(list.body.items[0]).toMatchObject({
        acknowledged: false,
        device: expect.any(String),
        severity: expect.any(String),
      });

      const critical = await stack
        .http()
        .get('/adoms/root/alerts')
        .query({ severity: 'critical', limit: 2000 })
        .expect(200);
      expect(critical.body.items.length).toBe(critical.body.total);
      expect(critical.body.items.every((a: Row) => a.severity === 'critical')).toBe(true);

      const id = list.body.items[0].id as string;
      const acked = await stack
        .http()
        .patch(`/adoms/root/alerts/${id}`)
        .send({ acknowledged: true })
        .expect(200);
      expect(acked.body).toMatchObject({ id, acknowledged: true, acknowledgedBy: 'e2e-client' });
      const open = await stack
        .http()
        .get('/adoms/root/alerts')
        .query({ acknowledged: 'false', limit: 1 })
        .expect(200);
      expect(open.body.total).toBe(list.body.total - 1);
      expectProblem(await stack.http().get('/adoms/root/alerts/999'), 404, 'ALERT_NOT_FOUND');
      const reader = `Bearer ${testToken({ scope: 'read' })}`;
      const refused = await stack
        .http()
        .patch(`/adoms/root/alerts/${id}`)
        .set('Authorization', reader)
        .send({ acknowledged: false });
      expectProblem(refused, 403, 'INSUFFICIENT_SCOPE');
    });

    it('should list and update incidents', async () => {
      const list = await stack.http().get('/adoms/root/incidents').expect(200);
      expect(list.body.total).toBe(list.body.items.length);
      const inc = list.body.items.find((i: Row) => i.status !== 'closed') as Row;
      const updated = await stack
        .http()
        .patch(`/adoms/root/incidents/${inc.id}`)
        .send({ status: 'closed', assignedTo: 'soc-lead' })
        .expect(200);
      expect(updated.body).toMatchObject({ id: inc.id, status: 'closed', assignedTo: 'soc-lead' });
      const closed = await stack
        .http()
        .get('/adoms/root/incidents')
        .query({ status: 'closed', limit: 100 })
        .expect(200);
      expect(closed.body.items.map((i: Row) => i.id)).toContain(inc.id);
      expectProblem(
        await stack.http().patch(`/adoms/root/incidents/${inc.id}`).send({ status: 'done' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('should run a report as a task and download it as PDF and HTML', async () => {
      const layouts = await stack.http().get('/adoms/root/reports/layouts').expect(200);
      const threat = layouts.body.find((l: Row) => l.title === 'Threat Report');
      const run = await stack
        .http()
        .post('/adoms/root/reports/runs')
        .send({ layoutId: threat.id })
        .expect(202);
      expect(run.headers['location']).toBe(run.body.href);
      expectProblem(await stack.http().get(`${run.body.href}/download`), 409, 'REPORT_NOT_READY');
      let status: Row = run.body;
      while (status.status !== 'done') {
        await new Promise((r) => setTimeout(r, 100));
        status = (await stack.http().get(run.body.href).expect(200)).body;
      }
      expect(status.downloads.pdf).toBe(`${run.body.href}/download?format=pdf`);

      const pdf = await fetch(`${stack.url}${status.downloads.pdf}`, {
        headers: { Authorization: `Bearer ${testToken()}` },
      });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toMatch(
        /^attachment; filename="Threat_Report-.*\.pdf"$/,
      );
      const bytes = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
      expect(bytes.startsWith('%PDF-1.4')).toBe(true);
      expect(bytes).toContain(`Traffic sessions: ${rootTraffic().length}`);

      const html = await fetch(`${stack.url}${status.downloads.html}`, {
        headers: { Authorization: `Bearer ${testToken()}` },
      });
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await html.text()).toContain('<h1>Threat Report</h1>');
      expectProblem(
        await stack.http().post('/adoms/root/reports/runs').send({ layoutId: 99 }),
        404,
        'FAZ_OBJECT_NOT_FOUND',
      );
    });
  },
);
