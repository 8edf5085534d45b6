import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { currentContext } from '../../common/context/request-context';
import { GatewayError } from '../../common/errors/gateway-error';
import { workspaceModeOff } from '../../common/errors/request-errors';
import { FmgClient } from '../clients';
import { fmgUrl } from '../dialects/fmg-url';
import { HeldSession, RpcSession } from '../rpc-client';
import { FMG_OK, RpcMethod, RpcParam, RpcResult } from '../transport/jsonrpc.types';
import { SharedState } from '../../shared-state/shared-state';
import type { Dialect } from '../dialects/dialect';

const FMG_WORKSPACE_LOCKED = -20055;
const FMG_NO_WRITE_PERMISSION = -10147;
/** FMG's answer to a workspace command on an ADOM whose workspace mode is off. */
const FMG_INVALID_COMMAND_FOR_URL = -9;
/** Answers that say the cached workspace mode of the ADOM may be wrong. */
const MODE_CHANGED_CODES = new Set([FMG_WORKSPACE_LOCKED, FMG_NO_WRITE_PERMISSION]);
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

/**
 * Who holds an ADOM's change set, in shared state so every replica knows. The FMG lock belongs to one
 * upstream session, and that session lives in one replica's pool: only that replica can write under it.
 */
export interface ChangeSetOwner {
  /** Token subject that opened it. */
  owner: string;
  /** Gateway replica whose session holds the lock. */
  replica: string;
  /** Epoch ms. */
  openedAt: number;
}

/** The record outlives the idle expiry a little, so a replica that died leaves no record for long. */
const OWNER_TTL_MS = CHANGE_SET_IDLE_MS + 30_000;
/** `key` is scoped to the upstream (key(adom) below), so the same ADOM name on two managers is two records. */
const ownerKey = (key: string) => `changeset:${key}`;

interface ChangeSet {
  /** Its key in `changeSets` (upstream and ADOM). */
  key: string;
  session: HeldSession;
  owner: string;
  /** Exactly what was stored in shared state, to extend and remove only our own record. */
  record: ChangeSetOwner;
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
  async call(method: RpcMethod, params: RpcParam[], dialect?: Dialect): Promise<RpcResult[]> {
    const results = await this.inner.call(method, params, dialect);
    if (method !== 'get' && results.some((r) => r.status.code === FMG_OK)) this.applied = true;
    return results;
  }
}

/**
 * Writes to an ADOM in workspace mode need its lock, on the session that writes (docs/upstream-api.md §6).
 * - auto (default): lock → write → commit → unlock on one pooled session; a foreign lock is retried
 *   for the time the client allows (`Prefer: wait=N`), then 423 with its owner.
 * - explicit change set: POST …/workspace/lock pins a session to the ADOM until commit/unlock or idle
 *   expiry, and every write to that ADOM goes through it; the client decides when to commit.
 * Never unlock without commit after a change took effect: unlocking would silently discard it.
 *
 * Several replicas: the change set is pinned to the replica that opened it (its session holds the FMG
 * lock). Shared state records the holder, so any other replica answers requests that would need that lock
 * with 423 naming the client and the replica, instead of failing on FMG's anonymous lock or writing
 * outside the change set. Clients that use change sets need sticky routing (same replica for the lock,
 * the writes, commit and unlock); single writes work on every replica.
 */
@Injectable()
export class WorkspaceLocks implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkspaceLocks');
  private readonly modes = new Map<string, { enabled: boolean; at: number }>();
  private readonly changeSets = new Map<string, ChangeSet>();

  constructor(
    private readonly fmg: FmgClient,
    private readonly state: SharedState,
  ) {}

  /**
   * Change sets and cached modes are per FortiManager (issue #18): the routed client names the request's
   * upstream; the default one keeps the plain ADOM name, and so its Redis keys. Timers run in the context of
   * the request that set them, so they see the same upstream.
   */
  private key(adom: string): string {
    const name = this.fmg.name;
    return name === 'fmg' ? adom : `${name}/${adom}`;
  }

  /** Runs a write against `adom` the way its workspace mode requires. */
  async write<T>(adom: string, fn: (session: RpcSession) => Promise<T>): Promise<T> {
    try {
      return await this.writeOnce(adom, fn);
    } catch (err) {
      this.forgetModeOn(adom, err);
      throw err;
    }
  }

  private async writeOnce<T>(adom: string, fn: (session: RpcSession) => Promise<T>): Promise<T> {
    const changeSet = this.changeSets.get(this.key(adom));
    if (changeSet) return this.onChangeSet(adom, changeSet, fn);
    const elsewhere = await this.remoteChangeSet(adom);
    if (elsewhere) throw heldElsewhere(adom, elsewhere);
    if (!(await this.workspaceEnabled(adom))) {
      try {
        return await fn(this.fmg);
      } catch (err) {
        // -10147: workspace mode was switched on since we looked. Look again and, if so, lock and retry once.
        if (!(err instanceof GatewayError) || err.upstream?.code !== FMG_NO_WRITE_PERMISSION) throw err;
        this.modes.delete(this.key(adom));
        if (!(await this.workspaceEnabled(adom))) throw err;
      }
    }
    try {
      return await this.lockedWrite(adom, fn);
    } catch (err) {
      // -9 on the lock: workspace mode was switched off since we looked. Look again; if so, write unlocked.
      if (!isLockRefused(err) || (await this.freshWorkspaceEnabled(adom))) throw err;
      return fn(this.fmg);
    }
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

  /** Drops the cached workspace mode: the next question reads it from FortiManager. */
  forgetMode(adom: string): void {
    this.modes.delete(this.key(adom));
  }

  /** The workspace mode as FortiManager has it now (never the cache); 404 for an ADOM that does not exist. */
  async freshWorkspaceEnabled(adom: string): Promise<boolean> {
    this.forgetMode(adom);
    return this.workspaceEnabled(adom);
  }

  async workspaceEnabled(adom: string): Promise<boolean> {
    const cached = this.modes.get(this.key(adom));
    if (cached && Date.now() - cached.at < MODE_TTL_MS) return cached.enabled;
    const info = await this.fmg.request<{ workspace_mode?: number }>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}`,
      fields: ['name', 'workspace_mode'],
    });
    const enabled = Boolean(info?.workspace_mode);
    this.modes.set(this.key(adom), { enabled, at: Date.now() });
    return enabled;
  }

  async lockInfo(session: RpcSession, adom: string): Promise<LockInfo | undefined> {
    const data = await session.request<LockInfo[] | LockInfo | undefined>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}/workspace/lockinfo`,
    });
    // No `data` at all means unlocked (docs/upstream-api.md §6).
    return Array.isArray(data) ? data[0] : (data ?? undefined);
  }

  /** The change set open on `adom`, on this replica or another. */
  async changeSetOf(adom: string): Promise<ChangeSetOwner | undefined> {
    return this.changeSets.get(this.key(adom))?.record ?? (await this.remoteChangeSet(adom));
  }

  /** Opens an explicit change set: a session of its own, locked, kept until commit/unlock/idle expiry. */
  async openChangeSet(adom: string, owner: string): Promise<void> {
    const local = this.changeSets.get(this.key(adom));
    if (local) throw alreadyOpen(adom, local.record);
    // Asked of FortiManager, not the cache: mode switched behind the gateway's back must not mislead.
    if (!(await this.freshWorkspaceEnabled(adom))) throw workspaceModeOff(adom);
    // Claimed in shared state first: of two replicas opening at once, exactly one goes on to lock.
    const record: ChangeSetOwner = { owner, replica: this.state.replicaId, openedAt: Date.now() };
    if (!(await this.state.setIfAbsent(ownerKey(this.key(adom)), record, OWNER_TTL_MS))) {
      const holder = await this.state.get<ChangeSetOwner>(ownerKey(this.key(adom)));
      throw alreadyOpen(adom, holder);
    }
    let session: HeldSession | undefined;
    try {
      session = await this.fmg.acquire();
      await this.lock(session, adom);
    } catch (err) {
      session?.release();
      await this.state.deleteIf(ownerKey(this.key(adom)), record);
      // Switched off between the look and the lock: say that, not "command invalid for url".
      if (err instanceof GatewayError && err.upstream?.code === FMG_INVALID_COMMAND_FOR_URL) {
        if (!(await this.freshWorkspaceEnabled(adom).catch(() => true))) throw workspaceModeOff(adom);
      }
      throw err;
    }
    const changeSet: ChangeSet = {
      key: this.key(adom),
      session,
      owner,
      record,
      tail: Promise.resolve(),
      timer: this.expiryTimer(adom),
    };
    this.changeSets.set(this.key(adom), changeSet);
  }

  async commitChangeSet(adom: string): Promise<void> {
    const cs = await this.requireChangeSet(adom);
    await this.onChangeSet(adom, cs, (s) => this.commit(s, adom));
  }

  /** Unlock without commit discards what was not committed: that is the client's explicit choice here. */
  async closeChangeSet(adom: string): Promise<void> {
    const cs = await this.requireChangeSet(adom);
    await this.onChangeSet(adom, cs, (s) =>
      s.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/unlock` }),
    );
    await this.drop(adom, cs);
  }

  async onApplicationShutdown(): Promise<void> {
    // Sessions end with the pool; FMG then releases their locks and discards uncommitted changes.
    await Promise.all([...this.changeSets].map(([adom, cs]) => this.drop(adom, cs)));
  }

  private async onChangeSet<T>(adom: string, cs: ChangeSet, fn: (s: RpcSession) => Promise<T>): Promise<T> {
    clearTimeout(cs.timer);
    cs.timer = this.expiryTimer(adom);
    // Use keeps the ownership record alive as long as the idle timer; best effort (it is advisory).
    void this.state.touchIf(ownerKey(this.key(adom)), cs.record, OWNER_TTL_MS).catch((err: Error) => {
      this.logger.warn(`Change-set record of ADOM "${adom}" not extended: ${err.message}`);
    });
    const run = cs.tail.then(() => fn(cs.session));
    cs.tail = run.catch(() => undefined);
    return run;
  }

  private expiryTimer(adom: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const cs = this.changeSets.get(this.key(adom));
      if (!cs) return;
      this.logger.warn(
        `Change set on ADOM "${adom}" (${cs.owner}) idle for ${CHANGE_SET_IDLE_MS} ms: unlocking.`,
      );
      void this.onChangeSet(adom, cs, (s) => this.unlockQuietly(s, adom)).finally(() => this.drop(adom, cs));
    }, CHANGE_SET_IDLE_MS);
    timer.unref();
    return timer;
  }

  private async drop(adom: string, cs: ChangeSet): Promise<void> {
    clearTimeout(cs.timer);
    // By the change set's own key: at shutdown there is no request (and so no upstream) in context.
    if (this.changeSets.get(cs.key) === cs) this.changeSets.delete(cs.key);
    cs.session.release();
    await this.state.deleteIf(ownerKey(cs.key), cs.record).catch((err: Error) => {
      this.logger.warn(`Change-set record of ADOM "${adom}" not removed (it expires): ${err.message}`);
    });
  }

  private async requireChangeSet(adom: string): Promise<ChangeSet> {
    const cs = this.changeSets.get(this.key(adom));
    if (cs) return cs;
    const elsewhere = await this.remoteChangeSet(adom);
    if (elsewhere) throw heldElsewhere(adom, elsewhere);
    // An ADOM that does not exist is a 404 (as for lock and GET), one without workspace mode says so.
    if (!(await this.freshWorkspaceEnabled(adom))) throw workspaceModeOff(adom);
    throw conflict('NO_CHANGE_SET', `No change set is open on ADOM "${adom}": lock it first.`);
  }

  /** A change set that another replica holds (ours are in the local map). */
  private async remoteChangeSet(adom: string): Promise<ChangeSetOwner | undefined> {
    const record = await this.state.get<ChangeSetOwner>(ownerKey(this.key(adom)));
    return record && record.replica !== this.state.replicaId ? record : undefined;
  }

  /** Locks, retrying a foreign lock for as long as the request allows; then 423 naming the holder. */
  private async lock(session: RpcSession, adom: string): Promise<void> {
    const deadline = Date.now() + Math.min(currentContext()?.lockWaitMs ?? 0, MAX_LOCK_WAIT_MS);
    for (;;) {
      try {
        await session.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/lock` });
        // FMG only grants a lock in workspace mode: whatever was cached, the mode is on.
        this.modes.set(this.key(adom), { enabled: true, at: Date.now() });
        return;
      } catch (err) {
        // Any other answer to a lock: the cached mode is no longer to be trusted.
        this.forgetMode(adom);
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
      this.forgetModeOn(adom, err);
      // The change is applied but not committed; unlocking would discard it, so the lock stays with
      // the session until it ends. Say so plainly.
      throw new GatewayError(
        'WORKSPACE_COMMIT_FAILED',
        `The write to ADOM "${adom}" took effect but the commit failed: ${(err as Error).message}`,
        { upstream: err instanceof GatewayError ? err.upstream : undefined },
      );
    }
  }

  /** -10147 / -20055 from any call: the mode may have changed behind the gateway's back. */
  forgetModeOn(adom: string, err: unknown): void {
    if (err instanceof GatewayError && err.upstream && MODE_CHANGED_CODES.has(err.upstream.code)) {
      this.forgetMode(adom);
    }
  }

  private async unlockQuietly(session: RpcSession, adom: string): Promise<void> {
    try {
      await session.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/unlock` });
    } catch (err) {
      this.forgetModeOn(adom, err);
      this.logger.warn(`Unlock of ADOM "${adom}" failed: ${(err as Error).message}`);
    }
  }

  /** The -20055 message does not name the owner; lockinfo does. Best effort: the 423 stands regardless. */
  private async withOwner(session: RpcSession, adom: string, err: GatewayError): Promise<GatewayError> {
    const owner = await this.lockInfo(session, adom).catch(() => undefined);
    if (!owner?.lock_user) return err;
    return err.with(`ADOM "${adom}" is locked by ${owner.lock_user}.`, {
      lockedBy: owner.lock_user,
      lockedAt: owner.lock_time,
    });
  }
}

/** FMG refused the workspace lock itself as a command invalid for the url (workspace mode is off). */
function isLockRefused(err: unknown): boolean {
  return (
    err instanceof GatewayError &&
    err.upstream?.code === FMG_INVALID_COMMAND_FOR_URL &&
    err.upstream.method === 'exec' &&
    (err.upstream.url ?? '').endsWith('/workspace/lock')
  );
}

function conflict(
  code: 'CHANGE_SET_OPEN' | 'NO_CHANGE_SET',
  detail: string,
  extensions?: Record<string, unknown>,
): GatewayError {
  return new GatewayError(code, detail, { extensions });
}

function alreadyOpen(adom: string, holder: ChangeSetOwner | undefined): GatewayError {
  return conflict(
    'CHANGE_SET_OPEN',
    `A change set on ADOM "${adom}" is already open${holder ? ` (by ${holder.owner})` : ''}.`,
    holder && { lockedBy: holder.owner, replica: holder.replica },
  );
}

/** The FMG lock is held by a session in another replica's pool: this one cannot use it. */
function heldElsewhere(adom: string, holder: ChangeSetOwner): GatewayError {
  return new GatewayError(
    'CHANGE_SET_ON_OTHER_REPLICA',
    `ADOM "${adom}" is locked by a change set of ${holder.owner} held by gateway replica ${holder.replica}. ` +
      'Its writes, commit and unlock must reach that replica (sticky routing); other clients wait until it is committed or unlocked.',
    {
      extensions: {
        lockedBy: holder.owner,
        replica: holder.replica,
        lockedAt: holder.openedAt,
        retryable: true,
      },
    },
  );
}
