/**
 * Per-store FortiAnalyzer state (log search tasks, FortiView runs, report runs, alert and incident
 * changes) and the parameter parsing the analytics handlers share. The state hangs off the Store, so
 * an emulator reset (which builds a new Store) starts from a clean slate without touching core.ts.
 */
import type { Ctx } from '../core/context';
import { FilterError, type Row } from '../core/filter';
import { fromWallClock } from '../core/clock';
import { compileFazFilter } from './filter';
import { LOG_TYPES, logSources, logsOf, type LogClock, type LogSource, type LogType } from './logs';
import { tidBehaviour } from '../core/product';
import type { RowSource } from './synthetic';
import { E, fail } from '../core/status';
import type { AdomState, Store } from '../core/store';
import { isObj } from '../core/util';

/** Default time a log search or FortiView run takes to reach 100 %. */
export const DEFAULT_SEARCH_MS = 300;
/** Upper bound of `limit` per logsearch fetch. [U] FAZ-MCP caps fetches at 500 and starts at 1000. */
export const LOGSEARCH_MAX_LIMIT = 1000;

export interface SearchTask {
  tid: number;
  adom: string;
  logtype: LogType;
  rows: RowSource;
  started: number;
}

export interface ViewRun {
  tid: number;
  adom: string;
  view: string;
  rows: Row[];
  started: number;
}

export interface ReportRun {
  tid: string;
  adom: string;
  layoutId: number;
  title: string;
  start: number;
  end: number;
  started: number;
  devices: string[];
}

export class FazState {
  searchMs = DEFAULT_SEARCH_MS;
  reportMs = DEFAULT_SEARCH_MS * 2;
  private nextTid = 512_753_674;
  readonly searches = new Map<number, SearchTask>();
  /** ADOMs given a sized synthetic log data set (synthetic.ts): rows per search, any log type. */
  readonly syntheticLogs = new Map<string, number>();
  readonly views = new Map<number, ViewRun>();
  readonly reports = new Map<string, ReportRun>();
  /** Alert acknowledgement by ADOM, then alertid. */
  readonly acks = new Map<string, Map<string, { ackflag: string; by: string; at: number }>>();
  /** Incident edits by ADOM, then incid. */
  readonly incidentEdits = new Map<string, Map<string, Row>>();

  tid(): number {
    return this.nextTid++;
  }

  /** Progress of a task started at `started`: grows with time to 100 over `ms`. */
  percentage(started: number, ms = this.searchMs): number {
    if (ms <= 0) return 100;
    return Math.min(100, Math.floor(((Date.now() - started) / ms) * 100));
  }
}

const states = new WeakMap<Store, FazState>();

export function fazState(store: Store): FazState {
  let s = states.get(store);
  if (!s) {
    s = new FazState();
    states.set(store, s);
  }
  return s;
}

export function adomOf(store: Store, name: string | undefined): AdomState {
  const adom = name === undefined ? undefined : store.adoms.get(name);
  return adom ?? fail(E.INVALID_URL);
}

export function logType(v: unknown): LogType {
  if (typeof v === 'string' && (LOG_TYPES as readonly string[]).includes(v)) return v as LogType;
  return fail(E.INVALID_PARAM, `invalid logtype ${String(v)}`);
}

/**
 * `yyyy-MM-dd HH:mm:ss` or `yyyy-MM-ddTHH:mm:ss`: wall-clock time in the appliance's zone (field report:
 * FAZ reads naive bounds in its own system time zone, rstierli/fortianalyzer-mcp utils/time_range.py).
 * An explicit `Z` or offset is honoured as given.
 */
function parseTime(v: unknown, what: string, zone: string): number {
  const m =
    typeof v === 'string'
      ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(v)
      : null;
  let t = NaN;
  if (m && m[7]) t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7]}`);
  else if (m) {
    const f = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    t = f[1] >= 1 && f[1] <= 12 && f[2] >= 1 && f[2] <= 31 && f[3] < 24 ? fromWallClock(f, zone) : NaN;
  }
  if (!Number.isFinite(t)) fail(E.INVALID_PARAM, `invalid time-range ${what}`);
  return Math.floor(t / 1000);
}

/** `time-range: {start, end}` as epoch seconds, read in `zone`; absent means "any time" when `optional`. */
export function timeRange(v: unknown, zone: string, optional = false): [number, number] {
  if (v === undefined && optional) return [0, Number.MAX_SAFE_INTEGER];
  if (!isObj(v)) return fail(E.INVALID_PARAM, 'time-range is required');
  const start = parseTime(v.start, 'start', zone);
  const end = parseTime(v.end, 'end', zone);
  if (start > end) fail(E.INVALID_PARAM, 'time-range start is after its end');
  return [start, end];
}

const ALL_DEVICES = new Set(['All_FortiGate', 'All_Device', 'All_Devices']);

/**
 * `device: [{devid: "All_FortiGate" | "FG100F...[vdom]"} | {devname: "FGT-x[vdom]"}]`; absent = all.
 * [U] An unknown device is refused with -8 (a real FAZ may simply find nothing).
 */
export function selectSources(adom: AdomState, v: unknown): LogSource[] {
  const all = logSources(adom);
  if (v === undefined) return all;
  if (!Array.isArray(v) || v.length === 0) return fail(E.INVALID_PARAM, 'device must be a list');
  const out = new Set<LogSource>();
  for (const d of v) {
    if (!isObj(d)) fail(E.INVALID_PARAM, 'invalid device');
    const raw = typeof d.devid === 'string' ? d.devid : typeof d.devname === 'string' ? d.devname : '';
    if (ALL_DEVICES.has(raw)) return all;
    const m = /^([^[\]]+)(?:\[([^\]]+)\])?$/.exec(raw);
    const key = typeof d.devid === 'string' ? 'devid' : 'devname';
    const hits = m ? all.filter((s) => s[key] === m[1] && (m[2] === undefined || s.vd === m[2])) : [];
    if (hits.length === 0) fail(E.INVALID_PARAM, `invalid device ${raw}`);
    hits.forEach((h) => out.add(h));
  }
  return [...out];
}

export function rowFilter(filter: unknown, caseSensitive: unknown): (row: Row) => boolean {
  try {
    return compileFazFilter(filter, caseSensitive === true);
  } catch (e) {
    if (e instanceof FilterError) return fail(E.INVALID_PARAM, `invalid filter: ${e.message}`);
    throw e;
  }
}

/** `limit`/`offset` of a fetch; `limit` defaults to `def` and may not exceed `max`. */
export function window(p: Row, def: number, max: number): { offset: number; limit: number } {
  const limit = p.limit === undefined ? def : Number(p.limit);
  const offset = p.offset === undefined ? 0 : Number(p.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    fail(E.INVALID_PARAM, `limit must be from 1 to ${max}`);
  }
  if (!Number.isInteger(offset) || offset < 0) fail(E.INVALID_PARAM, 'invalid offset');
  return { offset, limit };
}

/** The emulated appliance's log clock (demo window end, system zone). */
export function clockOf(ctx: Ctx): LogClock {
  return { until: ctx.product.logsUntil, zone: ctx.product.timeZone };
}

/** Whether this firmware reaps a task id after the fetch that handed its result out. */
export function singleUseTids(ctx: Ctx): boolean {
  return tidBehaviour(ctx.product.version) === 'single-use';
}

/**
 * The error a fetch on a reaped or unknown tid gets. On single-use builds: code -1, "Invalid tid N for
 * fetching result." (field report: rstierli/fortianalyzer-mcp tests/test_log_pagination.py, lab FAZ 7.6.x).
 * [U] Older builds: -3 "invalid tid N" (the emulator's earlier guess; FAZ-MCP matches "invalid tid").
 */
export function invalidTid(ctx: Ctx, tid: string): never {
  if (singleUseTids(ctx)) return fail(-1, `Invalid tid ${tid} for fetching result.`);
  return fail(E.NOT_FOUND, `invalid tid ${tid}`);
}

/**
 * The generated logs of `types` a search or view reads: from the request's `device`s, within its
 * `time-range` and matching its `filter`.
 */
export function logsInRange(ctx: Ctx, adom: AdomState, types: readonly LogType[]): Row[] {
  const p = ctx.p;
  const clock = clockOf(ctx);
  const [start, end] = timeRange(p['time-range'], clock.zone);
  const sources = selectSources(adom, p.device);
  const match = rowFilter(p.filter, p['case-sensitive']);
  return types.flatMap((type) =>
    logsOf(type, sources, clock).filter((r) => {
      const t = r.itime as number;
      return t >= start && t <= end && match(r);
    }),
  );
}
