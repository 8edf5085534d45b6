/**
 * `fortiview/adom/{adom}/{view}/run[/{tid}]` (docs/upstream-api.md §9.3): aggregations over the generated logs,
 * run as tasks that progress like log searches. A tid is valid only with the view that started it.
 * Output field names (`sessions`, `bandwidth`, `traffic_in`, ...) are [U]: FAZ names vary per view.
 */
import type { Ctx } from '../core/context';
import type { Row } from '../core/filter';
import type { LogType } from './logs';
import { adomOf, fazState, invalidTid, logsInRange, singleUseTids, window } from './state';
import { E, fail } from '../core/status';
import { str } from '../core/util';

interface ViewDef {
  types: LogType[];
  /** Grouping key columns (the first one identifies the group). */
  keys: string[];
  defaultSort: string;
  /** Threat views name the threat from whichever log type it came from. */
  threat?: boolean;
}

export const VIEWS: Record<string, ViewDef> = {
  'top-sources': { types: ['traffic'], keys: ['srcip', 'srcintf', 'user'], defaultSort: 'bandwidth' },
  'top-destinations': {
    types: ['traffic'],
    keys: ['dstip', 'dstcountry', 'hostname'],
    defaultSort: 'bandwidth',
  },
  'top-applications': { types: ['traffic'], keys: ['app', 'appcat', 'apprisk'], defaultSort: 'bandwidth' },
  'top-threats': {
    types: ['attack', 'virus', 'webfilter'],
    keys: ['threat', 'threattype', 'threatlevel'],
    defaultSort: 'incidents',
    threat: true,
  },
};

function threatOf(r: Row): Row | undefined {
  if (r.attack !== undefined) return { threat: r.attack, threattype: 'ips', threatlevel: r.severity };
  if (r.virus !== undefined) return { threat: r.virus, threattype: 'virus', threatlevel: 'critical' };
  if (r.action === 'blocked') return { threat: r.catdesc, threattype: 'webfilter', threatlevel: 'medium' };
  return undefined;
}

function aggregate(def: ViewDef, rows: Row[]): Row[] {
  const groups = new Map<string, Row>();
  for (const r of rows) {
    const src = def.threat ? threatOf(r) : r;
    if (!src) continue;
    const id = str(src[def.keys[0]]);
    let g = groups.get(id);
    if (!g) {
      g = Object.fromEntries(def.keys.map((k) => [k, src[k] ?? '']));
      Object.assign(
        g,
        def.threat
          ? { incidents: 0, blocked: 0 }
          : { sessions: 0, session_block: 0, traffic_in: 0, traffic_out: 0, bandwidth: 0 },
      );
      groups.set(id, g);
    }
    if (def.threat) {
      (g.incidents as number)++;
      if (['blocked', 'dropped'].includes(str(r.action))) (g.blocked as number)++;
    } else {
      (g.sessions as number)++;
      if (r.action === 'deny') (g.session_block as number)++;
      (g.traffic_in as number) += (r.rcvdbyte as number) ?? 0;
      (g.traffic_out as number) += (r.sentbyte as number) ?? 0;
      g.bandwidth = (g.traffic_in as number) + (g.traffic_out as number);
    }
  }
  return [...groups.values()];
}

export function fortiviewHandler(ctx: Ctx): unknown {
  const [, adomSeg, adomName, view, run, tidSeg, ...extra] = ctx.segs;
  if (adomSeg !== 'adom' || run !== 'run' || extra.length) fail(E.INVALID_URL);
  const adom = adomOf(ctx.store, adomName);
  const def = VIEWS[view] ?? fail(E.INVALID_URL);
  const state = fazState(ctx.store);
  const p = ctx.p;
  if (tidSeg === undefined) {
    if (ctx.method !== 'add') fail(E.INVALID_CMD);
    const rows = logsInRange(ctx, adom, def.types);
    const sortBy = Array.isArray(p['sort-by'])
      ? (p['sort-by'] as Row[])
      : [{ field: def.defaultSort, order: 'desc' }];
    const out = aggregate(def, rows);
    for (const s of [...sortBy].reverse()) {
      const field = str(s.field);
      if (out.length && !(field in out[0])) fail(E.INVALID_PARAM, `cannot sort by ${field}`);
      const dir = s.order === 'asc' ? 1 : -1;
      out.sort((a, b) => {
        const x = a[field] as number | string;
        const y = b[field] as number | string;
        return x < y ? -dir : x > y ? dir : 0;
      });
    }
    const { offset, limit } = window(p, 100, 1000);
    const tid = state.tid();
    state.views.set(tid, {
      tid,
      adom: adomName,
      view,
      rows: out.slice(offset, offset + limit),
      started: Date.now(),
    });
    return { tid };
  }
  const task = state.views.get(Number(tidSeg));
  if (!task || task.adom !== adomName || task.view !== view) return invalidTid(ctx, tidSeg);
  if (ctx.method === 'delete') {
    state.views.delete(task.tid);
    return undefined;
  }
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  const percentage = state.percentage(task.started);
  // [U] 7.4+: like a log search, a run is reaped once its result was handed out; a poll while it is
  // still running leaves it (the emulator's guess; no field report covers FortiView).
  if (percentage >= 100 && singleUseTids(ctx)) state.views.delete(task.tid);
  return { tid: task.tid, percentage, data: percentage < 100 ? [] : task.rows };
}
