import { createHash, randomUUID } from 'node:crypto';
import type { UpstreamConfig } from '../../config/app-config';
import type { SharedState } from '../../shared-state/shared-state';

/**
 * The upstream's session limit shared by every replica of the gateway: a pool takes a slot here before it
 * logs a new session in and gives it back after the logout. Slots are leases that the holder renews, so a
 * replica that dies without logging out frees its slots after `ttlMs` (FMG drops its idle sessions too).
 */
export interface SessionBudget {
  readonly ttlMs: number;
  /** How often a replica whose callers wait for a slot asks again. */
  readonly pollMs: number;
  /** A lease id, or undefined while every slot is taken. */
  tryAcquire(): Promise<string | undefined>;
  /** Renews the leases; returns those that had expired (their slot may be someone else's now). */
  renew(leases: string[]): Promise<string[]>;
  release(lease: string): Promise<void>;
  /** Tells the other replicas that callers here wait for a slot, so they log idle sessions out. */
  signalWanted(): Promise<void>;
  /** Whether another replica's callers wait for a slot. */
  wantedElsewhere(): Promise<boolean>;
}

export const BUDGET_LEASE_TTL_MS = 30_000;
export const BUDGET_POLL_MS = 100;

export class SharedSessionBudget implements SessionBudget {
  private next = 0;
  private readonly wantedKey: string;
  /** This pool among all holders: the replica, plus a tag for each upstream (pool) it runs. */
  readonly holderId: string;

  constructor(
    private readonly state: SharedState,
    private readonly semaphore: string,
    private readonly limit: number,
    readonly ttlMs = BUDGET_LEASE_TTL_MS,
    readonly pollMs = BUDGET_POLL_MS,
  ) {
    this.wantedKey = `${semaphore}:wanted`;
    this.holderId = `${state.replicaId}/${randomUUID().slice(0, 4)}`;
  }

  /** One budget per upstream account: FMG's login-max counts sessions per administrator. */
  static forUpstream(state: SharedState, config: UpstreamConfig, ttlMs?: number): SharedSessionBudget {
    const user = 'username' in config.auth ? config.auth.username : '';
    const account = createHash('sha256').update(`${config.url}\0${user}`).digest('hex').slice(0, 16);
    return new SharedSessionBudget(state, `sessions:${config.name}:${account}`, config.maxSessions, ttlMs);
  }

  async tryAcquire(): Promise<string | undefined> {
    const lease = `${this.holderId}:${++this.next}`;
    return (await this.state.acquireSlot(this.semaphore, lease, this.limit, this.ttlMs)) ? lease : undefined;
  }

  async renew(leases: string[]): Promise<string[]> {
    const kept = await Promise.all(leases.map((l) => this.state.renewSlot(this.semaphore, l, this.ttlMs)));
    return leases.filter((_, i) => !kept[i]);
  }

  release(lease: string): Promise<void> {
    return this.state.releaseSlot(this.semaphore, lease);
  }

  holders(): Promise<string[]> {
    return this.state.slotHolders(this.semaphore);
  }

  signalWanted(): Promise<void> {
    // Lives a few polls: it vanishes soon after the last waiter here is served or gives up.
    return this.state.set(this.wantedKey, this.holderId, this.pollMs * 5);
  }

  async wantedElsewhere(): Promise<boolean> {
    const by = await this.state.get<string>(this.wantedKey);
    return by !== undefined && by !== this.holderId;
  }
}
