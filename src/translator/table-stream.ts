import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Rows per upstream `get`. FMG documents no cap on `range` (docs/upstream-api.md §3.2), but one answer is
 * parsed and held whole, on FMG and here: a bounded chunk keeps both the appliance's and the gateway's
 * memory per call independent of the table size.
 */
export const UPSTREAM_CHUNK = 1000;

/** One upstream read: rows (and, on the first, the total after the filter), or a single-object path's object. */
export type Chunk<R> = { items: readonly R[]; total?: number } | { object: Record<string, unknown> };

/** Reads `count` rows from `offset`; `withTotal` batches FMG's `option: count` into the same call. */
export type ChunkReader<R> = (offset: number, count: number, withTotal: boolean) => Promise<Chunk<R>>;

export interface TableStream<R> {
  /** Matches after the filter when the first chunk was read (FMG has no snapshot: README "Big tables"). */
  total: number;
  /** Set when the path named a single object rather than a table (the device DB's `system/dns`). */
  object?: Record<string, unknown>;
  /** The rows, one upstream chunk per element, read one after the other (none for a single object). */
  chunks: AsyncIterable<readonly R[]> | Iterable<readonly R[]>;
}

/**
 * Opens a stream over rows [offset, offset + limit) (to the end of the table without a limit). The first
 * chunk is read here, so a bad filter or a missing table fails before the caller sends any byte; the
 * others are read as the consumer pulls, each one requested while the previous one is being written out
 * (one chunk ahead, so at most two chunks are held). A consumer that stops pulling stops the reads.
 */
export async function openTableStream<R>(
  read: ChunkReader<R>,
  offset: number,
  limit: number | undefined,
  chunkSize = UPSTREAM_CHUNK,
): Promise<TableStream<R>> {
  const end = limit === undefined ? Number.POSITIVE_INFINITY : offset + limit;
  const firstCount = Math.min(chunkSize, end - offset);
  const first = await read(offset, firstCount, true);
  if ('object' in first) return { total: 1, object: first.object, chunks: [] };
  const firstRows = first.items;
  const total = first.total ?? offset + firstRows.length;
  // Later chunks run when the HTTP response pulls them, outside the request's async context: they are
  // read in the context captured now (request id, selected upstream, the caller's ADOMs).
  const inContext = AsyncLocalStorage.snapshot();
  async function* chunks(): AsyncGenerator<readonly R[]> {
    let at = offset;
    let rows = firstRows;
    let asked = firstCount;
    for (;;) {
      at += rows.length;
      const count = Math.min(chunkSize, end - at);
      const more = rows.length === asked && count > 0 && at < total;
      const next = more ? inContext(() => read(at, count, false)) : undefined;
      // If the consumer leaves before awaiting it, its failure must not be an unhandled rejection.
      next?.catch(() => undefined);
      if (rows.length) yield rows;
      if (!next) return;
      const got = await next;
      rows = 'items' in got ? got.items : [];
      asked = count;
    }
  }
  return { total, chunks: chunks() };
}

/** Every row of a stream in one array (a JSON page larger than one chunk). */
export async function collect<R>(stream: TableStream<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const rows of stream.chunks) for (const row of rows) out.push(row);
  return out;
}
