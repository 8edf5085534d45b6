import { sign, SignOptions } from 'jsonwebtoken';
import type { ClientAuthConfig } from '../../src/config/app-config';

/** The client-auth settings every e2e stack uses unless a test says otherwise. */
export const TEST_AUTH = {
  mode: 'jwt',
  secret: 'e2e-test-secret-that-is-long-enough-0123456789',
  algorithms: ['HS256'],
  issuer: 'https://idp.test/realms/fortirest',
  audience: 'fortirest-api',
  clockSkewS: 30,
  scopesClaim: 'scope',
  adomsClaim: 'adoms',
} as const satisfies ClientAuthConfig;

export interface TokenClaims {
  scope?: string | string[];
  adoms?: string[] | Record<string, string[]>;
  [claim: string]: unknown;
}

/** A real HS256 token signed with the test secret; every check can be broken on purpose via `options`. */
export function testToken(claims: TokenClaims = {}, options: SignOptions & { secret?: string } = {}): string {
  const { secret = TEST_AUTH.secret, ...overrides } = options;
  const signOptions: SignOptions = {
    algorithm: 'HS256',
    issuer: TEST_AUTH.issuer,
    audience: TEST_AUTH.audience,
  };
  // jsonwebtoken refuses both a claim and its option: an explicit `exp`/`sub` claim wins.
  if (claims.exp === undefined) signOptions.expiresIn = 600;
  if (claims.sub === undefined) signOptions.subject = 'e2e-client';
  return sign({ scope: 'read write admin', adoms: ['*'], ...claims }, secret, {
    ...signOptions,
    ...overrides,
  });
}
