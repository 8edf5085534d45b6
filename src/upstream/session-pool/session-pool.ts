import { Logger } from '@nestjs/common';
import { GatewayError } from '../../common/errors/gateway-error';
import type { Authenticator } from './authenticators';
import type { SessionBudget } from './session-budget';

export interface PoolOptions {
  /** Upstream name, for logs and errors. */
  name: string;
  /** Most sessions (token mode: parallel calls) held at once; keep below the admin's login-max. */
  maxSessions: number;
  queueTimeoutMs: number;
  maxQueue: number;
  /** Idle sessions are logged out after this long (before the upstream's idle timeout kills them). */
  sessionIdleMs: number;
  /** How long close() waits for calls in flight before logging their sessions out anyway. */
  drainMs?: number;
  /** Replicas share `maxSessions` through this (session mode only); unset: this pool alone decides. */
  budget?: SessionBudget;
  /** Calls that may share one session at once (shared leases only); default 1. */
  maxInflight?: number;
}

interface Slot {
  id: number;
  /** Undefined while logging in, and always in token mode. */
  session?: string;
  /** Leases holding this slot now: one exclusive, or up to maxInflight shared. */
  users: number;
  exclusive: boolean;
  /** A login (first or after -11) in flight: sharers wait for it rather than log in again. */
  pending?: Promise<void>;
  lastUsed: number;
  /** The shared-budget slot this session counts against (shared budget only). */
  budgetLease?: string;
  /** Its budget lease expired: the session must go as soon as it is not in use. */
  lost?: boolean;
}

interface Waiter {
  shared: boolean;
  resolve: (slot: Slot) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One use of a pool slot. An exclusive lease owns its session; a shared one (reads) may overlap with up to
 * maxInflight - 1 other shared leases on the same session.
 */
export interface Lease {
  /** The slot's session now (undefined while a login runs, and always in token mode). */
  readonly session: string | undefined;
  /** The session to send with, once any login in flight on this slot is done. */
  current(): Promise<string | undefined>;
  /**
   * Replaces this slot's session (default: the current one) with a new login; the old one is logged out, best
   * effort. Single-flight: a sharer whose `stale` session was already replaced, or is being replaced, only
   * waits for the new one.
   */
  relogin(stale?: string): Promise<void>;
  release(): void;
}

export interface LeaseOptions {
  /** The call may share its session with other shared calls (reads); default exclusive. */
  shared?: boolean;
}

export interface PoolStats {
  max: number;
  limit: number;
  sessions: number;
  busy: number;
  waiting: number;
  logins: number;
  logouts: number;
}

/**
 * The upstream session pool (docs/upstream-api.md §5.1, §10.1): sessions are scarce (login-max 32 per admin on
 * FMG, 20 on FAZ Cloud) and expire silently, so the gateway holds a few, lends each to one exclusive user or
 * to up to maxInflight reads at a time (§5.1), queues callers beyond the cap for a bounded time (then 503 +
 * Retry-After), drops idle ones before the upstream does, and logs every one of them out on shutdown.
 */
export class SessionPool {
  private readonly logger: Logger;
  private readonly slots = new Set<Slot>();
  private readonly waiters: Waiter[] = [];
  private readonly sweeper: NodeJS.Timeout;
  private nextId = 1;
  private limit: number;
  /** Shared leases per slot; 1 when the authenticator says the upstream mishandles parallel calls. */
  private inflight: number;
  private limitChecked = false;
  private closing = false;
  private logins = 0;
  private logouts = 0;
  private readonly budget?: SessionBudget;
  private readonly renewer?: NodeJS.Timeout;
  /** A budget slot is being asked for (one request at a time, so a pool never over-reserves). */
  private pumping = false;
  private poll?: NodeJS.Timeout;
  private idleWatch?: NodeJS.Timeout;

  constructor(
    private readonly auth: Authenticator,
    private readonly options: PoolOptions,
  ) {
    this.logger = new Logger(`SessionPool:${options.name}`);
    this.limit = options.maxSessions;
    this.inflight = Math.max(1, options.maxInflight ?? 1);
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(options.sessionIdleMs / 2, 30_000));
    this.sweeper.unref();
    // Token mode has no sessions to count.
    if (options.budget && auth.kind === 'session') {
      this.budget = options.budget;
      this.renewer = setInterval(() => void this.renewBudget(), this.budget.ttlMs / 3);
      this.renewer.unref();
    }
  }

  async lease(options: LeaseOptions = {}): Promise<Lease> {
    if (this.closing) throw this.unavailable('The gateway is shutting down.');
    await this.checkLimit();
    // close() may have begun while we asked the authenticator.
    if (this.closing) throw this.unavailable('The gateway is shutting down.');
    const shared = options.shared === true && this.inflight > 1;
    // With a shared budget a new session first needs a budget slot: callers queue and pump() asks for one.
    const slot =
      (shared ? this.takeShared() : this.takeIdle()) ??
      (this.budget ? undefined : this.reserve(shared)) ??
      (await this.enqueue(shared));
    try {
      await this.ensureSession(slot);
    } catch (err) {
      this.give(slot);
      throw err;
    }
    return this.wrap(slot);
  }

  stats(): PoolStats {
    const all = [...this.slots];
    return {
      max: this.options.maxSessions,
      limit: this.limit,
      sessions: all.filter((s) => s.session !== undefined).length,
      busy: all.filter((s) => s.users > 0).length,
      waiting: this.waiters.length,
      logins: this.logins,
      logouts: this.logouts,
    };
  }

  /** Refuses new work, waits (bounded) for calls in flight, then logs every session out. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.sweeper);
    clearInterval(this.renewer);
    clearTimeout(this.poll);
    clearInterval(this.idleWatch);
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(this.unavailable('The gateway is shutting down.'));
    }
    const deadline = Date.now() + (this.options.drainMs ?? 5_000);
    while ([...this.slots].some((s) => s.users > 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const slots = [...this.slots];
    this.slots.clear();
    await Promise.all(slots.map((s) => this.dispose(s)));
    await this.auth.close();
  }

  /** Logs the slot in if it has no session yet; sharers arriving meanwhile wait for the same login. */
  private ensureSession(slot: Slot): Promise<void> {
    if (slot.pending) return slot.pending;
    if (this.auth.kind !== 'session' || slot.session !== undefined) return Promise.resolve();
    return this.renew(slot, async () => {
      slot.session = await this.login();
    });
  }

  private renew(slot: Slot, work: () => Promise<void>): Promise<void> {
    const pending = work().finally(() => {
      if (slot.pending === pending) slot.pending = undefined;
    });
    slot.pending = pending;
    return pending;
  }

  private wrap(slot: Slot): Lease {
    let released = false;
    return {
      get session() {
        return slot.session;
      },
      current: async () => {
        if (slot.pending) await slot.pending;
        return slot.session;
      },
      relogin: (stale = slot.session) => {
        if (this.auth.kind !== 'session') return Promise.resolve();
        if (slot.pending) return slot.pending;
        // Another sharer saw the same -11 first and its new session is already in place.
        if (slot.session !== stale) return Promise.resolve();
        slot.session = undefined;
        return this.renew(slot, async () => {
          // The -11 may have been a permission answer on a live session: close it so it does not leak.
          // Under a shared budget it is closed first, so this slot never counts two sessions upstream.
          if (stale !== undefined && this.budget) await this.logout(stale);
          else if (stale !== undefined) void this.logout(stale);
          slot.session = await this.login();
        });
      },
      release: () => {
        if (released) return;
        released = true;
        this.give(slot);
      },
    };
  }

  /** Token mode asks the authenticator once whether this upstream needs fewer parallel calls. */
  private async checkLimit(): Promise<void> {
    if (this.limitChecked) return;
    try {
      const limit = await this.auth.concurrencyLimit();
      if (limit !== undefined) {
        this.limit = Math.min(this.options.maxSessions, limit);
        this.inflight = 1;
      }
      this.limitChecked = true;
    } catch {
      // Could not ask (upstream down?): keep the configured cap and ask again on the next call.
    }
  }

  private takeIdle(): Slot | undefined {
    // Most recently used first, so surplus sessions go idle and are swept.
    let best: Slot | undefined;
    for (const s of this.slots) {
      if (s.users === 0 && this.usable(s) && (!best || s.lastUsed > best.lastUsed)) best = s;
    }
    if (best) this.claim(best, false);
    return best;
  }

  /**
   * A slot a read may join: the least loaded one with room, so reads spread over the sessions already held
   * before a new one is logged in. None while an exclusive caller waits, so that busy sessions drain to it.
   */
  private takeShared(): Slot | undefined {
    if (this.waiters.some((w) => !w.shared)) return undefined;
    let best: Slot | undefined;
    for (const s of this.slots) {
      if (!this.fits(s, true) || !this.usable(s)) continue;
      if (!best || s.users < best.users || (s.users === best.users && s.lastUsed > best.lastUsed)) best = s;
    }
    if (best) this.claim(best, true);
    return best;
  }

  /** Has a session, or is getting one (token mode: always). */
  private usable(slot: Slot): boolean {
    return this.auth.kind === 'token' || slot.session !== undefined || slot.pending !== undefined;
  }

  private fits(slot: Slot, shared: boolean): boolean {
    if (slot.lost || !this.slots.has(slot)) return false;
    return shared ? !slot.exclusive && slot.users < this.inflight : slot.users === 0;
  }

  private claim(slot: Slot, shared: boolean): void {
    slot.users++;
    slot.exclusive = !shared;
  }

  private reserve(shared = false): Slot | undefined {
    if (this.slots.size >= this.limit) return undefined;
    const slot: Slot = { id: this.nextId++, users: 1, exclusive: !shared, lastUsed: Date.now() };
    this.slots.add(slot);
    return slot;
  }

  private enqueue(shared: boolean): Promise<Slot> {
    if (this.waiters.length >= this.options.maxQueue) {
      return Promise.reject(
        this.unavailable(`All ${this.limit} upstream sessions are busy and the queue is full.`),
      );
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        shared,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(
            this.unavailable(`No upstream session became free within ${this.options.queueTimeoutMs} ms.`),
          );
        }, this.options.queueTimeoutMs),
      };
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** A lease comes back: its slot's room goes to the waiters, or the slot is parked idle. */
  private give(slot: Slot): void {
    slot.lastUsed = Date.now();
    slot.users--;
    if (!this.slots.has(slot)) return; // retired or closed meanwhile
    if (slot.users > 0) {
      this.dispatch();
      return;
    }
    slot.exclusive = false;
    const loggedOut = this.auth.kind === 'session' && slot.session === undefined && !slot.pending;
    if (loggedOut || slot.lost) {
      this.retire(slot);
      return;
    }
    this.dispatch();
    if (slot.users === 0 && this.budget) {
      void this.yieldIfWanted(slot);
      this.watchIdle();
    }
  }

  /**
   * Hands free room to the waiters in order. The first waiter that fits nowhere blocks those behind it (an
   * exclusive caller is not overtaken by reads forever); each pass may free a slot for the next.
   */
  private dispatch(): void {
    let served = true;
    while (served && this.waiters.length > 0) {
      served = false;
      for (const slot of this.slots) {
        while (this.waiters.length > 0 && this.fits(slot, this.waiters[0].shared) && this.usable(slot)) {
          this.serve(this.waiters.shift()!, slot);
          served = true;
        }
      }
    }
  }

  private serve(waiter: Waiter, slot: Slot): void {
    clearTimeout(waiter.timer);
    this.claim(slot, waiter.shared);
    waiter.resolve(slot);
  }

  /** Drops a slot whose session is gone; a waiter then gets the freed capacity. */
  private retire(slot: Slot): void {
    this.slots.delete(slot);
    if (this.budget) {
      // The budget slot comes back only after the logout; then a waiter here may take it.
      void this.dispose(slot).then(() => this.pump());
      return;
    }
    if (slot.session !== undefined) void this.logout(slot.session);
    this.freshForWaiter();
  }

  /** A new slot for the first waiter, if the cap allows; shared waiters behind it may join it. */
  private freshForWaiter(): void {
    const waiter = this.waiters[0];
    if (!waiter) return;
    const fresh = this.reserve(waiter.shared);
    if (!fresh) return;
    fresh.users = 0;
    this.serveFresh(this.waiters.shift()!, fresh);
  }

  /** A new slot to a waiter: its login starts now, so reads queued behind may join it meanwhile. */
  private serveFresh(waiter: Waiter, slot: Slot): void {
    this.serve(waiter, slot);
    // The waiter's lease() awaits the same login and handles its failure.
    this.ensureSession(slot).catch(() => undefined);
    this.dispatch();
  }

  private sweepIdle(): void {
    const cutoff = Date.now() - this.options.sessionIdleMs;
    for (const slot of this.slots) {
      if (slot.users === 0 && slot.lastUsed < cutoff) {
        this.slots.delete(slot);
        void this.dispose(slot);
      }
    }
  }

  /** Logs the slot's session out, then gives its budget slot back (in that order: never one too many). */
  private async dispose(slot: Slot): Promise<void> {
    if (slot.session !== undefined) await this.logout(slot.session);
    const lease = slot.budgetLease;
    slot.budgetLease = undefined;
    if (lease !== undefined && this.budget) {
      await this.budget.release(lease).catch((err: Error) => {
        this.logger.warn(`Budget slot not given back (it expires by itself): ${err.message}`);
      });
    }
  }

  /**
   * Shared budget: asks for a slot for the first waiter while this replica may open another session.
   * A refusal is asked again every pollMs (other replicas cannot notify us), and tells the other
   * replicas to log their idle sessions out.
   */
  private pump(): void {
    const budget = this.budget;
    if (!budget || this.pumping || this.closing) return;
    if (this.waiters.length === 0 || this.slots.size >= this.limit) return;
    this.pumping = true;
    const slot = this.reserve()!;
    budget.tryAcquire().then(
      (lease) => {
        this.pumping = false;
        if (lease === undefined) {
          this.slots.delete(slot);
          void budget.signalWanted().catch(() => undefined);
          this.schedulePoll(budget.pollMs);
          return;
        }
        slot.budgetLease = lease;
        const waiter = this.slots.has(slot) && !this.closing ? this.waiters.shift() : undefined;
        if (!waiter) {
          // Closed, or the waiter timed out meanwhile: hand the slot straight back.
          this.slots.delete(slot);
          void this.dispose(slot).then(() => this.pump());
          return;
        }
        slot.users = 0;
        this.serveFresh(waiter, slot);
        this.pump();
      },
      (err: Error) => {
        this.pumping = false;
        this.slots.delete(slot);
        // Without the shared state the budget cannot be honoured: refuse rather than overrun it.
        this.logger.error(`Shared session budget unavailable: ${err.message}`);
        for (const w of this.waiters.splice(0)) {
          clearTimeout(w.timer);
          w.reject(this.unavailable(`The shared session budget cannot be read (${err.message}).`));
        }
      },
    );
  }

  private schedulePoll(ms: number): void {
    if (this.poll || this.closing) return;
    // Jitter, so replicas that wait together do not ask in lockstep.
    this.poll = setTimeout(
      () => {
        this.poll = undefined;
        this.pump();
      },
      ms / 2 + Math.random() * ms,
    );
    this.poll.unref();
  }

  /** Another replica waits for a budget slot: an idle session here is worth more to it. */
  private async yieldIfWanted(slot: Slot): Promise<void> {
    const wanted = await this.budget!.wantedElsewhere().catch(() => false);
    if (wanted && slot.users === 0 && this.slots.has(slot)) {
      this.slots.delete(slot);
      await this.dispose(slot);
    }
  }

  /**
   * While this replica holds idle sessions under a shared budget, it looks every other poll whether another
   * replica waits for a slot and, if so, logs out its least recently used idle session.
   */
  private watchIdle(): void {
    if (this.idleWatch || this.closing) return;
    this.idleWatch = setInterval(() => {
      const idle = [...this.slots].filter((s) => s.users === 0 && s.budgetLease !== undefined);
      if (idle.length === 0) {
        clearInterval(this.idleWatch);
        this.idleWatch = undefined;
        return;
      }
      const oldest = idle.reduce((a, b) => (a.lastUsed <= b.lastUsed ? a : b));
      void this.yieldIfWanted(oldest);
    }, this.budget!.pollMs * 2);
    this.idleWatch.unref();
  }

  /** Keeps this replica's budget slots alive; a lease found expired takes its session with it. */
  private async renewBudget(): Promise<void> {
    const budget = this.budget!;
    const held = [...this.slots].filter((s) => s.budgetLease !== undefined);
    try {
      const lost = new Set(await budget.renew(held.map((s) => s.budgetLease!)));
      const wanted = await budget.wantedElsewhere();
      for (const slot of held) {
        if (lost.has(slot.budgetLease!)) {
          this.logger.warn(`Budget lease ${slot.budgetLease} expired; its session will be logged out.`);
          slot.budgetLease = undefined;
          slot.lost = true;
        }
        if (slot.users === 0 && (slot.lost || wanted) && this.slots.has(slot)) {
          this.slots.delete(slot);
          void this.dispose(slot);
        }
      }
    } catch (err) {
      this.logger.warn(`Budget leases not renewed: ${(err as Error).message}`);
    }
  }

  private async login(): Promise<string> {
    const session = await this.auth.login();
    this.logins++;
    if (this.closing) {
      // Shutdown began while we were logging in: do not let this session outlive the pool.
      void this.logout(session);
      throw this.unavailable('The gateway is shutting down.');
    }
    return session;
  }

  private async logout(session: string): Promise<void> {
    this.logouts++;
    await this.auth.logout(session);
  }

  private unavailable(detail: string): GatewayError {
    const retryAfter = Math.max(1, Math.ceil(this.options.queueTimeoutMs / 1000));
    return new GatewayError('UPSTREAM_BUSY', `${this.options.name}: ${detail}`, {
      title: 'Upstream sessions exhausted',
      extensions: { retryable: true },
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
}
