import { charsetOf, checkParsed, exceedsDepth, MAX_JSON_DEPTH, parseJsonBody } from './json-body';
import { GatewayError } from '../errors/gateway-error';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof GatewayError ? err.code : String(err);
  }
};

describe('JSON body parsing (issue #16)', () => {
  it('should find the depth in one linear pass, ignoring brackets in strings', () => {
    const nest = (n: number) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`);
    expect(exceedsDepth(nest(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(exceedsDepth(nest(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(exceedsDepth(Buffer.from(`{"a":"${'['.repeat(500)}\\"["}`), 2)).toBe(false);
    expect(exceedsDepth(Buffer.from(`{"a":"\\\\",${'['.repeat(3)}`), 2)).toBe(true);
  });

  // Its cost is one pass over the bytes (the bench, not a test, is where time is measured).
  it('should judge a 1 MiB body by its depth, not its width, to the last byte', () => {
    const rows = '{"a":[1,2,"x[y"]},'.repeat(55_000);
    expect(exceedsDepth(Buffer.from(`[${rows}1]`), MAX_JSON_DEPTH)).toBe(false);
    const deepTail = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(exceedsDepth(Buffer.from(`[${rows}${deepTail}]`), MAX_JSON_DEPTH)).toBe(true);
  });

  it('should read the charset parameter, quoted or not, in any case', () => {
    expect(charsetOf('application/json')).toBeUndefined();
    expect(charsetOf('application/json; charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('application/json;CHARSET="utf-16"')).toBe('utf-16');
    expect(charsetOf('application/json; foo=bar; charset=latin1')).toBe('latin1');
  });

  it.each([
    ['[1]', 'application/json; charset=utf-16', 'UNSUPPORTED_CHARSET'],
    ['[1]', 'application/json; charset=iso-8859-1', 'UNSUPPORTED_CHARSET'],
    ['{', 'application/json', 'INVALID_JSON'],
    ['', 'application/json', 'INVALID_JSON'],
    ['{"a":1e300}', 'application/json', 'NUMBER_OUT_OF_RANGE'],
    ['{"a":[1e999]}', 'application/json', 'NUMBER_OUT_OF_RANGE'],
    ['{"a":{"__proto__":1}}', 'application/json', 'FORBIDDEN_KEY'],
    [`${'['.repeat(65)}${']'.repeat(65)}`, 'application/json', 'BODY_TOO_DEEP'],
    ['{"a":1.5,"b":-9007199254740991,"c":"1e300"}', 'application/json; charset=utf-8', undefined],
  ])('%s as %s → %s', (body, type, code) => {
    expect(codeOf(() => parseJsonBody(Buffer.from(body), type))).toBe(code);
  });

  it('should refuse invalid UTF-8 bytes', () => {
    expect(codeOf(() => parseJsonBody(Buffer.from([0x22, 0xff, 0x22]), 'application/json'))).toBe(
      'INVALID_JSON',
    );
  });

  it('should name where the bad number is', () => {
    expect(() => checkParsed({ a: [{ b: 1e300 }] })).toThrow(/\$\.a\[0\]\.b/);
  });
});
