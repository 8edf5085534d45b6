import { isUtf8 } from 'node:buffer';
import { withUtcTimes } from '../appliance-zone';

/**
 * Log rows kept as the upstream's own JSON bytes, for the export: each row is written as FAZ sent it with
 * `receivedAt`/`loggedAt` appended, instead of being parsed and serialised again (that was ~60 % of the
 * gateway's CPU per exported row). Bytes, not a string: a 500-row page is ~0.4 MB, and as strings the
 * body and the page's output were large V8 objects that only a full GC frees (27 % of the export's CPU).
 * Built only by `readLogPage`, which has checked the whole body is JSON in UTF-8.
 */
export class RawLogRows {
  /**
   * A private field: a read shared by coalesced readers is deep-frozen (upstream-protection), and a Buffer
   * with bytes cannot be frozen; nothing writes to it.
   */
  readonly #bytes: Buffer;

  constructor(
    bytes: Buffer,
    /** Where the `data` array starts and ends in `bytes`. */
    private readonly arrayStart: number,
    private readonly arrayEnd: number,
    /**
     * Per row, ROW_SLOTS numbers: start, end (exclusive), whether the object has any key, then start and
     * end of each time field's value (-1 when absent). Numbers in one array, not an object per row: the
     * page waits for the socket, and per-row objects lived long enough to be promoted.
     */
    private readonly spans: number[],
  ) {
    this.#bytes = bytes;
  }

  get length(): number {
    return this.spans.length / ROW_SLOTS;
  }

  /**
   * NDJSON: one line per row, the row's bytes with the UTC times appended (after FAZ's own keys, where
   * the parse path puts them), in one buffer per page.
   */
  ndjson(): Buffer {
    const { spans } = this;
    const bytes = this.#bytes;
    const added: string[] = [];
    for (let k = 0; k < spans.length; k += ROW_SLOTS) added.push(addedFields(bytes, spans, k));
    let size = 0;
    for (let r = 0, k = 0; r < added.length; r++, k += ROW_SLOTS) {
      size += spans[k + 1] - spans[k] + added[r].length + 2;
    }
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (let r = 0, k = 0; r < added.length; r++, k += ROW_SLOTS) {
      const start = spans[k];
      const end = spans[k + 1];
      const more = added[r];
      if (!more) {
        at += bytes.copy(out, at, start, end);
      } else {
        at += bytes.copy(out, at, start, end - 1);
        // The added fields are ASCII: one byte per character.
        at += out.write(spans[k + 2] ? `,${more}}` : `${more}}`, at, 'latin1');
      }
      out[at++] = NEWLINE;
    }
    return out.subarray(0, at);
  }

  /** The rows parsed, with their UTC times: what the parse path makes (pages, CSV). */
  objects(): Record<string, unknown>[] {
    return (this.toJSON() as Record<string, unknown>[]).map(withUtcTimes);
  }

  /** A cached or logged copy is the rows as FAZ sent them, as if the body had been parsed. */
  toJSON(): unknown {
    return JSON.parse(this.#bytes.toString('utf8', this.arrayStart, this.arrayEnd));
  }
}

/** The raw value texts of `itime`, `eventtime`, `date`, `time` and `tz`, when the row has them. */
/** Numbers per row in RawLogRows' spans: start, end, has-a-key, and a start and end per time key. */
const ROW_SLOTS = 13;
const TIME_KEYS = ['itime', 'eventtime', 'date', 'time', 'tz'] as const;
/** Keys the gateway adds: a row that has them already is left to the parse path (which overwrites them). */
const ADDED_KEYS = new Set(['receivedAt', 'loggedAt']);
/** The time keys, then the added ones, as bytes. */
const ROW_KEYS = [...TIME_KEYS, ...ADDED_KEYS].map((k) => Buffer.from(k));
/** rowKey's answer for a key the gateway adds. */
const ADDED = -2;

/** `,"receivedAt":"…","loggedAt":"…"` minus the leading comma, from the same rule as the parse path. */
function addedFields(bytes: Buffer, spans: number[], row: number): string {
  const source: Record<string, unknown> = {};
  for (let f = 0; f < TIME_KEYS.length; f++) {
    const start = spans[row + 3 + 2 * f];
    if (start >= 0) source[TIME_KEYS[f]] = valueOf(bytes.toString('utf8', start, spans[row + 4 + 2 * f]));
  }
  const { receivedAt, loggedAt } = withUtcTimes(source) as { receivedAt?: string; loggedAt?: string };
  // RFC 3339 times hold no character JSON escapes.
  const received = receivedAt === undefined ? '' : `"receivedAt":"${receivedAt}"`;
  const logged = loggedAt === undefined ? '' : `"loggedAt":"${loggedAt}"`;
  return received && logged ? `${received},${logged}` : received || logged;
}

const NEWLINE = 0x0a;

/** A scalar's raw JSON text as a value: plain strings and numbers without JSON.parse. */
function valueOf(raw: string): unknown {
  const c = raw.charCodeAt(0);
  if (c === QUOTE) return raw.includes('\\') ? JSON.parse(raw) : raw.slice(1, -1);
  if (c === MINUS || (c >= ZERO && c <= NINE)) return Number(raw);
  return JSON.parse(raw);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const SPACE = 0x20;
const TAB = 0x09;
const DOT = 0x2e;
const PLUS = 0x2b;
const isHex = (c: number | undefined) =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
/** The characters that may follow a backslash in a JSON string (`u` is checked with its four digits). */
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

/** What the scanner expects next. */
const Want = { Value: 0, ValueOrClose: 1, Key: 2, KeyOrClose: 3, Colon: 4, CommaOrClose: 5, End: 6 } as const;

/** Where the log rows are: `result.data` in the 2.0 answer, `result[0].data.data` in the classic one. */
const ROWS_PATHS = new Set(['result/data', 'result/#/data/data']);

export interface ScannedPage {
  /** The rows array's bounds in the text. */
  arrayStart: number;
  arrayEnd: number;
  spans: number[];
}

/**
 * Walks a whole JSON-RPC answer and finds the log rows in it: checks it is JSON (strings, escapes, numbers,
 * literals, nesting, commas and colons; no control characters at all, so a pretty-printed answer is not
 * taken), finds the `data` array of the page and the span of each row and the raw values of its time
 * fields. Undefined when the body is not JSON, has no such array, holds a row that is not an object or
 * already has `receivedAt`/`loggedAt`: the caller then parses the body as before.
 */
export function scanLogPage(text: Buffer): ScannedPage | undefined {
  if (!isUtf8(text)) return undefined;
  const n = text.length;
  // Per open container: true for objects. `keys[d]`: the key being read in the object at depth d ('#' in arrays).
  const objects: boolean[] = [];
  const keys: string[] = [];
  let inObject = false;
  let want: number = Want.Value;
  let rowsDepth = -1;
  let arrayStart = -1;
  let arrayEnd = -1;
  const spans: number[] = [];
  let row = -1;
  let rowHasKey = false;
  /** The time key whose value comes next in the current row. */
  let timeKey = -1;
  let i = 0;

  while (i < n) {
    const c = text[i];
    let next: number; // where the value that starts at i ends
    if (c === QUOTE) {
      if (want > Want.KeyOrClose) return undefined;
      // The closing quote, in the loop (shorter than a call for the short strings of a log row).
      let end = i + 1;
      let escaped = false;
      for (let q: number | undefined = text[end]; q !== QUOTE; q = text[++end]) {
        if (q === BACKSLASH) {
          escaped = true;
          end = stringEnd(text, end);
          break;
        }
        // Raw control characters are not JSON (and a CR/LF would split an NDJSON line); NaN is the end.
        if (!(q >= SPACE)) return undefined;
      }
      if (end === -1) return undefined;
      const depth = objects.length;
      if (want >= Want.Key) {
        // Key names matter only on the way to the rows array (its path) and at the top of a row.
        if (rowsDepth === -1) keys[depth - 1] = keyName(text, i, end, escaped);
        else if (depth === rowsDepth + 1) {
          const key = rowKey(text, i, end, escaped);
          if (key === ADDED) return undefined;
          rowHasKey = true;
          timeKey = key;
        }
        // The colon nearly always follows at once.
        if (text[end + 1] === COLON) {
          want = Want.Value;
          i = end + 2;
        } else {
          want = Want.Colon;
          i = end + 1;
        }
        continue;
      }
      next = end + 1;
    } else if (c === COMMA) {
      if (want !== Want.CommaOrClose) return undefined;
      want = inObject ? Want.Key : Want.Value;
      i++;
      continue;
    } else if (c === COLON) {
      if (want !== Want.Colon) return undefined;
      want = Want.Value;
      i++;
      continue;
    } else if (c === SPACE || c === TAB) {
      i++;
      continue;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (want > Want.ValueOrClose) return undefined;
      const depth = objects.length;
      if (depth === rowsDepth) {
        if (c !== OPEN_OBJECT) return undefined; // a row that is an array
        row = spans.length;
        spans.push(i, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
        rowHasKey = false;
        timeKey = -1;
      } else if (depth === rowsDepth + 1 && timeKey >= 0) {
        // A time field that is an object or array yields no time on the parse path either.
        spans[row + 3 + 2 * timeKey] = -1;
      }
      if (c === OPEN_ARRAY && rowsDepth === -1 && depth > 0 && keys[depth - 1] === 'data') {
        if (ROWS_PATHS.has(keys.slice(0, depth).join('/'))) {
          rowsDepth = depth + 1;
          arrayStart = i;
        }
      }
      inObject = c === OPEN_OBJECT;
      objects.push(inObject);
      if (!inObject) keys[depth] = '#';
      want = inObject ? Want.KeyOrClose : Want.ValueOrClose;
      i++;
      continue;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      const closesObject = c === CLOSE_OBJECT;
      if (!objects.length || inObject !== closesObject) return undefined;
      if (want !== Want.CommaOrClose && want !== (closesObject ? Want.KeyOrClose : Want.ValueOrClose)) {
        return undefined;
      }
      objects.pop();
      const depth = objects.length;
      inObject = depth > 0 && objects[depth - 1];
      if (closesObject && depth === rowsDepth) {
        spans[row + 1] = i + 1;
        spans[row + 2] = rowHasKey ? 1 : 0;
        timeKey = -1;
      } else if (!closesObject && depth === rowsDepth - 1 && arrayEnd === -1) {
        arrayEnd = i + 1;
        rowsDepth = -2; // found: no other array is taken for rows
      }
      want = depth ? Want.CommaOrClose : Want.End;
      i++;
      continue;
    } else {
      // A number or a literal.
      if (want > Want.ValueOrClose) return undefined;
      if (c === MINUS || (c >= ZERO && c <= NINE)) {
        next = numberEnd(text, i);
        if (next === -1) return undefined;
      } else if (literalAt(text, i, TRUE)) next = i + 4;
      else if (literalAt(text, i, FALSE)) next = i + 5;
      else if (literalAt(text, i, NULL)) next = i + 4;
      else return undefined;
    }
    // A string, number or literal value from i to next.
    if (want > Want.ValueOrClose) return undefined;
    const depth = objects.length;
    if (depth === rowsDepth) return undefined; // a row that is not an object
    if (timeKey >= 0 && depth === rowsDepth + 1) {
      spans[row + 3 + 2 * timeKey] = i;
      spans[row + 4 + 2 * timeKey] = next;
    }
    if (depth === 0) want = Want.End;
    else if (text[next] === COMMA) {
      // The comma nearly always follows at once.
      want = inObject ? Want.Key : Want.Value;
      next++;
    } else want = Want.CommaOrClose;
    i = next;
  }
  if (want !== Want.End || arrayEnd === -1) return undefined;
  return { arrayStart, arrayEnd, spans };
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');
const literalAt = (bytes: Buffer, at: number, literal: Buffer) => sameBytes(bytes, at, literal);

function keyName(text: Buffer, quote: number, end: number, escaped: boolean): string {
  return escaped
    ? (JSON.parse(text.toString('utf8', quote, end + 1)) as string)
    : text.toString('utf8', quote + 1, end);
}

/** Whether `text` holds `bytes` at `at` (a loop: shorter than a native call for a few bytes). */
function sameBytes(text: Buffer, at: number, bytes: Buffer): boolean {
  for (let k = 0; k < bytes.length; k++) if (text[at + k] !== bytes[k]) return false;
  return true;
}

/** A row's top-level key: the index of the time key it is, -1 for any other, ADDED for a key the gateway adds. */
function rowKey(text: Buffer, quote: number, end: number, escaped: boolean): number {
  if (!escaped) {
    // Compared as bytes: no string is made for the ~40 keys of a row.
    const length = end - quote - 1;
    for (let k = 0; k < ROW_KEYS.length; k++) {
      const bytes = ROW_KEYS[k];
      if (bytes.length === length && sameBytes(text, quote + 1, bytes)) {
        return k < TIME_KEYS.length ? k : ADDED;
      }
    }
    return -1;
  }
  const name = keyName(text, quote, end, escaped);
  if (ADDED_KEYS.has(name)) return ADDED;
  return (TIME_KEYS as readonly string[]).indexOf(name);
}

const isDigit = (c: number | undefined) => c !== undefined && c >= ZERO && c <= NINE;

/** The end of the JSON number at `from` (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1. */
function numberEnd(text: Buffer, from: number): number {
  let k = from;
  if (text[k] === MINUS) k++;
  if (text[k] === ZERO) k++;
  else if (isDigit(text[k])) while (isDigit(text[++k]));
  else return -1;
  if (text[k] === DOT) {
    if (!isDigit(text[++k])) return -1;
    while (isDigit(text[++k]));
  }
  const e = text[k];
  if (e === 0x65 || e === 0x45) {
    const sign = text[++k];
    if (sign === PLUS || sign === MINUS) k++;
    if (!isDigit(text[k])) return -1;
    while (isDigit(text[++k]));
  }
  return k;
}

/** The closing quote of a string with escapes, checking each escape; -1 when it is not valid JSON. */
function stringEnd(text: Buffer, from: number): number {
  for (let k = from; k < text.length;) {
    const c = text[k];
    if (c === QUOTE) return k;
    if (c < SPACE) return -1;
    if (c !== BACKSLASH) {
      k++;
      continue;
    }
    const e = text[k + 1];
    if (SIMPLE_ESCAPES.has(e)) {
      k += 2;
      continue;
    }
    if (e !== 0x75) return -1;
    for (let h = k + 2; h < k + 6; h++) if (!isHex(text[h])) return -1;
    k += 6;
  }
  return -1;
}

/**
 * A body reader for the transport (`readBodiesWith`): a log page answer with its rows left as text in a
 * RawLogRows, or undefined (not a log page, or not understood) so the transport parses it as usual.
 */
export function readLogPage(bytes: Buffer): unknown {
  let page: ScannedPage | undefined;
  try {
    page = scanLogPage(bytes);
  } catch {
    // Not expected (the scanner checks what it decodes), but never a failed call for want of a shortcut.
    page = undefined;
  }
  if (!page) return undefined;
  let envelope: { result?: unknown; jsonrpc?: unknown };
  try {
    // The body without its rows: a few hundred bytes to parse.
    envelope = JSON.parse(
      `${bytes.toString('utf8', 0, page.arrayStart)}[]${bytes.toString('utf8', page.arrayEnd)}`,
    ) as typeof envelope;
  } catch {
    return undefined;
  }
  const rows = new RawLogRows(bytes, page.arrayStart, page.arrayEnd, page.spans);
  const result = envelope.result as Record<string, unknown> | Record<string, Record<string, unknown>>[];
  const holder = Array.isArray(result) ? result[0]?.data : result;
  if (!holder || typeof holder !== 'object' || !Array.isArray((holder as { data?: unknown }).data)) {
    return undefined;
  }
  (holder as { data: unknown }).data = rows;
  return envelope;
}
