import { principalFromClaims } from './principal';
import { VerifiedTokens } from './verified-tokens';

const T0 = 1_800_000_000_000;
const principal = (sub: string, exp?: number) =>
  principalFromClaims({ sub, scope: 'read', adoms: ['root'], ...(exp ? { exp } : {}) }, 'scope', 'adoms');

describe('VerifiedTokens', () => {
  it('should carry the token exp into the principal', () => {
    expect(principal('a', 1_900_000_000).expiresAt).toBe(1_900_000_000);
    expect(principal('a').expiresAt).toBeUndefined();
  });

  it('should answer a remembered token until its TTL, then forget it', () => {
    const tokens = new VerifiedTokens(60_000);
    const p = principal('a', T0 / 1000 + 3600);
    tokens.remember('tok', p, p.expiresAt, T0);
    expect(tokens.get('tok', T0 + 59_999)).toBe(p);
    expect(tokens.get('other', T0)).toBeUndefined();
    expect(tokens.get('tok', T0 + 60_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it("should never answer past the token's own exp", () => {
    const tokens = new VerifiedTokens(60_000);
    const p = principal('a', T0 / 1000 + 5);
    tokens.remember('tok', p, p.expiresAt, T0);
    expect(tokens.get('tok', T0 + 4_999)).toBe(p);
    expect(tokens.get('tok', T0 + 5_000)).toBeUndefined();
  });

  it('should not remember a token already past its exp (accepted only within the clock skew)', () => {
    const tokens = new VerifiedTokens(60_000);
    const p = principal('a', T0 / 1000 - 10);
    tokens.remember('tok', p, p.expiresAt, T0);
    expect(tokens.size).toBe(0);
  });

  it('should drop the oldest entries beyond its bound', () => {
    const tokens = new VerifiedTokens(60_000, 3);
    for (const name of ['t1', 't2', 't3', 't4']) tokens.remember(name, principal(name), undefined, T0);
    expect(tokens.size).toBe(3);
    expect(tokens.get('t1', T0)).toBeUndefined();
    expect(tokens.get('t4', T0)?.subject).toBe('t4');
  });
});
