import { deepFreeze } from '../../upstream/protection/upstream-protection';
import { withUtcTimes } from '../appliance-zone';
import { RawLogRows, readLogPage, scanLogPage } from './raw-log-rows';

/** A 2.0 answer (FAZ analytics) and the classic one around the same rows. */
const analytics = (data: string) =>
  `{"jsonrpc":"2.0","id":7,"result":{"tid":3,"percentage":100,"total-count":9,"return-lines":2,"data":${data}}}`;
const classic = (data: string) =>
  `{"id":7,"result":[{"status":{"code":0,"message":"OK"},"url":"/logview/adom/root/logsearch/3","data":{"percentage":100,"data":${data}}}]}`;

const ROWS = [
  {
    itime: 1736149999,
    date: '2025-01-06',
    time: '08:53:19',
    tz: '+0100',
    msg: 'quote " backslash \\ slash / tab \t nl \n bracket ] brace } [{',
    nested: { a: [1, { b: ']' }], c: { d: '}' } },
    list: [[], {}, [[]]],
    n: -12.5e3,
    t: true,
    f: false,
    z: null,
  },
  { itime: '1736150000', eventtime: 1736149998123456789n.toString(), user: 'José 雪 😀', 'odd\\key': 1 },
  { srcip: '10.0.0.1' },
  {},
];

/** A page whose one string holds an invalid UTF-8 sequence. */
function notUtf8(): Buffer {
  const [head, tail] = analytics('[{"a":"XX"}]').split('XX');
  return Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28]), Buffer.from(tail)]);
}

type Pick = (env: unknown) => unknown;
const at2: Pick = (env) => (env as { result: { data: unknown } }).result.data;
const atClassic: Pick = (env) => (env as { result: { data: { data: unknown } }[] }).result[0].data.data;

/** The rows as the parse path hands them to the export. */
const parsePath = (body: string, pick: Pick) =>
  (pick(JSON.parse(body)) as Record<string, unknown>[]).map(withUtcTimes);

function rawRows(body: string, pick: Pick): RawLogRows {
  const env = readLogPage(Buffer.from(body));
  expect(env).toBeDefined();
  const rows = pick(env);
  expect(rows).toBeInstanceOf(RawLogRows);
  return rows as RawLogRows;
}

describe('log rows kept as text (export pass-through)', () => {
  it.each([
    ['2.0', analytics, at2],
    ['classic', classic, atClassic],
  ])('%s answer: NDJSON lines are the parse path rows, keys in the same order', (_name, wrap, pick) => {
    const body = wrap(JSON.stringify(ROWS));
    const rows = rawRows(body, pick);
    const lines = rows.ndjson().toString().split('\n');
    expect(lines.pop()).toBe('');
    const expected = parsePath(body, pick);
    expect(lines.map((l) => JSON.parse(l))).toEqual(expected);
    lines.forEach((l, n) => expect(Object.keys(JSON.parse(l))).toEqual(Object.keys(expected[n])));
    expect(JSON.parse(lines[0])).toMatchObject({
      receivedAt: '2025-01-06T07:53:19Z',
      loggedAt: '2025-01-06T07:53:19Z',
    });
    // A row without time fields is written exactly as FAZ sent it; an empty one stays `{}`.
    expect(lines[2]).toBe('{"srcip":"10.0.0.1"}');
    expect(lines[3]).toBe('{}');
    expect(rows.objects()).toEqual(expected);
    // What a cache would store: the rows as sent.
    expect(JSON.parse(JSON.stringify(rows))).toEqual(ROWS);
  });

  it('keeps escapes and unicode as sent (one line per row, no raw newline)', () => {
    const body = analytics('[{"s":"a\\u0022b\\n\\u00e9\\ud83d\\ude00","k\\u0065y":"x"}]');
    const line = rawRows(body, at2).ndjson().toString();
    expect(line).toBe('{"s":"a\\u0022b\\n\\u00e9\\ud83d\\ude00","k\\u0065y":"x"}\n');
    expect(JSON.parse(line)).toEqual({ s: 'a"b\né😀', key: 'x' });
  });

  it('reads a time key written with escapes, and ignores time keys of nested objects', () => {
    const body = analytics('[{"\\u0069time":1736150000,"inner":{"itime":1},"date":{"x":1}}]');
    const [row] = rawRows(body, at2)
      .ndjson()
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(row.receivedAt).toBe('2025-01-06T07:53:20Z');
    expect(row).not.toHaveProperty('loggedAt');
  });

  /** Each time field in the forms FAZ builds and odd answers use, as JSON texts. */
  const TIME_FORMS = [
    '1736150000', // seconds
    '"1736150000"',
    '1736150000123', // ms
    '"1736150000123"',
    '"1736150000123456"', // µs
    '"1736150000123456789"', // ns
    '1736150000123456789', // ns as a number: rounded by JSON.parse
    '1736150000123456', // µs as a number
    '"0000000000"',
    '100000000', // 9 digits
    '99999999', // 8: not a time
    '"12345678901234567890"', // 20: not a time
    '1736150000.75',
    '1.73615e9',
    '-1736150000',
    '-0',
    '0',
    '" 1736150000 "',
    '"\\u0031736150000"',
    '"17361x0000"',
    '""',
    'true',
    'null',
    '{"s":1736150000}',
    '[1736150000]',
    '9999999999999', // the last ms epochMsAt reads: year 2286
  ];

  /** The export's lines for these rows equal the parse path's rows, values and key order alike. */
  function expectSameAsParsePath(rows: string[]): void {
    const body = analytics(`[${rows.join(',')}]`);
    const lines = rawRows(body, at2).ndjson().toString().trim().split('\n');
    const expected = parsePath(body, at2);
    expect(lines.map((l) => JSON.parse(l))).toEqual(expected);
    lines.forEach((l, n) => expect(Object.keys(JSON.parse(l))).toEqual(Object.keys(expected[n])));
  }

  it.each(TIME_FORMS)('itime and eventtime %s: the same times as the parse path', (form) => {
    const rows = [
      `{"itime":${form},"x":1}`,
      `{"eventtime":${form}}`,
      `{"itime":1736150000,"eventtime":${form},"date":"2025-01-06","time":"08:53:19","tz":"+0100"}`,
      `{"itime":${form},"eventtime":${form},"date":"2025-01-06","time":"08:53:19"}`,
    ];
    expectSameAsParsePath(rows);
  });

  it('random rows: the same lines as the parse path', () => {
    // A fixed seed: the same rows on every run.
    let seed = 23;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const rows: string[] = [];
    for (let r = 0; r < 2000; r++) {
      const ms = Math.floor(random() * 4e12);
      const fields = [
        `"itime":${pick([String(Math.floor(ms / 1000)), `"${Math.floor(ms / 1000)}"`, String(ms), pick(TIME_FORMS)])}`,
        `"eventtime":${pick([`"${ms}${String(Math.floor(random() * 1e6)).padStart(6, '0')}"`, `"${ms}"`, String(ms), pick(TIME_FORMS)])}`,
        `"date":"${new Date(ms).toISOString().slice(0, 10)}"`,
        `"time":"${new Date(ms).toISOString().slice(11, 19)}"`,
        `"tz":"${pick(['+0000', '-0500', '+0530', 'x'])}"`,
        '"n":1',
      ].filter(() => random() < 0.8);
      rows.push(`{${fields.join(',')}}`);
    }
    expectSameAsParsePath(rows);
  });

  it('can be shared frozen, as a coalesced read is', () => {
    const body = analytics(JSON.stringify(ROWS));
    const rows = rawRows(body, at2);
    const before = rows.ndjson().toString();
    expect(() => deepFreeze(readLogPage(Buffer.from(body)))).not.toThrow();
    expect(deepFreeze(rows).ndjson().toString()).toBe(before);
  });

  it('takes every JSON number form as sent', () => {
    const body = analytics('[{"a":-0.5e+3,"b":0,"c":1E2,"d":12.25,"e":-7,"f":3e-2}]');
    const line = rawRows(body, at2).ndjson().toString();
    expect(line).toBe('{"a":-0.5e+3,"b":0,"c":1E2,"d":12.25,"e":-7,"f":3e-2}\n');
    expect(JSON.parse(line)).toEqual(parsePath(body, at2)[0]);
  });

  it('an empty page has no rows', () => {
    const rows = rawRows(analytics('[]'), at2);
    expect(rows.length).toBe(0);
    expect(rows.ndjson().toString()).toBe('');
    const envelope = readLogPage(Buffer.from(analytics('[]')));
    expect(envelope).toMatchObject({ jsonrpc: '2.0', id: 7, result: { percentage: 100, 'total-count': 9 } });
  });

  it.each([
    ['an unterminated string', analytics('[{"a":"b}]')],
    ['a missing comma', analytics('[{"a":1 "b":2}]')],
    ['a misspelt literal', analytics('[{"a":tru}]')],
    ['a bad number', analytics('[{"a":01}]')],
    ['a number without fraction digits', analytics('[{"a":1.}]')],
    ['a number without exponent digits', analytics('[{"a":1e}]')],
    ['a lone minus', analytics('[{"a":-}]')],
    ['a number without integer digits', analytics('[{"a":.5}]')],
    ['a raw tab in a string', analytics('[{"a":"x\ty"}]')],
    ['a bad escape', analytics('[{"a":"\\x"}]')],
    ['a short \\u escape', analytics('[{"a":"\\u12"}]')],
    ['mismatched brackets', analytics('[{"a":[1}]}')],
    ['trailing text', `${analytics('[]')}x`],
    ['a raw newline (pretty-printed)', analytics('[{"a":1},\n{"b":2}]')],
    ['a raw control character in a string', analytics('[{"a":"\u0001"}]')],
    ['a row that is an array', analytics('[[1]]')],
    ['a row that is a scalar', analytics('[1]')],
    ['a row that has receivedAt already', analytics('[{"receivedAt":"x"}]')],
    ['no rows array', '{"jsonrpc":"2.0","id":7,"result":{"tid":3}}'],
    ['rows elsewhere', '{"id":7,"result":[{"data":[{"a":1}]}]}'],
    ['a key without a colon', analytics('[{"a" 1}]')],
    ['bytes that are not UTF-8', notUtf8()],
  ])('falls back to the parse path on %s', (_name, body: string | Buffer) => {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    expect(scanLogPage(bytes)).toBeUndefined();
    expect(readLogPage(bytes)).toBeUndefined();
  });
});
