import {
  currentContext,
  type RequestContext,
  recordRpcResults,
  runWithContext,
} from '../../common/context/request-context';
import { noteUpstreamId, upstreamIdsOf } from '../../common/context/upstream-ids';
import type { RpcParam, RpcResult } from '../transport/jsonrpc.types';

/**
 * Params given late: called once, when the call has its session and its slot and is about to go out.
 * Reads that arrive until then join the call.
 */
export type LateParams = () => RpcParam[];

/**
 * Pages of more rows go alone: their call overhead is small next to their rows, and in a batch every reader
 * would wait for the whole answer of all of them to arrive and be parsed.
 */
const BATCHED_ROWS_MAX = 100;
const isPage = (p: RpcParam): boolean => Array.isArray(p.range) && p.range[1] > BATCHED_ROWS_MAX;

interface Waiter {
  params: RpcParam[];
  /** The reader's request id, for the shared call's log lines. */
  requestId?: string;
  resolve(answer: Answer): void;
  reject(err: unknown): void;
}

interface Batch {
  waiters: Waiter[];
  /** Params in the batch so far. */
  size: number;
  /** No more reads may join: it is full, or its params were taken. */
  sealed: boolean;
}

interface Answer {
  results: RpcResult[];
  /** JSON-RPC ids of the shared call (every attempt), for each request's access log. */
  ids: number[];
}

/**
 * Concurrent reads go out as one JSON-RPC call: FortiManager takes several operations in one `params` array
 * and answers each with its own status (docs/upstream-api.md §1, "multiplexing"). An HTTP call costs the
 * gateway (and the upstream) far more than one more param, so when the gateway is short of CPU this is most
 * of the per-request cost of a small read, and when the upstream's slots are all taken it is free.
 *
 * Only then (`crowded`), and only when another read's call is on its way or a batch is open, does a read
 * wait for others. A batch opens with the first such read and asks for a call in the next turn of the event
 * loop (no timer). Reads keep joining it until the call has its session
 * and limiter slot and takes the params, or until it holds `maxParams`: the busier the upstream, the fuller
 * the calls.
 *
 * A batch is one call for every purpose: one session lease, one limiter slot, one re-login if the session
 * expired, one error if the call fails. It runs in a context of its own; each reader then notes the call's
 * ids and records its own params, in its own request. Which reads may join is the caller's choice.
 */
export class ReadBatcher {
  private open?: Batch;
  /** Calls of this batcher on their way (alone or batched), from the read until the answer. */
  private out = 0;
  /** Reads that went out in one call with at least one other read. */
  batched = 0;

  constructor(
    private readonly upstream: string,
    /** Most params in one call; a read as large or larger goes out alone. */
    private readonly maxParams: number,
    private readonly send: (params: LateParams) => Promise<RpcResult[]>,
    /**
     * Whether reads should wait to share a call now: the upstream's slots are all taken, or this process
     * is short of CPU. Otherwise a read goes out at once and alone: a batch's readers all get their
     * answers in one turn and are served one after another, which costs latency when nothing is scarce.
     */
    private readonly crowded: () => boolean,
  ) {}

  async read(params: RpcParam[]): Promise<RpcResult[]> {
    if (params.length >= this.maxParams || params.some(isPage) || !this.worthWaiting()) {
      return this.alone(params);
    }
    let batch = this.open;
    if (batch && batch.size + params.length > this.maxParams) {
      batch.sealed = true;
      batch = undefined;
    }
    if (!batch) {
      const fresh: Batch = (batch = this.open = { waiters: [], size: 0, sealed: false });
      setImmediate(() => this.dispatch(fresh));
    }
    batch.size += params.length;
    const waiting = batch.waiters;
    const requestId = currentContext()?.requestId;
    const answer = await new Promise<Answer>((resolve, reject) =>
      waiting.push({ params, requestId, resolve, reject }),
    );
    // Back in this request's own context: what the shared call did for it.
    for (const id of answer.ids) noteUpstreamId(id);
    recordRpcResults(this.upstream, 'get', params, answer.results);
    return answer.results;
  }

  /**
   * Waiting for company pays only when the gateway is crowded and there is company to be had: a batch that
   * is open, or another call still on its way (its neighbours are arriving). A read with neither (the only
   * request, as at concurrency 1) would wait a turn of the event loop for nobody.
   */
  private worthWaiting(): boolean {
    return (this.open !== undefined || this.out > 0) && this.crowded();
  }

  private async alone(params: RpcParam[]): Promise<RpcResult[]> {
    this.out++;
    try {
      return await this.send(() => params);
    } finally {
      this.out--;
    }
  }

  private dispatch(batch: Batch): void {
    // The call's log lines (a login first, if need be) name the requests it serves.
    const requestIds = () => batch.waiters.map((w) => w.requestId ?? '-').join(',');
    const shared: RequestContext = { requestId: requestIds(), startedAt: Date.now(), rpc: [] };
    const seal = () => {
      batch.sealed = true;
      if (this.open === batch) this.open = undefined;
    };
    const take: LateParams = () => {
      seal();
      shared.requestId = requestIds();
      if (batch.waiters.length > 1) this.batched += batch.waiters.length;
      return batch.waiters.flatMap((w) => w.params);
    };
    this.out++;
    void runWithContext(shared, () =>
      this.send(take)
        .finally(() => this.out--)
        .then(
          (results) => {
            const ids = upstreamIdsOf(shared);
            let at = 0;
            for (const w of batch.waiters) {
              w.resolve({ results: results.slice(at, at + w.params.length), ids });
              at += w.params.length;
            }
          },
          (err: unknown) => {
            seal();
            for (const w of batch.waiters) w.reject(err);
          },
        ),
    );
  }
}
