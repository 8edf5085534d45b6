import { escapeSegment, normalizeUrl, splitUrl } from './url';

describe('url escaping', () => {
  it.each([
    [
      'pm/config/adom/root/obj/firewall/address',
      ['pm', 'config', 'adom', 'root', 'obj', 'firewall', 'address'],
    ],
    ['/sys/login/user', ['sys', 'login', 'user']],
    ['sys/status/', ['sys', 'status']],
    ['a/net_10.0.0.0\\/24', ['a', 'net_10.0.0.0/24']],
    ['a/back\\\\slash/b', ['a', 'back\\slash', 'b']],
    ['a/both\\\\\\/x', ['a', 'both\\/x']],
    ['a//b', ['a', '', 'b']],
  ])('splits %j', (url, segs) => {
    expect(splitUrl(url)).toEqual(segs);
  });

  it('round-trips escapeSegment', () => {
    for (const name of ['plain', 'net_10.0.0.0/24', 'a\\b', 'x\\/y/']) {
      expect(splitUrl(`obj/${escapeSegment(name)}`)).toEqual(['obj', name]);
    }
  });

  it('normalizes without touching escapes', () => {
    expect(normalizeUrl('/dvmdb/adom/')).toBe('dvmdb/adom');
    expect(normalizeUrl('a/net\\/')).toBe('a/net\\/');
  });
});
