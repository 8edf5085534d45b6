/** Bounded log of the params elements the emulator received, so tests can assert upstream traffic. */
export interface CallRecord {
  seq: number;
  method: string;
  /** Normalized url (no leading `/`, escapes kept as sent). */
  url: string;
  user: string | null;
  code: number;
  /**
   * Requests carrying the same `session` in flight when this one arrived, itself included (absent without a
   * session): > 1 shows a client sharing one session between parallel calls.
   */
  sessionLoad?: number;
  /** Params elements in the request this one came in, when more than one (a batched call). */
  batch?: number;
  /** Set when an injected `status` fault answered instead of the real handler. */
  faulted?: true;
  /** Set when the request used FortiAnalyzer's analytics envelope (docs/upstream-api.md §9.1). */
  jsonrpc?: '2.0';
  /** The FAZ `time-range` the call carried (as sent: the appliance's wall clock), for time-zone tests. */
  timeRange?: unknown;
}

const MAX_CALLS = 10_000;

export class CallLog {
  private items: CallRecord[] = [];
  private seq = 0;

  add(rec: Omit<CallRecord, 'seq'>): void {
    this.items.push({ seq: ++this.seq, ...rec });
    if (this.items.length > MAX_CALLS) this.items.splice(0, this.items.length - MAX_CALLS);
  }

  /** Calls with seq > since; `next` is the latest seq, to be passed back as `since`. */
  since(since: number): { next: number; calls: CallRecord[] } {
    return { next: this.seq, calls: this.items.filter((c) => c.seq > since) };
  }

  /** Forgets the entries but keeps numbering monotonic, so stale `since` values stay meaningful. */
  clear(): void {
    this.items = [];
  }
}
