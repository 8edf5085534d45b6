/**
 * Every client token must expire, and not too late: a token without `exp` (or living longer than
 * AUTH_MAX_TOKEN_LIFETIME_S) would be a password that can never be rotated away. The lifetime is
 * `exp` − `iat`; without `iat`, `exp` − now (so a token cannot dodge the limit by leaving `iat` out).
 * Returns why the token is refused, or undefined.
 */
export function tokenLifetimeProblem(
  claims: Record<string, unknown>,
  maxLifetimeS: number,
  clockSkewS: number,
  nowS = Math.floor(Date.now() / 1000),
): string | undefined {
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return 'the token has no "exp" claim (an expiry is required)';
  }
  const issued = typeof iat === 'number' && Number.isFinite(iat) ? iat : nowS;
  if (issued > nowS + clockSkewS) return 'the token is issued in the future ("iat")';
  const lifetime = exp - issued;
  if (lifetime > maxLifetimeS + clockSkewS) {
    return `the token lives ${Math.round(lifetime)} s; at most ${maxLifetimeS} s are accepted (AUTH_MAX_TOKEN_LIFETIME_S)`;
  }
  return undefined;
}
