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
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext(context: RequestContext, fn: () => void): void {
  storage.run(context, fn);
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

/** Names what the current write reaches, for its audit entry. */
export function recordAuditTarget(target: Record<string, string>): void {
  const ctx = storage.getStore();
  if (ctx) ctx.auditTarget = { ...ctx.auditTarget, ...target };
}
