import { Injectable } from '@nestjs/common';

/** What the gateway remembers about one client log search (never sent to clients as is). */
export interface LogSearchRecord {
  /** Opaque gateway id used in URLs (the upstream tid is never exposed). */
  id: string;
  adom: string;
  /** FAZ logsearch task id. */
  tid: number;
  logType: string;
  /** Token subject that created the search: only it may read or delete it. */
  owner: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms; extended on every read. After this the sweep deletes the upstream search and the record. */
  expiresAt: number;
  /** Every row was read: the upstream search is already deleted. */
  consumed: boolean;
}

/**
 * Where search records live. Async on purpose: a shared store (Redis, for several gateway replicas)
 * will implement the same contract later; the in-memory Map is the single-replica default.
 */
export abstract class LogSearchRegistry {
  abstract put(record: LogSearchRecord): Promise<void>;
  abstract get(id: string): Promise<LogSearchRecord | undefined>;
  /** True when a record was removed (so only one caller cleans up its upstream search). */
  abstract delete(id: string): Promise<boolean>;
  /** Records whose `expiresAt` is at or before `now`. */
  abstract listExpired(now: number): Promise<LogSearchRecord[]>;
}

@Injectable()
export class InMemoryLogSearchRegistry extends LogSearchRegistry {
  private readonly records = new Map<string, LogSearchRecord>();

  put(record: LogSearchRecord): Promise<void> {
    this.records.set(record.id, { ...record });
    return Promise.resolve();
  }

  get(id: string): Promise<LogSearchRecord | undefined> {
    const r = this.records.get(id);
    return Promise.resolve(r && { ...r });
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.records.delete(id));
  }

  listExpired(now: number): Promise<LogSearchRecord[]> {
    return Promise.resolve(
      [...this.records.values()].filter((r) => r.expiresAt <= now).map((r) => ({ ...r })),
    );
  }
}
