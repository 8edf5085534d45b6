/**
 * A sized, synthetic log data set (control API `POST /__emulator/faz/logs/size`): an ADOM's log searches
 * then find `rows` logs of any type, spread evenly over the log week, newest first. Row i is generated
 * from i alone when a fetch asks for it, so a 1,000,000-row search holds no rows at all and a fetch
 * costs its window only. For the scale benchmark; the demo data set stays as it was. Not part of FAZ.
 */
import type { Row } from '../core/filter';
import { hashSeed, logRow, logStart, prng, type LogClock, type LogSource, type LogType } from './logs';

export const MAX_SYNTHETIC_ROWS = 100_000_000;

/** What a search task reads its rows from: an array, or rows made on demand (both have these two). */
export interface RowSource {
  readonly length: number;
  slice(start: number, end: number): Row[];
}

export class SyntheticLogs implements RowSource {
  readonly length: number;
  /** Index (newest first) of the first row in the searched time range. */
  private readonly first: number;

  constructor(
    private readonly size: number,
    private readonly type: LogType,
    private readonly sources: LogSource[],
    private readonly clock: LogClock,
    range: [number, number],
    private readonly ascending: boolean,
  ) {
    // itime does not grow with i: the rows in [start, end] are one run of indexes, found by bisection.
    this.first = this.firstIndex((t) => t <= range[1]);
    const after = this.firstIndex((t) => t < range[0]);
    this.length = Math.max(0, after - this.first);
  }

  slice(start: number, end: number): Row[] {
    const out: Row[] = [];
    const to = Math.min(end, this.length);
    for (let k = Math.max(0, start); k < to; k++) {
      out.push(this.rowAt(this.first + (this.ascending ? this.length - 1 - k : k)));
    }
    return out;
  }

  private itimeAt(i: number): number {
    const span = this.clock.until - logStart(this.clock);
    return this.clock.until - 1 - Math.floor((i * span) / this.size);
  }

  private rowAt(i: number): Row {
    const src = this.sources[i % this.sources.length];
    return logRow(prng(hashSeed(`synthetic/${i}`)), this.type, src, this.itimeAt(i), this.clock.zone);
  }

  /** The smallest index whose itime satisfies `pred` (which, once true, stays true), or `size`. */
  private firstIndex(pred: (itime: number) => boolean): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (pred(this.itimeAt(mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
