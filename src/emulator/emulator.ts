/** Emulator state container: store, sessions, OAuth tokens, faults and call log, plus reset. */
import { TokenGate } from './core/apikey';
import { CallLog } from './core/calls';
import { Faults, type Fault } from './core/faults';
import { OAuthTokens, type CloudUser } from './core/oauth';
import { hasParallelTokenBug, type ProductInfo } from './core/product';
import { handleRpc, type RpcAuth } from './rpc';
import { SEED_TIME } from './core/store';
import { buildStore, type DataSet } from './fmg/seed';
import { Sessions, type EmulatorUser, type SessionStats } from './core/sessions';
import type { AdomState, Store } from './core/store';
import { TaskEngine } from './core/tasks';
import { inWorkspaceMode, lockAdom, releaseSessionLocks } from './core/workspace';

export interface CoreOptions {
  users: EmulatorUser[];
  loginMax: number;
  idleTimeoutMs: number;
  seed: boolean;
  /** Which demo data a FortiManager seeds (default `demo`). */
  dataSet?: DataSet;
  product: ProductInfo;
  cloudUsers: CloudUser[];
  oauthTokenTtlMs: number;
  /** Task engine speed: ms per step (a task line takes STEPS_PER_LINE steps). */
  taskStepMs: number;
}

/** `GET /__emulator/sessions`. */
export interface SessionReport extends SessionStats {
  /** Params elements answered with a spurious -11 by the parallel-token bug. */
  tokenCollisions: number;
  /** Live FortiCloud OAuth access tokens. */
  oauthTokens: number;
}

/** A control-API request that cannot be carried out; `status` is the HTTP status to answer. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ForeignLockReport {
  adom: string;
  user: string;
  /** As shown in lockinfo `lock_sid`. */
  lock_sid: number;
  /** Epoch ms when the lock is released by itself, if `releaseAfterMs` was given. */
  releaseAt?: number;
}

export class EmulatorCore {
  readonly sessions: Sessions;
  readonly faults = new Faults();
  readonly calls = new CallLog();
  readonly oauth: OAuthTokens;
  readonly tokenGate: TokenGate;
  /** Requests in flight per login session, for the call log (never a fault: FMG serves them in parallel). */
  readonly sessionGate = new TokenGate(false);
  readonly product: ProductInfo;
  store: Store;
  readonly tasks: TaskEngine;
  /** Pending automatic releases of foreign locks, by ADOM name. */
  private readonly lockTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly opts: CoreOptions) {
    this.product = opts.product;
    this.tasks = new TaskEngine(opts.taskStepMs);
    this.sessions = new Sessions(opts.users, opts.loginMax, opts.idleTimeoutMs, (s) =>
      releaseSessionLocks(this.store, s.sid),
    );
    this.oauth = new OAuthTokens(opts.cloudUsers, opts.oauthTokenTtlMs);
    this.tokenGate = new TokenGate(hasParallelTokenBug(opts.product.version));
    this.store = this.build();
  }

  rpc(body: unknown, fault?: Fault, auth?: RpcAuth): Record<string, unknown> {
    return handleRpc(
      {
        store: this.store,
        sessions: this.sessions,
        calls: this.calls,
        product: this.product,
        tasks: this.tasks,
        onTokenCollision: () => this.tokenGate.collisions++,
      },
      body,
      fault,
      auth,
    );
  }

  sessionReport(): SessionReport {
    return {
      ...this.sessions.stats(),
      tokenCollisions: this.tokenGate.collisions,
      oauthTokens: this.oauth.live(),
    };
  }

  /** Clears faults, sessions, OAuth tokens, counters, tasks and the call log, then reseeds. */
  reset(): void {
    this.cancelTimers();
    this.faults.clear();
    this.sessions.clear();
    this.oauth.clear();
    this.tokenGate.collisions = 0;
    this.calls.clear();
    this.tasks.clear();
    this.store = this.build();
  }

  /** Stops pending foreign-lock releases and task steps (reset, server close). */
  cancelTimers(): void {
    this.tasks.cancelTimers();
    this.lockTimers.forEach(clearTimeout);
    this.lockTimers.clear();
  }

  /**
   * Turns an ADOM's workspace mode on or off. Turning it off drops any lock but keeps the data as it
   * is (like a dvmdb update of `workspace_mode`); a foreign lock holder's session goes with it.
   */
  setWorkspaceMode(name: string, enabled: boolean): { adom: string; workspace_mode: number } {
    const adom = this.adom(name);
    if (!enabled && adom.lock) {
      const sid = adom.lock.sid;
      adom.lock = undefined;
      this.dropForeign(name, sid);
    }
    const mode = enabled ? 1 : 0;
    adom.meta.workspace_mode = mode;
    return { adom: name, workspace_mode: mode };
  }

  /**
   * Another admin (a foreign session, not counted in `live`) locks the ADOM, turning workspace mode
   * on if needed. A lock already held by a foreign session is taken over; one held by a login or
   * API-key session is a conflict (409). With `releaseAfterMs` the lock is released by itself later.
   */
  addForeignLock(name: string, user: string, releaseAfterMs?: number): ForeignLockReport {
    const adom = this.adom(name);
    if (adom.lock) {
      if (!this.sessions.isForeign(adom.lock.sid)) {
        throw new ControlError(
          409,
          `ADOM ${name} is locked by ${adom.lock.user} in a login or API-key session`,
        );
      }
      this.releaseForeignLock(name);
    }
    if (!inWorkspaceMode(adom)) adom.meta.workspace_mode = 1;
    const session = this.sessions.addForeign(user);
    lockAdom(adom, session);
    const report: ForeignLockReport = { adom: name, user, lock_sid: session.no };
    if (releaseAfterMs !== undefined) {
      const sid = session.sid;
      const timer = setTimeout(() => {
        if (this.lockTimers.get(name) !== timer) return;
        this.lockTimers.delete(name);
        // The lock may be gone already (workspace mode turned off, ADOM deleted); the session goes anyway.
        const current = this.store.adoms.get(name);
        if (current?.lock?.sid === sid) current.lock = undefined;
        this.sessions.endForeign(sid);
      }, releaseAfterMs);
      // A pending release must not keep the process (or a test runner) alive.
      timer.unref();
      this.lockTimers.set(name, timer);
      report.releaseAt = Date.now() + releaseAfterMs;
    }
    return report;
  }

  /**
   * Releases a foreign lock on the ADOM now. The holder made no changes of its own, so nothing is
   * discarded: the current config stays as if committed. Answers false when no foreign lock is held.
   */
  releaseForeignLock(name: string): boolean {
    const adom = this.adom(name);
    const lock = adom.lock;
    if (!lock || !this.sessions.isForeign(lock.sid)) return false;
    adom.lock = undefined;
    this.dropForeign(name, lock.sid);
    return true;
  }

  private adom(name: string): AdomState {
    const adom = this.store.adoms.get(name);
    if (!adom) throw new ControlError(404, `unknown ADOM ${name}`);
    return adom;
  }

  /** Ends a foreign lock holder's session (if it is one) and its pending release. */
  private dropForeign(name: string, sid: string): void {
    if (!this.sessions.endForeign(sid)) return;
    clearTimeout(this.lockTimers.get(name));
    this.lockTimers.delete(name);
  }

  private build(): Store {
    const store = buildStore(this.opts.seed, this.opts.dataSet);
    const dc = store.adoms.get('datacenter');
    if (dc) {
      // A GUI admin who is not an API user holds the datacenter lock and never logs out,
      // so clients meet -20055 exactly as with a forgotten GUI session.
      lockAdom(dc, this.sessions.addForeign('jsmith'), SEED_TIME * 1000);
    }
    return store;
  }
}
