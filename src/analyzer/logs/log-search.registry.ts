import { Injectable } from '@nestjs/common';

/**
 * The search as sent to FAZ, frozen at creation (the time window in the appliance's wall clock included),
 * so the gateway can issue it again when the appliance reaped the task id.
 */
export interface LogSearchDefinition {
  logtype: string;
  device: Record<string, string>[];
  'time-range': { start: string; end: string };
  filter: string;
  'case-sensitive': boolean;
  'time-order': 'asc' | 'desc';
}

/** What the gateway remembers about one client log search (never sent to clients as is). */
export interface LogSearchRecord {
  /** Opaque gateway id used in URLs (the upstream tid is never exposed). This is the durable thing. */
  id: string;
  adom: string;
  /** The live FAZ logsearch task id; null once spent or reaped (the next read issues the search again). */
  tid: number | null;
  /** The live tid has already answered a data fetch (a second one tells whether tids are reusable). */
  tidFetched?: boolean;
  /** What to send to issue the search again. Absent on records written by older gateway versions. */
  search?: LogSearchDefinition;
  /** Seen at 100 %: later reads need no progress probe. */
  done?: boolean;
  /** Rows the finished search holds. */
  total?: number;
  /** Upstream searches issued for this client search (1 at creation). */
  searches?: number;
  logType: string;
  /**
   * The FortiAnalyzer it runs on, by its name in `/analyzers/{name}` (unset: the default one). Its tid means
   * nothing on another analyzer, so the search is only found through its own (issue #18).
   */
  analyzer?: string;
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
