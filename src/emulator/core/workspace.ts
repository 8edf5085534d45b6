/** ADOM-level workspace locking (docs/upstream-api.md §6): lock → write → commit → unlock. */
import type { Session } from './sessions';
import { E, fail } from './status';
import type { AdomState, Store } from './store';

const WS_ACTIONS = ['lock', 'commit', 'unlock', 'lockinfo', 'dirty'];

export const inWorkspaceMode = (adom: AdomState) => Number(adom.meta.workspace_mode) === 1;

/** Writes to an ADOM in workspace mode need the caller's session to hold the ADOM lock. */
export function requireWriteLock(adom: AdomState, session: Session): void {
  if (inWorkspaceMode(adom) && adom.lock?.sid !== session.sid) fail(E.NO_WRITE);
}

export function markDirty(adom: AdomState): void {
  if (adom.lock) adom.lock.dirty = true;
}

export function lockAdom(
  adom: AdomState,
  s: { sid: string; no: number; user: string },
  now = Date.now(),
): void {
  if (!inWorkspaceMode(adom)) fail(E.INVALID_CMD);
  if (adom.lock) {
    // Locks are per session: the same user in another session is "other user" too (docs/upstream-api.md §6).
    if (adom.lock.sid !== s.sid) fail(E.WS_LOCKED);
    return; // re-locking by the holder is a no-op and keeps the original snapshot
  }
  adom.lock = {
    sid: s.sid,
    sessionNo: s.no,
    user: s.user,
    time: Math.floor(now / 1000),
    snapshot: structuredClone(adom.config),
    dirty: false,
  };
}

/** exec .../workspace/{lock,commit,unlock} and get .../workspace/{lockinfo,dirty}. */
export function workspaceOp(adom: AdomState, action: string, method: string, session: Session): unknown {
  if (!WS_ACTIONS.includes(action)) fail(E.INVALID_URL);
  if (method !== (['lock', 'commit', 'unlock'].includes(action) ? 'exec' : 'get')) fail(E.INVALID_CMD);
  // lockinfo on an ADOM without workspace mode answers -9 (docs/upstream-api.md §4.1); we do the same for all.
  if (!inWorkspaceMode(adom)) fail(E.INVALID_CMD);
  const lock = adom.lock;
  const mine = lock?.sid === session.sid;
  switch (action) {
    case 'lock':
      lockAdom(adom, session);
      return undefined;
    case 'commit':
      if (lock && !mine) fail(E.WS_LOCKED);
      // [U] Committing without holding the lock is treated like any other write without it.
      if (!lock) fail(E.NO_WRITE);
      lock.snapshot = structuredClone(adom.config);
      lock.dirty = false;
      return undefined;
    case 'unlock':
      if (lock && !mine) fail(E.WS_LOCKED);
      // [U] Unlocking an unlocked ADOM is accepted as a no-op.
      if (lock) release(adom);
      return undefined;
    case 'lockinfo':
      // No `data` at all when nothing is locked (docs/upstream-api.md §6).
      if (!lock) return undefined;
      return [
        {
          lock_user: lock.user,
          lock_time: lock.time,
          lock_sid: lock.sessionNo,
          dirty: mine && lock.dirty ? 1 : 0,
          adom_dirty: lock.dirty ? 1 : 0,
          type: 1,
        },
      ];
    case 'dirty':
      // Only the caller's own dirty flag is visible (docs/upstream-api.md §6).
      return { dirty: mine && lock?.dirty ? 1 : 0 };
    default:
      return fail(E.INVALID_URL);
  }
}

/** Unlock without commit: drop uncommitted changes by restoring the last snapshot. */
function release(adom: AdomState): void {
  if (!adom.lock) return;
  adom.config = adom.lock.snapshot;
  adom.lock = undefined;
}

/** A session ended: its locks go with it, and their uncommitted changes are discarded. */
export function releaseSessionLocks(store: Store, sid: string): void {
  for (const adom of store.adoms.values()) if (adom.lock?.sid === sid) release(adom);
}
