/** Per-params-element context handed to the url-family handlers. */
import type { ProductInfo } from './product';
import type { Session } from './sessions';
import type { AdomConfig, AdomState, Store } from './store';
import type { Params } from './table';
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
}

/**
 * Runs a write against one ADOM's config: enforces the workspace lock, makes the element atomic
 * (a failed write leaves no partial changes) and marks the workspace dirty on success.
 */
export function guardedWrite<T>(ctx: Ctx, scope: { config: AdomConfig } | AdomState, fn: () => T): T {
  if (ctx.method === 'get') return fn();
  const adom = 'meta' in scope ? scope : undefined;
  if (adom) requireWriteLock(adom, ctx.session);
  const before = structuredClone(scope.config);
  try {
    const out = fn();
    if (adom) markDirty(adom);
    return out;
  } catch (e) {
    scope.config = before;
    throw e;
  }
}
