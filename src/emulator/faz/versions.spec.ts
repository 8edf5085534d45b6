import { fromWallClock, wallClock, zoneDisplay } from '../core/clock';
import { logSources, logsOf } from './logs';
import { SEED_TIME } from '../core/store';
import { buildStore } from '../fmg/seed';
import { useSeededEmulator } from '../../../test/support/emulator-testing';

const WEEK = { start: '2024-12-30 10:00:00', end: '2025-01-06 10:00:00' };

describe('FAZ emulator clock', () => {
  it('turns wall clocks of a zone into instants and back, DST included', () => {
    expect(wallClock(Date.parse('2025-07-15T10:00:00Z'), 'Europe/Brussels')).toBe('2025-07-15 12:00:00');
    expect(wallClock(Date.parse('2025-01-15T10:00:00Z'), 'Europe/Brussels')).toBe('2025-01-15 11:00:00');
    expect(fromWallClock([2025, 7, 15, 12, 0, 0], 'Europe/Brussels')).toBe(
      Date.parse('2025-07-15T10:00:00Z'),
    );
    // The repeated hour when DST ends is read as its first occurrence; the skipped one an hour later.
    expect(fromWallClock([2025, 10, 26, 2, 30, 0], 'Europe/Brussels')).toBe(
      Date.parse('2025-10-26T00:30:00Z'),
    );
    expect(fromWallClock([2025, 3, 30, 2, 30, 0], 'Europe/Brussels')).toBe(
      Date.parse('2025-03-30T01:30:00Z'),
    );
    expect(zoneDisplay('Europe/Brussels')).toBe('(GMT+1:00) Brussels, Copenhagen, Madrid, Paris');
  });
});

describe('FAZ emulator 7.6: single-use tids, Europe/Brussels', () => {
  const c = useSeededEmulator({ product: 'fortianalyzer', logsUntil: SEED_TIME });
  const SEARCH = '/logview/adom/root/logsearch';
  /** Starts a log search of `logtype` over `range` (the seeded week); answers its tid. */
  const startSearch = async (logtype: string, range: object = WEEK): Promise<number> =>
    (await c.one('add', SEARCH, { apiver: 3, logtype, 'time-range': range })).data.tid as number;
  /** One fetch of a page of search `tid`. */
  const fetchPage = (tid: number, page: { offset?: number; limit: number }) =>
    c.one('get', `${SEARCH}/${tid}`, { apiver: 3, ...page });

  it('shows its zone in sys/status as TZ and Time Zone', async () => {
    const r = await c.one('get', '/sys/status');
    expect(r.data).toMatchObject({
      TZ: 'Europe/Brussels',
      'Time Zone': '(GMT+1:00) Brussels, Copenhagen, Madrid, Paris',
    });
  });

  it('answers one fetch per tid, then "Invalid tid N for fetching result." (-1); count does not spend it', async () => {
    await c.control('POST', 'faz/speed', { searchMs: 0 });
    const tid = await startSearch('attack');
    const count = await c.one('get', `${SEARCH}/count/${tid}`, { apiver: 3 });
    expect(count.data.percentage).toBe(100);
    const first = await fetchPage(tid, { offset: 5, limit: 10 });
    expect(first.data.data).toHaveLength(10);
    const again = await fetchPage(tid, { offset: 15, limit: 10 });
    expect(again.status).toEqual({ code: -1, message: `Invalid tid ${tid} for fetching result.` });
  });

  it('reaps a search fetched while still running (field report)', async () => {
    await c.control('POST', 'faz/speed', { searchMs: 5000 });
    const tid = await startSearch('event');
    const early = await fetchPage(tid, { limit: 10 });
    expect(early.data.percentage).toBeLessThan(100);
    const later = await fetchPage(tid, { limit: 10 });
    expect(later.status.code).toBe(-1);
  });

  it('reads time-range bounds in its own zone', async () => {
    await c.control('POST', 'faz/speed', { searchMs: 0 });
    const tid = await startSearch('traffic', { start: '2025-01-05 11:00:00', end: '2025-01-05 12:00:00' });
    const got = await fetchPage(tid, { limit: 1000 });
    const lo = Date.parse('2025-01-05T10:00:00Z') / 1000;
    const want = logsOf('traffic', logSources(buildStore(true).adoms.get('root')!)).filter(
      (r) => (r.itime as number) >= lo && (r.itime as number) <= lo + 3600,
    );
    expect((got.data.data as { itime: number }[]).map((r) => r.itime)).toEqual(want.map((r) => r.itime));
    expect(got.data.data[0]).toMatchObject({ tz: '+0100' });
  });

  it('drops every live task on reap and moves its log window on request', async () => {
    await startSearch('event');
    expect(await c.control('POST', 'faz/reap')).toMatchObject({ searches: 1 });
    expect((await c.controlReply('POST', 'faz/clock', { timeZone: 'Mars/Olympus' })).status).toBe(400);
    const report = await c.control('GET', 'faz');
    expect(report).toMatchObject({ tids: 'single-use', timeZone: 'Europe/Brussels', searches: 0 });
  });
});
