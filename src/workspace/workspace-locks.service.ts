import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { currentContext } from '../common/context/request-context';
import { GatewayError } from '../common/errors/gateway-error';
import { FmgClient } from '../fortimanager/fmg-client';
import { fmgUrl } from '../fortimanager/fmg-url';
import { HeldSession, RpcSession } from '../fortimanager/rpc-client';
import { FMG_OK, RpcMethod, RpcParam, RpcResult } from '../fortimanager/jsonrpc.types';

const FMG_WORKSPACE_LOCKED = -20055;
const FMG_NO_WRITE_PERMISSION = -10147;
/** How long the workspace mode of an ADOM is trusted before it is read again. */
const MODE_TTL_MS = 30_000;
/** An explicit change set (client-held lock) is released after this long without use. */
export const CHANGE_SET_IDLE_MS = 5 * 60_000;
/** Between two lock attempts while another administrator holds the ADOM. */
const LOCK_RETRY_MS = 500;
/** Upper bound for `Prefer: wait=N`. */
export const MAX_LOCK_WAIT_MS = 60_000;

export interface LockInfo {
  lock_user?: string;
  lock_time?: number;
  dirty?: number;
}

interface ChangeSet {
  session: HeldSession;
  owner: string;
  timer: NodeJS.Timeout;
  /** Serialises calls on the pinned session (a session serves one call at a time). */
  tail: Promise<unknown>;
}

/** Counts writes that took effect, so a failure after one of them still commits instead of discarding. */
class TrackingSession extends RpcSession {
  applied = false;
  constructor(private readonly inner: RpcSession) {
    super();
  }
  async call(method: RpcMethod, params: RpcParam[]): Promise<RpcResult[]> {
    const results = await this.inner.call(method, params);
    if (method !== 'get' && results.some((r) => r.status.code === FMG_OK)) this.applied = true;
    return results;
  }
}

/**
 * Writes to an ADOM in workspace mode need its lock, on the session that writes (reference §6).
 * - auto (default): lock → write → commit → unlock on one pooled session; a foreign lock is retried
 *   for the time the client allows (`Prefer: wait=N`), then 423 with its owner.
 * - explicit change set: POST …/workspace/lock pins a session to the ADOM until commit/unlock or idle
 *   expiry, and every write to that ADOM goes through it; the client decides when to commit.
 * Never unlock without commit after a change took effect: unlocking would silently discard it.
 */
@Injectable()
export class WorkspaceLocks implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkspaceLocks');
  private readonly modes = new Map<string, { enabled: boolean; at: number }>();
  private readonly changeSets = new Map<string, ChangeSet>();

  constructor(private readonly fmg: FmgClient) {}

  /** Runs a write against `adom` the way its workspace mode requires. */
  async write<T>(adom: string, fn: (session: RpcSession) => Promise<T>): Promise<T> {
    const changeSet = this.changeSets.get(adom);
    if (changeSet) return this.onChangeSet(adom, changeSet, fn);
    if (!(await this.workspaceEnabled(adom))) {
      try {
        return await fn(this.fmg);
      } catch (err) {
        // -10147: workspace mode was switched on since we looked. Look again and, if so, lock and retry once.
        if (!(err instanceof GatewayError) || err.upstream?.code !== FMG_NO_WRITE_PERMISSION) throw err;
        this.modes.delete(adom);
        if (!(await this.workspaceEnabled(adom))) throw err;
      }
    }
    return this.lockedWrite(adom, fn);
  }

  private lockedWrite<T>(adom: string, fn: (session: RpcSession) => Promise<T>): Promise<T> {
    return this.fmg.exclusive(async (session) => {
      await this.lock(session, adom);
      const tracked = new TrackingSession(session);
      let result: T;
      try {
        result = await fn(tracked);
      } catch (err) {
        if (tracked.applied) await this.commit(session, adom);
        await this.unlockQuietly(session, adom);
        throw err;
      }
      if (tracked.applied) await this.commit(session, adom);
      await this.unlockQuietly(session, adom);
      return result;
    });
  }

  async workspaceEnabled(adom: string): Promise<boolean> {
    const cached = this.modes.get(adom);
    if (cached && Date.now() - cached.at < MODE_TTL_MS) return cached.enabled;
    const info = await this.fmg.request<{ workspace_mode?: number }>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}`,
      fields: ['name', 'workspace_mode'],
    });
    const enabled = Boolean(info?.workspace_mode);
    this.modes.set(adom, { enabled, at: Date.now() });
    return enabled;
  }

  async lockInfo(session: RpcSession, adom: string): Promise<LockInfo | undefined> {
    const data = await session.request<LockInfo[] | LockInfo | undefined>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}/workspace/lockinfo`,
    });
    // No `data` at all means unlocked (reference §6).
    return Array.isArray(data) ? data[0] : (data ?? undefined);
  }

  hasChangeSet(adom: string): { owner: string } | undefined {
    const cs = this.changeSets.get(adom);
    return cs && { owner: cs.owner };
  }

  /** Opens an explicit change set: a session of its own, locked, kept until commit/unlock/idle expiry. */
  async openChangeSet(adom: string, owner: string): Promise<void> {
    if (this.changeSets.has(adom)) {
      throw conflict(
        'CHANGE_SET_OPEN',
        `A change set on ADOM "${adom}" is already open (by ${this.changeSets.get(adom)!.owner}).`,
      );
    }
    const session = await this.fmg.acquire();
    try {
      await this.lock(session, adom);
    } catch (err) {
      session.release();
      throw err;
    }
    const changeSet: ChangeSet = { session, owner, tail: Promise.resolve(), timer: this.expiryTimer(adom) };
    this.changeSets.set(adom, changeSet);
  }

  async commitChangeSet(adom: string): Promise<void> {
    const cs = this.requireChangeSet(adom);
    await this.onChangeSet(adom, cs, (s) => this.commit(s, adom));
  }

  /** Unlock without commit discards what was not committed: that is the client's explicit choice here. */
  async closeChangeSet(adom: string): Promise<void> {
    const cs = this.requireChangeSet(adom);
    await this.onChangeSet(adom, cs, (s) =>
      s.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/unlock` }),
    );
    this.drop(adom, cs);
  }

  onApplicationShutdown(): void {
    // Sessions end with the pool; FMG then releases their locks and discards uncommitted changes.
    for (const [adom, cs] of this.changeSets) this.drop(adom, cs);
  }

  private async onChangeSet<T>(adom: string, cs: ChangeSet, fn: (s: RpcSession) => Promise<T>): Promise<T> {
    clearTimeout(cs.timer);
    cs.timer = this.expiryTimer(adom);
    const run = cs.tail.then(() => fn(cs.session));
    cs.tail = run.catch(() => undefined);
    return run;
  }

  private expiryTimer(adom: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const cs = this.changeSets.get(adom);
      if (!cs) return;
      this.logger.warn(
        `Change set on ADOM "${adom}" (${cs.owner}) idle for ${CHANGE_SET_IDLE_MS} ms: unlocking.`,
      );
      void this.onChangeSet(adom, cs, (s) => this.unlockQuietly(s, adom)).finally(() => this.drop(adom, cs));
    }, CHANGE_SET_IDLE_MS);
    timer.unref();
    return timer;
  }

  private drop(adom: string, cs: ChangeSet): void {
    clearTimeout(cs.timer);
    if (this.changeSets.get(adom) === cs) this.changeSets.delete(adom);
    cs.session.release();
  }

  private requireChangeSet(adom: string): ChangeSet {
    const cs = this.changeSets.get(adom);
    if (!cs) throw conflict('NO_CHANGE_SET', `No change set is open on ADOM "${adom}": lock it first.`);
    return cs;
  }

  /** Locks, retrying a foreign lock for as long as the request allows; then 423 naming the holder. */
  private async lock(session: RpcSession, adom: string): Promise<void> {
    const deadline = Date.now() + Math.min(currentContext()?.lockWaitMs ?? 0, MAX_LOCK_WAIT_MS);
    for (;;) {
      try {
        await session.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/lock` });
        return;
      } catch (err) {
        if (!(err instanceof GatewayError) || err.upstream?.code !== FMG_WORKSPACE_LOCKED) throw err;
        if (Date.now() + LOCK_RETRY_MS > deadline) throw await this.withOwner(session, adom, err);
        await new Promise((r) => setTimeout(r, LOCK_RETRY_MS));
      }
    }
  }

  private async commit(session: RpcSession, adom: string): Promise<void> {
    try {
      await session.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/commit` });
    } catch (err) {
      // The change is applied but not committed; unlocking would discard it, so the lock stays with
      // the session until it ends. Say so plainly.
      throw new GatewayError({
        status: 502,
        code: 'WORKSPACE_COMMIT_FAILED',
        title: 'Change applied but not committed',
        detail: `The write to ADOM "${adom}" took effect but the commit failed: ${(err as Error).message}`,
        upstream: err instanceof GatewayError ? err.upstream : undefined,
      });
    }
  }

  private async unlockQuietly(session: RpcSession, adom: string): Promise<void> {
    try {
      await session.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/unlock` });
    } catch (err) {
      this.logger.warn(`Unlock of ADOM "${adom}" failed: ${(err as Error).message}`);
    }
  }

  /** The -20055 message does not name the owner; lockinfo does. Best effort: the 423 stands regardless. */
  private async withOwner(session: RpcSession, adom: string, err: GatewayError): Promise<GatewayError> {
    const owner = await this.lockInfo(session, adom).catch(() => undefined);
    if (!owner?.lock_user) return err;
    return new GatewayError({
      status: err.status,
      code: err.code,
      title: err.title,
      detail: `ADOM "${adom}" is locked by ${owner.lock_user}.`,
      upstream: err.upstream,
      extensions: { ...err.extensions, lockedBy: owner.lock_user, lockedAt: owner.lock_time },
      headers: err.headers,
    });
  }
}

function conflict(code: string, detail: string): GatewayError {
  return new GatewayError({ status: 409, code, title: 'Conflict', detail });
}
