import type { Principal } from './principal';

/** A revoked signing key (JWKS rotation) stops being honoured within this time. */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Bearer tokens whose signature and claims were verified lately, with the principal they gave.
 * Checking an HMAC or RSA signature, parsing the claims and running passport cost ~7 % of the CPU of
 * a small GET, and clients send the same token for many requests. An entry is used until the token's
 * own `exp` or for VERIFIED_TOKEN_TTL_MS, whichever is sooner; after that the token is verified anew
 * (and passport applies the clock skew allowance). Bounded: the oldest entries go first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly ttlMs = VERIFIED_TOKEN_TTL_MS,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  get(token: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > now) return entry.principal;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAt`: the token's `exp` in seconds; a token without one is kept for the TTL only. */
  remember(token: string, principal: Principal, expiresAt: number | undefined, now = Date.now()): void {
    const until = Math.min(now + this.ttlMs, expiresAt === undefined ? Infinity : expiresAt * 1000);
    if (until <= now) return;
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(token, { principal, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
