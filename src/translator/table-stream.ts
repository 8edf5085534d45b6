import { readAhead } from '../common/context/read-ahead';

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
 * others are read as the consumer pulls, one chunk ahead (readAhead). A consumer that stops pulling
 * stops the reads.
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
  const total = first.total ?? offset + first.items.length;
  // A chunk shorter than asked, or the window's or the table's end, is the last.
  const after = (c: Step<R>): Promise<Step<R>> | undefined => {
    const at = c.at + c.rows.length;
    const count = Math.min(chunkSize, end - at);
    if (c.rows.length !== c.asked || count <= 0 || at >= total) return undefined;
    return read(at, count, false).then((got) => ({
      rows: 'items' in got ? got.items : [],
      at,
      asked: count,
    }));
  };
  const steps = readAhead<Step<R>>({ rows: first.items, at: offset, asked: firstCount }, after);
  async function* chunks(): AsyncGenerator<readonly R[]> {
    for await (const step of steps) if (step.rows.length) yield step.rows;
  }
  return { total, chunks: chunks() };
}

/** One chunk read: its rows, where they start, and how many were asked. */
interface Step<R> {
  rows: readonly R[];
  at: number;
  asked: number;
}

/** Every row of a stream in one array (a JSON page larger than one chunk). */
export async function collect<R>(stream: TableStream<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const rows of stream.chunks) for (const row of rows) out.push(row);
  return out;
}
