import { fromAnalyticsAnswer, passthroughDialect } from './dialect';

describe('FortiAnalyzer analytics dialect', () => {
  it('is chosen by url family for the passthrough, for single-param calls only', () => {
    expect(passthroughDialect([{ url: '/logview/adom/root/logsearch' }])).toBe('faz-analytics');
    expect(passthroughDialect([{ url: 'fortiview/adom/root/top-sources/run' }])).toBe('faz-analytics');
    expect(passthroughDialect([{ url: '/report/adom/root/run' }])).toBe('faz-analytics');
    expect(passthroughDialect([{ url: '/dvmdb/adom/root/device' }])).toBe('fmg-classic');
    expect(passthroughDialect([{ url: '/sys/status' }])).toBe('fmg-classic');
    expect(passthroughDialect([{ url: '/logview/a' }, { url: '/logview/b' }])).toBe('fmg-classic');
  });

  it('reads an object result, a top-level error, and an empty answer as classic results', () => {
    const url = '/logview/adom/root/logsearch';
    expect(fromAnalyticsAnswer({ jsonrpc: '2.0', id: 1, result: { tid: 7 } } as never, url).result).toEqual([
      { status: { code: 0, message: 'OK' }, url, data: { tid: 7 } },
    ]);
    expect(
      fromAnalyticsAnswer(
        { jsonrpc: '2.0', id: 1, error: { code: -3, message: 'Object does not exist' } } as never,
        url,
      ).result,
    ).toEqual([{ status: { code: -3, message: 'Object does not exist' }, url }]);
    // "Neither result nor error" is an empty result (docs/upstream-api.md §4.2).
    expect(fromAnalyticsAnswer({ jsonrpc: '2.0', id: 1 } as never, url).result).toEqual([
      { status: { code: 0, message: 'OK' }, url, data: undefined },
    ]);
    // Rows are data too: an array result in a 2.0 answer is not mistaken for classic results.
    expect(
      fromAnalyticsAnswer({ jsonrpc: '2.0', id: 1, result: [{ status: 'ok' }] } as never, url).result,
    ).toEqual([{ status: { code: 0, message: 'OK' }, url, data: [{ status: 'ok' }] }]);
    // A FAZ that answers in the classic envelope is read as it is.
    const classic = { id: 1, result: [{ status: { code: 0, message: 'OK' }, url, data: [] }] };
    expect(fromAnalyticsAnswer(classic, url)).toBe(classic);
  });
});
