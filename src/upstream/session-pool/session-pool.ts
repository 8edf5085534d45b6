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
}

interface Slot {
  id: number;
  /** Undefined while logging in, and always in token mode. */
  session?: string;
  busy: boolean;
  lastUsed: number;
  /** The shared-budget slot this session counts against (shared budget only). */
  budgetLease?: string;
  /** Its budget lease expired: the session must go as soon as it is not in use. */
  lost?: boolean;
}

interface Waiter {
  resolve: (slot: Slot) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** One exclusive use of a pool slot: the session is never shared by two calls at once. */
export interface Lease {
  readonly session: string | undefined;
  /** Replaces this slot's session with a new login (the old one is logged out, best effort). */
  relogin(): Promise<void>;
  release(): void;
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
 * FMG, 20 on FAZ Cloud) and expire silently, so the gateway holds a few, lends each to one call at a
 * time, queues callers beyond the cap for a bounded time (then 503 + Retry-After), drops idle ones
 * before the upstream does, and logs every one of them out on shutdown.
 */
export class SessionPool {
  private readonly logger: Logger;
  private readonly slots = new Set<Slot>();
  private readonly waiters: Waiter[] = [];
  private readonly sweeper: NodeJS.Timeout;
  private nextId = 1;
  private limit: number;
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
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(options.sessionIdleMs / 2, 30_000));
    this.sweeper.unref();
    // Token mode has no sessions to count.
    if (options.budget && auth.kind === 'session') {
      this.budget = options.budget;
      this.renewer = setInterval(() => void this.renewBudget(), this.budget.ttlMs / 3);
      this.renewer.unref();
    }
  }

  async lease(): Promise<Lease> {
    if (this.closing) throw this.unavailable('The gateway is shutting down.');
    await this.checkLimit();
    // close() may have begun while we asked the authenticator.
    if (this.closing) throw this.unavailable('The gateway is shutting down.');
    // With a shared budget a new session first needs a budget slot: callers queue and pump() asks for one.
    const slot = this.takeIdle() ?? (this.budget ? undefined : this.reserve()) ?? (await this.enqueue());
    try {
      if (this.auth.kind === 'session' && slot.session === undefined) slot.session = await this.login();
    } catch (err) {
      this.retire(slot);
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
      busy: all.filter((s) => s.busy).length,
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
    while ([...this.slots].some((s) => s.busy) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const slots = [...this.slots];
    this.slots.clear();
    await Promise.all(slots.map((s) => this.dispose(s)));
    await this.auth.close();
  }

  private wrap(slot: Slot): Lease {
    let released = false;
    return {
      get session() {
        return slot.session;
      },
      relogin: async () => {
        if (this.auth.kind !== 'session') return;
        const stale = slot.session;
        slot.session = undefined;
        // The -11 may have been a permission answer on a live session: close it so it does not leak.
        // Under a shared budget it is closed first, so this slot never counts two sessions upstream.
        if (stale !== undefined && this.budget) await this.logout(stale);
        else if (stale !== undefined) void this.logout(stale);
        slot.session = await this.login();
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
      if (limit !== undefined) this.limit = Math.min(this.options.maxSessions, limit);
      this.limitChecked = true;
    } catch {
      // Could not ask (upstream down?): keep the configured cap and ask again on the next call.
    }
  }

  private takeIdle(): Slot | undefined {
    // Most recently used first, so surplus sessions go idle and are swept.
    let best: Slot | undefined;
    for (const s of this.slots) {
      if (
        !s.busy &&
        !s.lost &&
        (this.auth.kind === 'token' || s.session !== undefined) &&
        (!best || s.lastUsed > best.lastUsed)
      ) {
        best = s;
      }
    }
    if (best) best.busy = true;
    return best;
  }

  private reserve(): Slot | undefined {
    if (this.slots.size >= this.limit) return undefined;
    const slot: Slot = { id: this.nextId++, busy: true, lastUsed: Date.now() };
    this.slots.add(slot);
    return slot;
  }

  private enqueue(): Promise<Slot> {
    if (this.waiters.length >= this.options.maxQueue) {
      return Promise.reject(
        this.unavailable(`All ${this.limit} upstream sessions are busy and the queue is full.`),
      );
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
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

  /** A slot comes back: hand it straight to the next waiter, or park it idle. */
  private give(slot: Slot): void {
    slot.lastUsed = Date.now();
    if (!this.slots.has(slot)) return; // retired or closed meanwhile
    if ((this.auth.kind === 'session' && slot.session === undefined) || slot.lost) {
      this.retire(slot);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.resolve(slot);
    } else {
      slot.busy = false;
      if (this.budget) {
        void this.yieldIfWanted(slot);
        this.watchIdle();
      }
    }
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
    const waiter = this.waiters[0];
    if (!waiter) return;
    const fresh = this.reserve();
    if (!fresh) return;
    this.waiters.shift();
    clearTimeout(waiter.timer);
    waiter.resolve(fresh);
  }

  private sweepIdle(): void {
    const cutoff = Date.now() - this.options.sessionIdleMs;
    for (const slot of this.slots) {
      if (!slot.busy && slot.lastUsed < cutoff) {
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
        clearTimeout(waiter.timer);
        waiter.resolve(slot);
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
    if (wanted && !slot.busy && this.slots.has(slot)) {
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
      const idle = [...this.slots].filter((s) => !s.busy && s.budgetLease !== undefined);
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
        if (!slot.busy && (slot.lost || wanted) && this.slots.has(slot)) {
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
