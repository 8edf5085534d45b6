/** Per-params-element context handed to the url-family handlers. */
import type { ProductInfo } from './product';
import type { Session } from './sessions';
import type { AdomState, Store } from './store';
import type { TaskEngine, TaskSpec } from './tasks';
import type { Params } from './table';
import { E, fail } from './status';
import { markDirty, requireWriteLock } from './workspace';

export interface Ctx {
  store: Store;
  session: Session;
  method: string;
  /** Unescaped url segments. */
  segs: string[];
  p: Params;
  /** The emulated box (FMG or FAZ, firmware version). */
  product: ProductInfo;
  /** Long-running work (install, scripts, add/delete device). */
  tasks: TaskEngine;
}

/**
 * Runs a write against one config scope (an ADOM, the Global ADOM or a device DB). An ADOM's
 * workspace lock is enforced and its workspace marked dirty on success; for every scope the element
 * is atomic (a failed write leaves no partial changes).
 */
export function guardedWrite<T>(ctx: Ctx, scope: AdomState | { config: unknown }, fn: () => T): T {
  if (ctx.method === 'get') return fn();
  const adom = 'meta' in scope ? scope : undefined;
  if (adom) requireWriteLock(adom, ctx.session);
  const holder = scope;
  const before = structuredClone(holder.config);
  try {
    const out = fn();
    if (adom) markDirty(adom);
    return out;
  } catch (e) {
    holder.config = before;
    throw e;
  }
}

/** One url family of a product: the handler that serves every url under `root[/second]`. */
export interface Route {
  /** First url segment, e.g. "dvmdb". */
  root: string;
  /** Second url segment, when the family is narrower than its root (e.g. "pm/pkg"). */
  second?: string;
  handler: (ctx: Ctx) => unknown;
}

/** Starts a task in `adom` on behalf of the session's user ([U] FMG shows the ADOM's oid); answers its id. */
export function startAdomTask(ctx: Ctx, adom: AdomState, spec: Omit<TaskSpec, 'adom' | 'user'>): number {
  return ctx.tasks.start({ ...spec, adom: Number(adom.meta.oid), user: ctx.session.user });
}

/**
 * An exec-only url family: runs the handler of the url below its root (`install/package` of
 * `securityconsole/install/package`); -9 for another method, -6 for a url it does not have.
 */
export function execRoute(ctx: Ctx, routes: Record<string, (ctx: Ctx) => unknown>): unknown {
  if (ctx.method !== 'exec') fail(E.INVALID_CMD);
  const path = ctx.segs.slice(1).join('/');
  return Object.hasOwn(routes, path) ? routes[path](ctx) : fail(E.INVALID_URL);
}
