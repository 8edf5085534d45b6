import { currentContext, RequestContext } from './request-context';

/**
 * FortiManager wants an integer JSON-RPC `id` (docs/upstream-api.md §1), so the request id cannot travel in it as
 * is. Each upstream call gets a numeric id instead and the request remembers which ones it sent: the
 * access log line lists them, so an FMG-side trace (by id) leads back to the REST request and back.
 */
const ids = new WeakMap<RequestContext, number[]>();

/** Bounded like the audit records: a runaway batch must not grow a request's memory. */
const MAX_IDS = 200;

export function noteUpstreamId(id: number): void {
  const ctx = currentContext();
  if (!ctx) return;
  let list = ids.get(ctx);
  if (!list) ids.set(ctx, (list = []));
  if (list.length < MAX_IDS) list.push(id);
}

export function upstreamIdsOf(ctx: RequestContext | undefined): number[] {
  return (ctx && ids.get(ctx)) ?? [];
}
