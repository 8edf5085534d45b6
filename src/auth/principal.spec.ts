import { adomAllowed, adomFilter, hasScope, Principal, principalFromClaims } from './principal';

const principal = (scopes: string, adoms: string[]): Principal =>
  principalFromClaims({ sub: 'u', scope: scopes, adoms }, 'scope', 'adoms');

describe('principal', () => {
  it('should read scopes from a string or an array and ignore unknown ones', () => {
    expect([...principalFromClaims({ scope: 'read profile' }, 'scope', 'adoms').scopes]).toEqual(['read']);
    expect([...principalFromClaims({ scp: ['write', 42] }, 'scp', 'adoms').scopes]).toEqual(['write']);
    expect(principalFromClaims({}, 'scope', 'adoms')).toMatchObject({ subject: 'unknown', adoms: [] });
  });

  it.each([
    ['read', 'read', true],
    ['read', 'write', false],
    ['write', 'read', true],
    ['write', 'admin', false],
    ['admin', 'write', true],
    ['', 'read', false],
  ] as const)('holding %j should satisfy %s: %s', (held, needed, expected) => {
    expect(hasScope(principal(held, []), needed)).toBe(expected);
  });

  it.each([
    [['*'], 'anything', true],
    [['root'], 'root', true],
    [['root'], 'rooted', false],
    [['branch-*'], 'branch-east', true],
    [['branch-*'], 'xbranch-east', false],
    [['a.b*'], 'axb', false],
    [['*-dc'], 'eu-dc', true],
    [[], 'root', false],
  ])('allow-list %j and ADOM %s → %s', (adoms, adom, expected) => {
    expect(adomAllowed(principal('read', adoms), adom)).toBe(expected);
  });

  it('should turn the allow-list into an FMG filter', () => {
    expect(adomFilter(principal('read', ['*']))).toBeUndefined();
    expect(adomFilter(principal('read', ['root']))).toEqual(['name', '==', 'root']);
    expect(adomFilter(principal('read', ['root', 'branch-*']))).toEqual([
      ['name', '==', 'root'],
      '||',
      ['name', 'like', 'branch-%'],
    ]);
  });
});
