/**
 * FortiAnalyzer-only url families (docs/upstream-api.md §9): logview, fortiview, eventmgmt, incidentmgmt, report.
 *
 * Dialects (docs/upstream-api.md §9.1): with `"jsonrpc": "2.0"` in the request (what the gateway sends for these
 * urls), an analytics call is answered the FAZ 2.0 way, `{jsonrpc, id, result: <data>}` or a top-level
 * `{error: {code, message}}`. Without it, the same call is answered in the classic envelope
 * (`result: [{status, url, data}]`), as FAZ-DOCS shows for logsearch; the reference rates that form [U].
 */
import type { Route } from '../core/context';
import { eventmgmtHandler, incidentmgmtHandler } from './events';
import { fortiviewHandler } from './fortiview';
import { logviewHandler } from './logview';
import { reportHandler } from './reports';
import { fazState } from './state';
import { checkZone } from '../core/clock';
import { tidBehaviour, type ProductInfo } from '../core/product';
import type { Store } from '../core/store';
import { MAX_SYNTHETIC_ROWS } from './synthetic';
import { isObj } from '../core/util';

export const FAZ_ROUTES: Route[] = [
  { root: 'logview', handler: logviewHandler },
  { root: 'fortiview', handler: fortiviewHandler },
  { root: 'eventmgmt', handler: eventmgmtHandler },
  { root: 'incidentmgmt', handler: incidentmgmtHandler },
  { root: 'report', handler: reportHandler },
];

const ANALYTICS = new Set(FAZ_ROUTES.map((r) => r.root));

/**
 * Rewrites a classic answer into the FAZ `jsonrpc: "2.0"` form when the request asked for it and its
 * one element is an analytics url; anything else is answered as it is.
 */
export function toFazDialect(request: unknown, response: Record<string, unknown>): Record<string, unknown> {
  if (!isObj(request) || request.jsonrpc !== '2.0') return response;
  const result = response.result as {
    status: { code: number; message: string };
    url: string;
    data?: unknown;
  }[];
  if (!Array.isArray(result) || result.length !== 1) return response;
  const root = result[0].url.replace(/^\/+/, '').split('/')[0];
  if (!ANALYTICS.has(root)) return response;
  const { status, data } = result[0];
  const out: Record<string, unknown> = { jsonrpc: '2.0', id: response.id };
  if (status.code !== 0) out.error = { code: status.code, message: status.message };
  // [U] A call without data (delete, ack) answers neither result nor error, as FAZ-MCP saw for reports.
  else if (data !== undefined) out.result = data;
  return out;
}

/** Live analytics tasks of a store and the appliance's behaviour (control API `GET /__emulator/faz`). */
export function fazReport(store: Store, product?: ProductInfo): Record<string, number | string> {
  const s = fazState(store);
  return {
    searches: s.searches.size,
    fortiviewRuns: s.views.size,
    reportRuns: s.reports.size,
    searchMs: s.searchMs,
    reportMs: s.reportMs,
    ...(product
      ? {
          version: product.version.text,
          tids: tidBehaviour(product.version),
          timeZone: product.timeZone,
          logsFrom: new Date((product.logsUntil - 7 * 86_400) * 1000).toISOString(),
          logsUntil: new Date(product.logsUntil * 1000).toISOString(),
        }
      : {}),
  };
}

/**
 * `POST /__emulator/faz/reap`: the appliance drops every live task id (log searches, FortiView runs, report
 * runs), as its own expiry or a reboot would. Answers how many of each were dropped.
 */
export function reapFazTasks(store: Store): Record<string, number> {
  const s = fazState(store);
  const out = { searches: s.searches.size, fortiviewRuns: s.views.size, reportRuns: s.reports.size };
  s.searches.clear();
  s.views.clear();
  s.reports.clear();
  return out;
}

/** `POST /__emulator/faz/speed {searchMs?, reportMs?}`: how long searches/runs and reports take. */
export function setFazSpeed(store: Store, body: unknown): Record<string, number | string> | string {
  const s = fazState(store);
  const b = isObj(body) ? body : {};
  for (const key of ['searchMs', 'reportMs'] as const) {
    const v = b[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 3_600_000) {
      return `${key} must be an integer from 0 to 3600000`;
    }
    s[key] = v;
  }
  return fazReport(store);
}

/**
 * `POST /__emulator/faz/logs/size {adom, rows}`: the ADOM's log searches find `rows` synthetic logs (of
 * whatever type is searched) instead of the demo ones; `rows: 0` goes back to the demo data set.
 */
export function setSyntheticLogs(store: Store, body: unknown): Record<string, unknown> | string {
  const b = isObj(body) ? body : {};
  if (typeof b.adom !== 'string' || !store.adoms.has(b.adom)) return 'adom must name an existing ADOM';
  const rows = b.rows;
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0 || rows > MAX_SYNTHETIC_ROWS) {
    return `rows must be an integer from 0 to ${MAX_SYNTHETIC_ROWS}`;
  }
  const s = fazState(store);
  if (rows === 0) s.syntheticLogs.delete(b.adom);
  else s.syntheticLogs.set(b.adom, rows);
  return { adom: b.adom, rows };
}

/**
 * `POST /__emulator/faz/clock {logsUntil?, timeZone?}`: moves the demo log window (epoch seconds or an
 * RFC 3339 time; the logs cover the 7 days before it) and changes the appliance's zone, so a test can
 * place rows where it needs them.
 */
export function setFazClock(
  store: Store,
  product: ProductInfo,
  body: unknown,
): Record<string, number | string> | string {
  const b = isObj(body) ? body : {};
  let until = product.logsUntil;
  if (b.logsUntil !== undefined) {
    const v = typeof b.logsUntil === 'string' ? Math.floor(Date.parse(b.logsUntil) / 1000) : b.logsUntil;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 7 * 86_400) {
      return 'logsUntil must be epoch seconds or an RFC 3339 time';
    }
    until = v;
  }
  let zone = product.timeZone;
  if (b.timeZone !== undefined) {
    if (typeof b.timeZone !== 'string') return 'timeZone must be an IANA zone name';
    try {
      zone = checkZone(b.timeZone);
    } catch {
      return `unknown time zone ${b.timeZone}`;
    }
  }
  product.logsUntil = until;
  product.timeZone = zone;
  return fazReport(store, product);
}
