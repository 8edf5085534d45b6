/** `get` options: fields, filter, range, sortings, option=count, loadsub (docs/upstream-api.md §3). */
import { compileFilter, FilterError, type Row } from './filter';
import { E, fail } from './status';
import { str } from './util';

export interface GetParams {
  fields?: unknown;
  filter?: unknown;
  range?: unknown;
  sortings?: unknown;
  option?: unknown;
  loadsub?: unknown;
}

// Attributes that are sub-tables even when empty (a non-empty array of objects always is one).
const SUBTABLES = new Set(['vdom', 'subobj', 'scope member', 'realservers', 'ha_slave']);

export function parseOptions(option: unknown): Set<string> {
  if (option === undefined || option === null) return new Set();
  if (typeof option === 'string') return new Set([option]);
  if (Array.isArray(option) && option.every((o) => typeof o === 'string')) return new Set(option);
  return fail(E.INVALID_PARAM);
}

/** Runs a table `get`: returns the array of projected rows, or the count for option "count". */
export function queryTable(rows: Row[], p: GetParams, ordered: boolean): unknown {
  const opts = parseOptions(p.option);
  let pred: (r: Row) => boolean = () => true;
  if (p.filter !== undefined && p.filter !== null) {
    try {
      pred = compileFilter(p.filter);
    } catch (e) {
      if (e instanceof FilterError) fail(E.INVALID_PARAM);
      throw e;
    }
  }
  const plain =
    (p.filter === undefined || p.filter === null) && (p.sortings === undefined || p.sortings === null);
  if (plain) {
    // No filter and no sort: count and range straight off the table, O(range) rather than a copy of
    // every row per call (a 100k-row table read in 1000-row chunks would otherwise cost O(n²)).
    if (opts.has('count')) return rows.length;
    const [from, to] = rangeBounds(p.range, rows.length);
    const out: Row[] = [];
    for (let i = from; i < to; i++) out.push(viewObject(rows[i], p, ordered ? i + 1 : undefined));
    return out;
  }
  // `obj seq` is the position in the whole table, so number rows before filtering.
  let list = rows.map((row, i) => ({ row, seq: i + 1 })).filter((x) => pred(x.row));
  if (opts.has('count')) return list.length;
  list = sortRows(list, p.sortings);
  list = applyRange(list, p.range);
  return list.map((x) => viewObject(x.row, p, ordered ? x.seq : undefined));
}

/** Projects one object for output (fields, loadsub); always a deep copy. */
export function viewObject(row: Row, p: GetParams, seq?: number): Row {
  const fields = parseFields(p.fields);
  const opts = parseOptions(p.option);
  const dropSub = p.loadsub === 0 || p.loadsub === '0' || opts.has('no loadsub');
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (fields && !fields.has(k) && k !== 'oid') continue;
    if (dropSub && isSubTable(k, v)) continue;
    out[k] = structuredClone(v);
  }
  if (seq !== undefined) out['obj seq'] = seq;
  return out;
}

function isSubTable(key: string, v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  if (SUBTABLES.has(key)) return true;
  return v.length > 0 && v.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e));
}

function parseFields(fields: unknown): Set<string> | undefined {
  if (fields === undefined || fields === null) return undefined;
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) return fail(E.INVALID_PARAM);
  return new Set(fields);
}

function sortRows<T extends { row: Row }>(list: T[], sortings: unknown): T[] {
  if (sortings === undefined || sortings === null) return list;
  if (!Array.isArray(sortings)) return fail(E.INVALID_PARAM);
  const keys = sortings.map((s: unknown) => {
    const entries = typeof s === 'object' && s !== null && !Array.isArray(s) ? Object.entries(s) : [];
    if (entries.length !== 1 || (entries[0][1] !== 1 && entries[0][1] !== -1)) return fail(E.INVALID_PARAM);
    return { attr: entries[0][0], dir: entries[0][1] as number };
  });
  // Array.prototype.sort is stable, so equal keys keep table order.
  return [...list].sort((a, b) => {
    for (const k of keys) {
      const c = compareValues(a.row[k.attr], b.row[k.attr]);
      if (c !== 0) return c * k.dir;
    }
    return 0;
  });
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = Array.isArray(a) ? a.join(' ') : str(a);
  const sb = Array.isArray(b) ? b.join(' ') : str(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function applyRange<T>(list: T[], range: unknown): T[] {
  const [from, to] = rangeBounds(range, list.length);
  return from === 0 && to === list.length ? list : list.slice(from, to);
}

/** `range: [offset, count]` as [from, to) within `length` rows. */
function rangeBounds(range: unknown, length: number): [number, number] {
  if (range === undefined || range === null) return [0, length];
  const ok = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  // [U] A one-element range [offset] is accepted and means "to the end".
  if (!Array.isArray(range) || range.length < 1 || range.length > 2 || !range.every(ok)) {
    return fail(E.INVALID_PARAM);
  }
  const [offset, count] = range as number[];
  const from = Math.min(offset, length);
  return [from, count === undefined ? length : Math.min(length, offset + count)];
}
