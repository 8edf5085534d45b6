import type { RpcParam, RpcResponse } from '../transport/jsonrpc.types';

/**
 * How a call is framed on the wire, chosen by the caller that knows which API it speaks:
 * - `fmg-classic`: the FortiManager JSON-RPC envelope (`params[]` with `url` and `data`, one
 *   `result[]` entry per param, each with its `status`), also spoken by FortiAnalyzer's device DB;
 * - `faz-analytics`: FortiAnalyzer's analytics families (docs/upstream-api.md §9.1): top-level
 *   `"jsonrpc": "2.0"`, parameters flat in params[0] next to `url`, and an answer whose `result` is the
 *   data itself, or a top-level `error`, or neither.
 */
export type Dialect = 'fmg-classic' | 'faz-analytics';

/**
 * The url families of FortiAnalyzer's analytics API. Only the admin passthrough (/rpc), which carries
 * whatever url a client sends, picks the dialect from them, as FAZ's own Ansible collection does per
 * selector; the gateway's own FAZ services say `faz-analytics` themselves.
 */
const ANALYTICS_ROOTS = new Set([
  'logview',
  'fortiview',
  'eventmgmt',
  'incidentmgmt',
  'report',
  'ueba',
  'soar',
  'ioc',
  'fazsys',
]);

export function passthroughDialect(params: RpcParam[]): Dialect {
  const analytics =
    params.length === 1 &&
    ANALYTICS_ROOTS.has(
      String(params[0].url ?? '')
        .replace(/^\/+/, '')
        .split('/')[0],
    );
  return analytics ? 'faz-analytics' : 'fmg-classic';
}

/** The 2.0 answer as the classic `result[]` the rest of the gateway reads; a classic answer passes. */
export function fromAnalyticsAnswer(parsed: RpcResponse, url: string): RpcResponse {
  const raw = parsed as RpcResponse & { result?: unknown; jsonrpc?: unknown };
  // A 2.0 answer says so (its result may itself be an array of rows); anything else is classic.
  if (raw.jsonrpc !== '2.0') return parsed;
  if (parsed.error) {
    const { code, message } = parsed.error;
    return { ...parsed, result: [{ status: { code: Number(code), message: String(message ?? '') }, url }] };
  }
  return { ...parsed, result: [{ status: { code: 0, message: 'OK' }, url, data: raw.result }] };
}
