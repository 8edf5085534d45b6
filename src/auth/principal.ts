import { isAdomName } from './adom-name';

/** Who is calling, as the gateway understands it after the token was verified. */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  /** Token subject (`sub`), or `anonymous` when authentication is disabled. */
  subject: string;
  scopes: ReadonlySet<Scope>;
  /** ADOM allow-list: exact names or `*` patterns; `*` alone allows every ADOM. */
  adoms: readonly string[];
  /** `managers` claim: FortiManager names or `*` patterns this client may reach; unset = every one. */
  managers?: readonly string[];
  /**
   * `adoms` given per upstream name (`{"east": ["root"], "west": ["*"]}`): the list of the upstream a request
   * goes to replaces `adoms` (an upstream not named gets none). A plain list holds on every upstream.
   */
  adomsByUpstream?: Readonly<Record<string, readonly string[]>>;
  /** The token's `exp` (seconds since the epoch), when it has one. */
  expiresAt?: number;
}

export const ANONYMOUS: Principal = { subject: 'anonymous', scopes: new Set(SCOPES), adoms: ['*'] };

/** Scopes are ranked: `admin` implies `write`, `write` implies `read` (a writer sees what it writes). */
const RANK: Record<Scope, number> = { read: 1, write: 2, admin: 3 };

export function hasScope(principal: Principal, scope: Scope): boolean {
  return [...principal.scopes].some((held) => RANK[held] >= RANK[scope]);
}

/** Reads scopes (space-separated string or array) and the ADOM list from the configured claims. */
export function principalFromClaims(
  claims: Record<string, unknown>,
  scopesClaim: string,
  adomsClaim: string,
): Principal {
  const rawScopes = claims[scopesClaim];
  const scopeList =
    typeof rawScopes === 'string' ? rawScopes.split(/\s+/) : Array.isArray(rawScopes) ? rawScopes : [];
  const rawAdoms = claims[adomsClaim];
  const perUpstream = isRecord(rawAdoms)
    ? Object.fromEntries(Object.entries(rawAdoms).map(([name, list]) => [name, nameList(list)]))
    : undefined;
  const managers = claims.managers;
  return {
    subject: typeof claims.sub === 'string' ? claims.sub : 'unknown',
    scopes: new Set(scopeList.filter((s): s is Scope => (SCOPES as readonly unknown[]).includes(s))),
    adoms: perUpstream ? [] : nameList(rawAdoms),
    ...(perUpstream ? { adomsByUpstream: perUpstream } : {}),
    // Present but not a list (a typo, a number): no manager at all rather than every one.
    ...(managers !== undefined ? { managers: nameList(managers) } : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp } : {}),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A space/comma-separated string or an array of non-empty strings. */
function nameList(raw: unknown): string[] {
  const list = typeof raw === 'string' ? raw.split(/[\s,]+/) : Array.isArray(raw) ? raw : [];
  return list.filter((a): a is string => typeof a === 'string' && a.length > 0);
}

/** The principal as seen by a request to the upstream `name`: its own ADOM list when the token has one. */
export function principalFor(principal: Principal, name: string): Principal {
  if (!principal.adomsByUpstream) return principal;
  return { ...principal, adoms: principal.adomsByUpstream[name] ?? [] };
}

function patternToRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** A name that is not a valid ADOM name is never allowed, whatever the patterns (`branch-*` vs `branch-%2A`). */
export function adomAllowed(principal: Principal, adom: string): boolean {
  if (!isAdomName(adom)) return false;
  return principal.adoms.some(
    (p) => p === '*' || p === adom || (p.includes('*') && patternToRegExp(p).test(adom)),
  );
}

export function allowsEveryAdom(principal: Principal): boolean {
  return principal.adoms.includes('*');
}

/**
 * The allow-list as an FMG filter on `name`, so lists are filtered upstream and `total` stays right.
 * `undefined` means no restriction. Callers still post-check each item with adomAllowed(): FMG `like`
 * also treats `_` as a wildcard.
 */
export function adomFilter(principal: Principal): unknown[] | undefined {
  if (allowsEveryAdom(principal)) return undefined;
  const conditions = principal.adoms.map((p) =>
    p.includes('*') ? ['name', 'like', p.replace(/\*/g, '%')] : ['name', '==', p],
  );
  if (conditions.length === 1) return conditions[0];
  return conditions.flatMap((c, i) => (i === 0 ? [c] : ['||', c]));
}
