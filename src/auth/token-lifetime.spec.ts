import { tokenLifetimeProblem } from './token-lifetime';
import { loadConfig } from '../config/app-config';

describe('token lifetime (issue #16)', () => {
  const now = 1_800_000_000;
  const check = (claims: Record<string, unknown>, max = 86_400) => tokenLifetimeProblem(claims, max, 30, now);

  it('should require exp', () => {
    expect(check({})).toMatch(/no "exp"/);
    expect(check({ exp: '1800000600' })).toMatch(/no "exp"/);
  });

  it('should bound exp − iat, or exp − now without iat', () => {
    expect(check({ iat: now, exp: now + 3600 })).toBeUndefined();
    expect(check({ iat: now, exp: now + 86_400 })).toBeUndefined();
    expect(check({ iat: now, exp: now + 86_400 + 31 })).toMatch(/at most 86400 s/);
    expect(check({ exp: now + 2 * 86_400 })).toMatch(/at most/);
    expect(check({ iat: now - 10 * 86_400, exp: now + 60 })).toMatch(/at most/);
    expect(check({ iat: now, exp: now + 7200 }, 3600)).toMatch(/at most 3600 s/);
    expect(check({ iat: now + 3600, exp: now + 4000 })).toMatch(/future/);
  });

  it('should read AUTH_MAX_TOKEN_LIFETIME_S (default 24 h) and refuse nonsense', () => {
    const base = { AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' };
    const lifetime = (env: Record<string, string>) => {
      const auth = loadConfig({ ...base, ...env }).auth;
      return auth.mode === 'jwt' ? auth.maxTokenLifetimeS : undefined;
    };
    expect(lifetime({})).toBe(86_400);
    expect(lifetime({ AUTH_MAX_TOKEN_LIFETIME_S: '3600' })).toBe(3600);
    expect(() => lifetime({ AUTH_MAX_TOKEN_LIFETIME_S: '10' })).toThrow(/AUTH_MAX_TOKEN_LIFETIME_S/);
  });

  it('should read MANAGEMENT_PORT and refuse the API port', () => {
    expect(loadConfig({ AUTH_DISABLED: 'true' }).managementPort).toBeUndefined();
    expect(loadConfig({ AUTH_DISABLED: 'true', MANAGEMENT_PORT: '9000' }).managementPort).toBe(9000);
    expect(() => loadConfig({ AUTH_DISABLED: 'true', MANAGEMENT_PORT: '3000' })).toThrow(/MANAGEMENT_PORT/);
  });
});
