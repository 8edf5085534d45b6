/**
 * `logview/adom/{adom}/...` (docs/upstream-api.md §9.2): logsearch tasks that progress over time and are read in
 * capped pages, plus logfields, logstats and logfiles/state. Parameters are flat in params[0].
 */
import type { Ctx } from '../core/context';
import { LOG_TYPES, logFields, logsOf, logStart } from './logs';
import {
  adomOf,
  clockOf,
  fazState,
  invalidTid,
  LOGSEARCH_MAX_LIMIT,
  logsInRange,
  logType,
  rowFilter,
  selectSources,
  singleUseTids,
  timeRange,
  window,
} from './state';
import { SyntheticLogs, type RowSource } from './synthetic';
import { E, fail } from '../core/status';
import { str } from '../core/util';

export function logviewHandler(ctx: Ctx): unknown {
  const [, adomSeg, adomName, family, ...rest] = ctx.segs;
  if (adomSeg !== 'adom') fail(E.INVALID_URL);
  const adom = adomOf(ctx.store, adomName);
  switch (family) {
    case 'logsearch':
      return logsearch(ctx, adomName, rest);
    case 'logfields':
      if (ctx.method !== 'get' || rest.length) fail(E.INVALID_CMD);
      return logFields(logType(ctx.p.logtype));
    case 'logstats': {
      if (ctx.method !== 'get' || rest.length) fail(E.INVALID_CMD);
      // [U] shape: one entry per device VDOM with counts per log type over the stored period.
      const clock = clockOf(ctx);
      return selectSources(adom, ctx.p.device).map((src) => ({
        devid: src.devid,
        devname: src.devname,
        vdom: src.vd,
        'first-log': logStart(clock),
        'last-log': clock.until,
        counts: Object.fromEntries(LOG_TYPES.map((t) => [t, logsOf(t, [src], clock).length])),
      }));
    }
    case 'logfiles':
      if (ctx.method !== 'get' || rest.join('/') !== 'state') fail(E.INVALID_URL);
      return logfiles(ctx, adom);
    default:
      return fail(E.INVALID_URL);
  }
}

function logsearch(ctx: Ctx, adom: string, rest: string[]): unknown {
  const state = fazState(ctx.store);
  const p = ctx.p;
  if (rest.length === 0) {
    if (ctx.method !== 'add') fail(E.INVALID_CMD);
    const type = logType(p.logtype);
    const order = p['time-order'] ?? 'desc';
    if (order !== 'desc' && order !== 'asc') fail(E.INVALID_PARAM, 'invalid time-order');
    const adomState = adomOf(ctx.store, adom);
    const sized = state.syntheticLogs.get(adom);
    const sources = sized === undefined ? [] : selectSources(adomState, p.device);
    let rows: RowSource;
    if (sized !== undefined && sources.length > 0) {
      const clock = clockOf(ctx);
      const range = timeRange(p['time-range'], clock.zone);
      rows = new SyntheticLogs(sized, type, sources, clock, range, order === 'asc');
      // A filter on the synthetic set is applied by generating every row once (slow, but exact).
      if (typeof p.filter === 'string' && p.filter.trim() !== '') {
        rows = rows.slice(0, rows.length).filter(rowFilter(p.filter, p['case-sensitive']));
      }
    } else {
      const list = logsInRange(ctx, adomState, [type]);
      if (order === 'asc') list.reverse();
      rows = list;
    }
    const tid = state.tid();
    state.searches.set(tid, { tid, adom, logtype: type, rows, started: Date.now() });
    return { tid };
  }
  // logsearch/count/{tid} (FAZ 7.0.1+) and logsearch/{tid}
  const isCount = rest[0] === 'count';
  const tidSeg = isCount ? rest[1] : rest[0];
  if (rest.length !== (isCount ? 2 : 1)) fail(E.INVALID_URL);
  const task = state.searches.get(Number(tidSeg));
  if (!task || task.adom !== adom) return invalidTid(ctx, tidSeg);
  if (ctx.method === 'delete' && !isCount) {
    state.searches.delete(task.tid);
    return undefined;
  }
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  const percentage = state.percentage(task.started);
  // While running, the count grows with the progress and no rows are handed out yet.
  const total = percentage < 100 ? Math.floor((task.rows.length * percentage) / 100) : task.rows.length;
  if (isCount) return { tid: task.tid, percentage, 'total-count': total };
  const { offset, limit } = window(p, 100, LOGSEARCH_MAX_LIMIT);
  const data = percentage < 100 ? [] : task.rows.slice(offset, offset + limit);
  // 7.4+: the first fetch hands out its window and the appliance reaps the task, even one still running
  // (field report, see invalidTid). [U] count/{tid} does not reap it (the emulator's guess).
  if (singleUseTids(ctx)) state.searches.delete(task.tid);
  return { tid: task.tid, percentage, 'total-count': total, 'return-lines': data.length, data };
}

/** [U] shape: one log file per device VDOM and day, newest first (`tlog.<epoch>.log` style names). */
function logfiles(ctx: Ctx, adom: ReturnType<typeof adomOf>): unknown {
  const clock = clockOf(ctx);
  // [U] An explicit `timezone` parameter (the gateway sends UTC) overrides the appliance's zone.
  const zone = typeof ctx.p.timezone === 'string' ? ctx.p.timezone : clock.zone;
  let start: number;
  let end: number;
  try {
    [start, end] = timeRange(ctx.p['time-range'], zone, true);
  } catch (e) {
    if (e instanceof RangeError) return fail(E.INVALID_PARAM, `invalid timezone ${zone}`);
    throw e;
  }
  const sources = selectSources(
    adom,
    typeof ctx.p.devid === 'string'
      ? [{ devid: ctx.p.vdom ? `${ctx.p.devid}[${str(ctx.p.vdom)}]` : ctx.p.devid }]
      : undefined,
  );
  const out: Record<string, unknown>[] = [];
  for (const src of sources) {
    for (let day = clock.until - 86_400; day >= logStart(clock); day -= 86_400) {
      if (day + 86_400 <= start || day > end) continue;
      const lines = logsOf('traffic', [src], clock).filter(
        (r) => (r.itime as number) >= day && (r.itime as number) < day + 86_400,
      ).length;
      out.push({
        devid: src.devid,
        vdom: src.vd,
        filename: `tlog.${day}.log`,
        logtype: 'traffic',
        'start-time': day,
        'end-time': day + 86_399,
        size: lines * 512,
        lines,
      });
    }
  }
  return out;
}
