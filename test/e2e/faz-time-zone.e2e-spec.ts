import { logSources, logsOf } from '../../src/emulator/faz/logs';
import { buildStore } from '../../src/emulator/fmg/seed';
import { FazStack, startFazStack, TID_BEHAVIOURS } from '../support/faz-stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LogRow = Record<string, any>;

const ZONE = 'Europe/Brussels';
const key = (r: LogRow) => `${r.devid}/${r.vd}/${r.itime}/${r.sessionid}/${r.srcip}/${r.dstip}`;

/** Root's traffic as the emulator generates it for logs ending at `until`, within [from, to]. */
function oracle(until: string, from: string, to: string): string[] {
  const clock = { until: Date.parse(until) / 1000, zone: ZONE };
  const lo = Date.parse(from) / 1000;
  const hi = Date.parse(to) / 1000;
  return logsOf('traffic', logSources(buildStore(true).adoms.get('root')!), clock)
    .filter((r) => (r.itime as number) >= lo && (r.itime as number) <= hi)
    .map(key);
}

// With each status form: 7.6 shows `TZ: Europe/Brussels`, 7.2 only `Time Zone: (GMT+1:00) Brussels, …`.
describe.each(TID_BEHAVIOURS)('FAZ time zone with %s (e2e)', (_behaviour, version) => {
  let stack: FazStack;
  beforeAll(async () => {
    stack = await startFazStack({ version, timeZone: ZONE });
    await stack.control.speed({ searchMs: 50 });
  });
  afterAll(() => stack.close());

  /** Runs the one-call query and answers the rows and the `time-range` the emulator received. */
  async function search(until: string, from: string, to: string) {
    await stack.control.clock({ logsUntil: until });
    const { next } = await stack.control.calls();
    const res = await stack
      .http()
      .post('/adoms/root/logs/query')
      .send({ logType: 'traffic', from, to, limit: 5000 })
      .expect(200);
    const add = (await stack.control.calls(next)).calls.find(
      (c) => c.method === 'add' && c.url === 'logview/adom/root/logsearch',
    );
    return { rows: (res.body.items as LogRow[]).map(key), sent: add?.timeRange, total: res.body.total };
  }

  it("should read the appliance's zone from /sys/status and say so in /health/ready", async () => {
    await search('2025-07-20T00:00:00Z', '2025-07-15T10:00:00Z', '2025-07-15T11:00:00Z');
    const ready = await stack.http().get('/health/ready').expect(200);
    expect(ready.body.upstreams[0].appliance).toMatchObject({ timeZone: ZONE, timeZoneFallback: false });
    expect(ready.body.upstreams[0].appliance.timeZoneSource).toMatch(
      version.startsWith('v7.6') ? /^TZ: Europe\/Brussels$/ : /^Time Zone: \(GMT\+1:00\) Brussels/,
    );
  });

  it('should send a July hour at 10:00Z as 12:00-13:00 and return exactly its rows', async () => {
    const r = await search('2025-07-20T00:00:00Z', '2025-07-15T10:00:00Z', '2025-07-15T11:00:00Z');
    expect(r.sent).toEqual({ start: '2025-07-15 12:00:00', end: '2025-07-15 13:00:00' });
    const want = oracle('2025-07-20T00:00:00Z', '2025-07-15T10:00:00Z', '2025-07-15T11:00:00Z');
    expect(want.length).toBeGreaterThan(10);
    expect(r.rows).toEqual(want);
  });

  it('should send a January hour at 10:00Z as 11:00-12:00 and return exactly its rows', async () => {
    const r = await search('2025-01-20T00:00:00Z', '2025-01-15T10:00:00Z', '2025-01-15T11:00:00Z');
    expect(r.sent).toEqual({ start: '2025-01-15 11:00:00', end: '2025-01-15 12:00:00' });
    const want = oracle('2025-01-20T00:00:00Z', '2025-01-15T10:00:00Z', '2025-01-15T11:00:00Z');
    expect(want.length).toBeGreaterThan(10);
    expect(r.rows).toEqual(want);
  });

  it('should keep the window exact across the change to summer time', async () => {
    // 2025-03-30 01:00Z: Brussels goes from 02:00 CET to 03:00 CEST.
    const r = await search('2025-04-02T00:00:00Z', '2025-03-30T00:00:00Z', '2025-03-30T03:00:00Z');
    expect(r.sent).toEqual({ start: '2025-03-30 01:00:00', end: '2025-03-30 05:00:00' });
    expect(r.rows).toEqual(oracle('2025-04-02T00:00:00Z', '2025-03-30T00:00:00Z', '2025-03-30T03:00:00Z'));
  });

  it('should keep the window exact over two days across the change to winter time', async () => {
    // 2025-10-26 01:00Z: Brussels goes from 03:00 CEST back to 02:00 CET.
    const r = await search('2025-10-30T00:00:00Z', '2025-10-25T12:00:00Z', '2025-10-27T12:00:00Z');
    expect(r.sent).toEqual({ start: '2025-10-25 14:00:00', end: '2025-10-27 13:00:00' });
    expect(r.rows).toEqual(oracle('2025-10-30T00:00:00Z', '2025-10-25T12:00:00Z', '2025-10-27T12:00:00Z'));
    expect(r.total).toBe(r.rows.length);
  });
});

describe('FAZ demo data near now (e2e)', () => {
  let stack: FazStack;
  beforeAll(async () => {
    // The demo default: logs, alerts and incidents over the 7 days before start-up.
    stack = await startFazStack({ logsUntil: 'now' });
    await stack.control.speed({ searchMs: 50 });
  });
  afterAll(() => stack.close());

  it("should find rows in a newcomer's search over the last day, and recent alerts", async () => {
    const now = Date.now();
    const res = await stack
      .http()
      .post('/adoms/root/logs/query')
      .send({
        logType: 'traffic',
        from: new Date(now - 86_400_000).toISOString(),
        to: new Date(now).toISOString(),
        limit: 10,
      })
      .expect(200);
    expect(res.body.total).toBeGreaterThan(100);
    expect(Date.parse(res.body.items[0].receivedAt)).toBeGreaterThan(now - 86_400_000);
    const alerts = await stack
      .http()
      .get('/adoms/root/alerts')
      .query({ from: new Date(now - 7 * 86_400_000).toISOString(), to: new Date(now).toISOString() })
      .expect(200);
    expect(alerts.body.total).toBeGreaterThan(0);
    const incidents = await stack.http().get('/adoms/root/incidents').expect(200);
    expect(Date.parse(incidents.body.items[0].createdAt)).toBeGreaterThan(now - 8 * 86_400_000);
  });
});
