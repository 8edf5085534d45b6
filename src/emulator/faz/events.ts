/**
 * Event management alerts (`eventmgmt/adom/{adom}/alerts[/count|/ack|/unack]`) and incidents
 * (`incidentmgmt/adom/{adom}/incidents[/count]`, `.../incident/{incid}`), docs/upstream-api.md §9.4. Alerts are
 * derived from the generated IPS and antivirus logs; incidents from the alerts. Field sets and the
 * count answers' shape are [U]; filters are FAZ filter strings (`ackflag != yes`, `status != closed`).
 */
import type { Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { hashSeed, logSources, logsOf, prng, type LogClock } from './logs';
import { adomOf, clockOf, fazState, rowFilter, timeRange, window } from './state';
import { E, fail } from '../core/status';
import type { AdomState } from '../core/store';
import { str } from '../core/util';

const HANDLERS: Record<string, [trigger: string, eventtype: string]> = {
  attack: ['Default-Risky-Destination-Detection-By-Threat', 'ips'],
  virus: ['Default-Malicious-File-Detection', 'virus'],
};

const alertCache = new WeakMap<AdomState, { clock: string; rows: Row[] }>();

/** The ADOM's alerts as generated (newest first), before acknowledgements. */
function baseAlerts(adom: AdomState, clock: LogClock): Row[] {
  const key = `${clock.until}|${clock.zone}`;
  const cached = alertCache.get(adom);
  if (cached?.clock === key) return cached.rows;
  const out: Row[] = [];
  for (const src of logSources(adom)) {
    const logs = [
      ...logsOf('attack', [src], clock).filter((r) => r.severity === 'critical' || r.severity === 'high'),
      ...logsOf('virus', [src], clock).filter((_r, i) => i % 3 === 0),
    ];
    const r = prng(hashSeed(`alerts/${src.devid}/${src.vd}`));
    for (const log of logs) {
      const [trigger, eventtype] = HANDLERS[log.attack !== undefined ? 'attack' : 'virus'];
      const logcount = 1 + Math.floor(r() * 12);
      const t = log.itime as number;
      out.push({
        alertid: `${t}${String(out.length).padStart(4, '0')}`,
        alerttime: t,
        firstlogtime: t - logcount * 30,
        lastlogtime: t,
        triggername: trigger,
        eventtype,
        severity: eventtype === 'virus' ? 'high' : log.severity,
        subject: `${eventtype === 'ips' ? str(log.attack) : str(log.virus)} on ${str(log.dstip)}`,
        devid: log.devid,
        devname: log.devname,
        vdom: log.vd,
        srcip: log.srcip,
        dstip: log.dstip,
        logcount,
        ackflag: 'no',
        'update-by': '',
        'update-time': 0,
      });
    }
  }
  out.sort((a, b) => (b.alerttime as number) - (a.alerttime as number));
  alertCache.set(adom, { clock: key, rows: out });
  return out;
}

function alerts(ctx: Ctx, adomName: string): Row[] {
  const acks = fazState(ctx.store).acks.get(adomName);
  return baseAlerts(adomOf(ctx.store, adomName), clockOf(ctx)).map((a) => {
    const ack = acks?.get(a.alertid as string);
    return ack ? { ...a, ackflag: ack.ackflag, 'update-by': ack.by, 'update-time': ack.at } : a;
  });
}

function filtered(ctx: Ctx, rows: Row[], timeField: string): Row[] {
  const [start, end] = timeRange(ctx.p['time-range'], clockOf(ctx).zone, true);
  const match = rowFilter(ctx.p.filter, false);
  return rows.filter((r) => (r[timeField] as number) >= start && (r[timeField] as number) <= end && match(r));
}

export function eventmgmtHandler(ctx: Ctx): unknown {
  const [, adomSeg, adomName, family, sub, ...extra] = ctx.segs;
  if (adomSeg !== 'adom' || family !== 'alerts' || extra.length) fail(E.INVALID_URL);
  const rows = alerts(ctx, adomName);
  if (sub === undefined || sub === 'count') {
    if (ctx.method !== 'get') fail(E.INVALID_CMD);
    const hits = filtered(ctx, rows, 'alerttime');
    if (sub === 'count') return { count: hits.length };
    // [U] FAZ-DOCS mention a 2000 cap per fetch.
    const { offset, limit } = window(ctx.p, 100, 2000);
    return { data: hits.slice(offset, offset + limit) };
  }
  if (sub !== 'ack' && sub !== 'unack') return fail(E.INVALID_URL);
  if (ctx.method !== 'update') fail(E.INVALID_CMD);
  const ids = ctx.p.alertid;
  if (!Array.isArray(ids) || ids.length === 0) fail(E.INVALID_PARAM, 'alertid must be a list');
  const known = new Set(rows.map((r) => r.alertid));
  const unknown = ids.find((id) => !known.has(str(id)));
  if (unknown !== undefined) fail(E.NOT_FOUND, `alert ${str(unknown)} does not exist`);
  const state = fazState(ctx.store);
  const acks = state.acks.get(adomName) ?? new Map<string, { ackflag: string; by: string; at: number }>();
  state.acks.set(adomName, acks);
  const by = typeof ctx.p['update-by'] === 'string' ? ctx.p['update-by'] : ctx.session.user;
  for (const id of ids) {
    acks.set(str(id), { ackflag: sub === 'ack' ? 'yes' : 'no', by, at: Math.floor(Date.now() / 1000) });
  }
  return undefined;
}

const CATEGORIES = ['compromised-host', 'malware', 'intrusion', 'unauthorized-access', 'data-leak'];
const STATUSES = ['new', 'analysis', 'response', 'closed'];
export const INCIDENT_EDITABLE = ['status', 'severity', 'category', 'description', 'assigned-to'] as const;

function incidents(ctx: Ctx, adomName: string): Row[] {
  const all = alerts(ctx, adomName);
  const r = prng(hashSeed(`incidents/${adomName}`));
  const edits = fazState(ctx.store).incidentEdits.get(adomName);
  // Every 5th alert was escalated into an incident, at most 25 per ADOM.
  return all
    .filter((_a, i) => i % 5 === 0)
    .slice(0, 25)
    .map((a, i) => {
      const incid = `IN${String(hashSeed(`${adomName}/${i}`) % 100_000_000).padStart(8, '0')}`;
      const base: Row = {
        incid,
        reporter: r() < 0.5 ? 'admin' : 'soc-analyst',
        category: a.eventtype === 'virus' ? 'malware' : CATEGORIES[Math.floor(r() * CATEGORIES.length)],
        severity: a.severity === 'critical' ? 'high' : 'medium',
        status: STATUSES[Math.floor(r() * STATUSES.length)],
        endpoint: a.dstip,
        description: `Escalated from alert ${str(a.alertid)}: ${str(a.subject)}`,
        'assigned-to': r() < 0.6 ? 'soc-analyst' : '',
        alertids: [a.alertid],
        createtime: a.alerttime,
        lastupdate: a.alerttime,
      };
      return { ...base, ...(edits?.get(incid) ?? {}) };
    });
}

export function incidentmgmtHandler(ctx: Ctx): unknown {
  const [, adomSeg, adomName, family, sub, ...extra] = ctx.segs;
  if (adomSeg !== 'adom' || extra.length) fail(E.INVALID_URL);
  adomOf(ctx.store, adomName);
  if (family === 'incidents' && (sub === undefined || sub === 'count')) {
    if (ctx.method !== 'get') fail(E.INVALID_CMD);
    let rows = filtered(ctx, incidents(ctx, adomName), 'createtime');
    if (Array.isArray(ctx.p.incids)) {
      const wanted = new Set(ctx.p.incids.map(str));
      rows = rows.filter((x) => wanted.has(x.incid as string));
    }
    if (sub === 'count') return { count: rows.length };
    const { offset, limit } = window(ctx.p, 100, 2000);
    return { data: rows.slice(offset, offset + limit) };
  }
  if (family !== 'incident' || sub === undefined) return fail(E.INVALID_URL);
  if (ctx.method !== 'update') fail(E.INVALID_CMD);
  if (!incidents(ctx, adomName).some((x) => x.incid === sub)) fail(E.NOT_FOUND);
  const change: Row = {};
  for (const k of INCIDENT_EDITABLE) if (ctx.p[k] !== undefined) change[k] = ctx.p[k];
  if (change.status !== undefined && !STATUSES.includes(str(change.status))) {
    fail(E.INVALID_DATA, 'invalid status');
  }
  if (change.severity !== undefined && !['high', 'medium', 'low'].includes(str(change.severity))) {
    fail(E.INVALID_DATA, 'invalid severity');
  }
  const state = fazState(ctx.store);
  const edits = state.incidentEdits.get(adomName) ?? new Map<string, Row>();
  state.incidentEdits.set(adomName, edits);
  edits.set(sub, {
    ...(edits.get(sub) ?? {}),
    ...change,
    lastupdate: Math.floor(Date.now() / 1000),
    lastuser: ctx.session.user,
  });
  return { incid: sub };
}
