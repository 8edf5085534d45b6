import { AsyncLocalStorage } from 'node:async_hooks';

export interface RpcCallRecord {
  upstream: string;
  method: string;
  url: string;
  code: number;
}

/** Per-request state that deep layers (the upstream client) add to and the audit log reads. */
export interface RequestContext {
  requestId: string;
  startedAt: number;
  rpc: RpcCallRecord[];
  /** From `Prefer: wait=N`: how long a write may wait for another administrator's workspace lock. */
  lockWaitMs?: number;
  /** The caller's ADOM allow-list once authenticated: shared upstream reads are keyed by it. */
  adoms?: readonly string[];
  /** What a write reached beyond its REST path (e.g. the FortiGate and FortiOS path of a proxied write). */
  auditTarget?: Record<string, string>;
  /** `/managers/{name}/…` or `/analyzers/{name}/…`: the upstream this request's routes talk to. */
  upstream?: UpstreamSelection;
  /** The caller's `managers` claim once authenticated (names or `*` patterns); unset = every one. */
  managers?: readonly string[];
}

export interface UpstreamSelection {
  product: 'fmg' | 'faz';
  /** The public name, as in the path. */
  name: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Runs `fn` as if the request had selected `upstream` (the cross-manager inventory asks each in turn). */
export function withUpstream<T>(upstream: UpstreamSelection, fn: () => Promise<T>): Promise<T> {
  const ctx = storage.getStore();
  const base: RequestContext = ctx ?? { requestId: '-', startedAt: Date.now(), rpc: [] };
  // The same rpc record list: the audit log still sees every call of the request.
  return storage.run({ ...base, upstream, rpc: base.rpc }, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Bounded: a runaway batch must not grow a request's memory without limit. */
const MAX_RECORDS = 200;

export function recordRpc(record: RpcCallRecord): void {
  const ctx = storage.getStore();
  if (ctx && ctx.rpc.length < MAX_RECORDS) ctx.rpc.push(record);
}

/** A record per param of one call, each with the status code of its own result. */
export function recordRpcResults(
  upstream: string,
  method: string,
  params: readonly { url: string }[],
  results: readonly { status: { code: number } }[],
): void {
  results.forEach((r, i) => recordRpc({ upstream, method, url: params[i].url, code: r.status.code }));
}

/** Names what the current write reaches, for its audit entry. */
export function recordAuditTarget(target: Record<string, string>): void {
  const ctx = storage.getStore();
  if (ctx) ctx.auditTarget = { ...ctx.auditTarget, ...target };
}
