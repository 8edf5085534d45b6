import { Injectable } from '@nestjs/common';
import { LogSearchRecord, LogSearchRegistry } from './log-search.registry';
import { SharedState } from '../../shared-state/shared-state';

/** A record outlives its expiry by this much, so a replica's sweep still finds it and ends the upstream search. */
const SWEEP_GRACE_MS = 10 * 60_000;
const keyOf = (id: string) => `faz-search:${id}`;

/**
 * FortiAnalyzer log searches in shared state: a search started through one replica can be paged, exported
 * or deleted through any other. Each replica sweeps the searches it has seen (created or read); a search
 * whose replicas all died is dropped from the store by its TTL, and FAZ ends its own search tasks.
 */
@Injectable()
export class SharedLogSearchRegistry extends LogSearchRegistry {
  /** Ids this replica created or read, for its expiry sweep (shared state has no listing). */
  private readonly seen = new Set<string>();

  constructor(private readonly state: SharedState) {
    super();
  }

  async put(record: LogSearchRecord): Promise<void> {
    const ttl = Math.max(1, record.expiresAt - Date.now()) + SWEEP_GRACE_MS;
    await this.state.set(keyOf(record.id), record, ttl);
    this.seen.add(record.id);
  }

  async get(id: string): Promise<LogSearchRecord | undefined> {
    const record = await this.state.get<LogSearchRecord>(keyOf(id));
    if (record) this.seen.add(id);
    return record;
  }

  /** Compare-and-delete: of two replicas deleting at once, only one is told it removed the record. */
  async delete(id: string): Promise<boolean> {
    this.seen.delete(id);
    const record = await this.state.get<LogSearchRecord>(keyOf(id));
    return record !== undefined && (await this.state.deleteIf(keyOf(id), record));
  }

  async listExpired(now: number): Promise<LogSearchRecord[]> {
    const expired: LogSearchRecord[] = [];
    for (const id of [...this.seen]) {
      const record = await this.state.get<LogSearchRecord>(keyOf(id));
      if (!record) this.seen.delete(id);
      else if (record.expiresAt <= now) expired.push(record);
    }
    return expired;
  }
}
