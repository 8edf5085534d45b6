import { type RequestContext, runWithContext } from '../../common/context/request-context';
import { noteUpstreamId, upstreamIdsOf } from '../../common/context/upstream-ids';
import type { RpcParam, RpcResult } from '../transport/jsonrpc.types';
import { type LateParams, ReadBatcher } from './read-batcher';

/**
 * An upstream that answers each param with its url (code -3 for `missing`) and notes its call id. While
 * `busy` is set, a call waits for it before taking its params, as a call waits for a session or a slot.
 */
function upstream() {
  const calls: RpcParam[][] = [];
  let failNext: Error | undefined;
  const state: { busy?: Promise<void> } = {};
  const send = async (late: LateParams): Promise<RpcResult[]> => {
    if (state.busy) await state.busy;
    const params = late();
    calls.push(params);
    noteUpstreamId(100 + calls.length);
    if (failNext) {
      const err = failNext;
      failNext = undefined;
      return Promise.reject(err);
    }
    return Promise.resolve(
      params.map((p) => ({
        url: p.url,
        status: { code: p.url === 'missing' ? -3 : 0, message: '' },
        data: { from: p.url },
      })),
    );
  };
  return { calls, send, state, failOnce: (err: Error) => (failNext = err) };
}

const context = (requestId: string): RequestContext => ({ requestId, startedAt: 0, rpc: [] });
const inContext = <T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> => runWithContext(ctx, fn);
const get = (url: string): RpcParam => ({ url });
const crowded = () => true;

describe('ReadBatcher', () => {
  it('sends the reads that follow a call out in the same turn as one call, each reader its own results', async () => {
    const up = upstream();
    const batcher = new ReadBatcher('fmg', 16, up.send, crowded);
    const [first, a, b, c] = await Promise.all([
      batcher.read([get('first')]),
      batcher.read([get('a')]),
      batcher.read([get('b1'), get('b2')]),
      batcher.read([get('missing')]),
    ]);
    expect(up.calls).toEqual([[get('first')], [get('a'), get('b1'), get('b2'), get('missing')]]);
    expect(first.map((r) => r.data)).toEqual([{ from: 'first' }]);
    expect(a.map((r) => r.data)).toEqual([{ from: 'a' }]);
    expect(b.map((r) => r.data)).toEqual([{ from: 'b1' }, { from: 'b2' }]);
    expect(c[0].status.code).toBe(-3);
    expect(batcher.batched).toBe(3);
  });

  it('sends a read at once, even when crowded, when no call is on its way to share (concurrency 1)', async () => {
    const up = upstream();
    const batcher = new ReadBatcher('fmg', 16, up.send, crowded);
    const a = batcher.read([get('a')]);
    // Sent before the next turn of the event loop: there was nobody to wait for.
    expect(up.calls).toEqual([[get('a')]]);
    await a;
    const b = batcher.read([get('b')]);
    expect(up.calls).toEqual([[get('a')], [get('b')]]);
    await b;
    expect(batcher.batched).toBe(0);
  });

  it('lets reads join a call until it has its slot, then starts the next call', async () => {
    const up = upstream();
    const batcher = new ReadBatcher('fmg', 16, up.send, crowded);
    let free!: () => void;
    up.state.busy = new Promise((resolve) => (free = resolve));
    const first = batcher.read([get('a')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Later turns of the event loop, while the call waits.
    const second = batcher.read([get('b')]);
    await new Promise((resolve) => setImmediate(resolve));
    const third = batcher.read([get('c')]);
    up.state.busy = undefined;
    free();
    await Promise.all([first, second, third]);
    const late = await batcher.read([get('d')]);
    // "a" went out alone (nothing else was on its way); "b" waited for company and "c" joined it.
    expect(up.calls.map((c) => c.map((p) => p.url).join(''))).toEqual(['a', 'bc', 'd']);
    expect(late[0].data).toEqual({ from: 'd' });
  });

  it('sends each read at once and alone while nothing is crowded', async () => {
    const up = upstream();
    let busy = false;
    const batcher = new ReadBatcher('fmg', 16, up.send, () => busy);
    const reads = [batcher.read([get('a')]), batcher.read([get('b')])];
    // Sent before the next turn of the event loop, each in its own call.
    expect(up.calls).toEqual([[get('a')], [get('b')]]);
    await Promise.all(reads);
    busy = true;
    await Promise.all([batcher.read([get('c')]), batcher.read([get('d')]), batcher.read([get('e')])]);
    expect(up.calls.slice(2)).toEqual([[get('c')], [get('d'), get('e')]]);
    expect(batcher.batched).toBe(2);
  });

  it('sends a page of more than 100 rows alone', async () => {
    const up = upstream();
    const batcher = new ReadBatcher('fmg', 16, up.send, crowded);
    const page = { url: 'table', range: [0, 500] as [number, number] };
    const small = { url: 'table', range: [0, 100] as [number, number] };
    await Promise.all([batcher.read([page]), batcher.read([get('a')]), batcher.read([small])]);
    expect(up.calls).toEqual([[page], [get('a'), small]]);
  });

  it('never puts more than maxParams in one call; a read that large goes alone', async () => {
    const up = upstream();
    const batcher = new ReadBatcher('fmg', 3, up.send, crowded);
    await Promise.all([
      batcher.read([get('a'), get('b')]),
      batcher.read([get('c'), get('d')]),
      batcher.read([get('e')]),
      batcher.read([get('f'), get('g'), get('h')]),
    ]);
    // "ab" first and alone (nothing on its way yet), "fgh" alone by its size, "c" and "e" together.
    expect(up.calls.map((c) => c.map((p) => p.url).join(''))).toEqual(['ab', 'fgh', 'cde']);
  });

  it('fails every reader of a call that failed', async () => {
    const up = upstream();
    const batcher = new ReadBatcher('fmg', 16, up.send, crowded);
    const first = batcher.read([get('first')]);
    up.failOnce(new Error('upstream down'));
    const outcomes = await Promise.allSettled([first, batcher.read([get('a')]), batcher.read([get('b')])]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await batcher.read([get('c')])).toHaveLength(1);
  });

  it("notes the shared call's id and each reader's own rpc records in that reader's request", async () => {
    const up = upstream();
    const batcher = new ReadBatcher('fmg', 16, up.send, crowded);
    const [zero, one, two, alone] = [context('zero'), context('one'), context('two'), context('alone')];
    await Promise.all([
      inContext(zero, () => batcher.read([get('x')])),
      inContext(one, () => batcher.read([get('a')])),
      inContext(two, () => batcher.read([get('b'), get('missing')])),
    ]);
    await inContext(alone, () => batcher.read([get('c')]));
    expect(upstreamIdsOf(zero)).toEqual([101]);
    expect(upstreamIdsOf(one)).toEqual([102]);
    expect(upstreamIdsOf(two)).toEqual([102]);
    expect(one.rpc).toEqual([{ upstream: 'fmg', method: 'get', url: 'a', code: 0 }]);
    expect(two.rpc).toEqual([
      { upstream: 'fmg', method: 'get', url: 'b', code: 0 },
      { upstream: 'fmg', method: 'get', url: 'missing', code: -3 },
    ]);
    // Sent alone, the call runs in the reader's own request, which records it itself (UpstreamClient.send).
    expect(upstreamIdsOf(alone)).toEqual([103]);
    expect(alone.rpc).toEqual([]);
  });
});
