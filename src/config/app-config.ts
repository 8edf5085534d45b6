import { readFileSync } from 'node:fs';
import { namedUpstreamSources } from './named-upstreams';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/**
 * Typed configuration, read once from the environment and validated before anything starts.
 * Error messages name the variable and the rule, never the value (values may be secrets).
 */
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === true ||
      ['1', 'true', 'yes', 'on'].includes(typeof value === 'string' ? value.toLowerCase() : '');

export class GatewayEnv {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMULATOR_PORT?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: string;

  /** Raw JSON-RPC passthrough: comma-separated regular expressions a url must match. */
  @IsOptional()
  @IsString()
  RPC_ALLOW_URLS?: string;

  /** ...and must not match (checked first). */
  @IsOptional()
  @IsString()
  RPC_DENY_URLS?: string;

  /** redis:// or rediss:// URL. Set: replicas share budget, locks, counters and keys through it. */
  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  /** Before every Redis key, so deployments can share one Redis. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  REDIS_KEY_PREFIX?: string;

  /** Requests per minute per client (token subject, or IP without a token); 0 turns limiting off. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_PER_MIN?: number;

  /** Read cache for configuration reads, in ms; 0 or unset = off. Writes through the gateway invalidate it. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  READ_CACHE_TTL_MS?: number;

  /** Memory budget of the read cache, per upstream. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(4096)
  READ_CACHE_MAX_MB?: number;

  /** Identical concurrent reads share one upstream call (default true). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  READ_COALESCING?: boolean;

  /** Most params of concurrent reads sent in one JSON-RPC call (default 16; 1 = every read alone). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  READ_BATCH_MAX?: number;

  /** Set: /metrics and /health/* are served on this port only, not on PORT. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  MANAGEMENT_PORT?: number;

  /** Serve Prometheus metrics at /metrics (public, like the health probes). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  METRICS_ENABLED?: boolean;

  /** JSON or YAML file of named FortiManagers / FortiAnalyzers (besides FMG_NAME_* variables). */
  @IsOptional()
  @IsString()
  UPSTREAMS_FILE?: string;

  /** /health/ready fails when any upstream is down (default: only the default ones count). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  READY_NEEDS_EVERY_UPSTREAM?: boolean;

  /** Comma-separated browser origins allowed by CORS; unset = no CORS headers at all. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /**
   * Comma-separated FortiOS cmdb paths (`firewall/address`) that admin clients may write through the
   * FortiGate proxy; unset = no proxied writes at all.
   */
  @IsOptional()
  @IsString()
  PROXY_WRITES?: string;

  /** Upper bound of the `timeout` a proxied FortiGate call may ask for, in seconds (default 60). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  PROXY_MAX_TIMEOUT_S?: number;

  /** Proxied calls that may wait for one FortiGate behind the one running (default 4); more get 503. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  PROXY_QUEUE_PER_DEVICE?: number;
}

/** Client authentication (JWT). Unprefixed names below are read with the `AUTH_` prefix. */
export class ClientAuthEnv {
  /** HS256 shared secret. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsString()
  JWT_SECRET_FILE?: string;

  /** JWKS of an external identity provider (Keycloak, Entra ID, Okta) for RS256/ES256 tokens. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  JWKS_URL?: string;

  /** Comma-separated; default HS256 with a secret, RS256,ES256 with a JWKS URL. */
  @IsOptional()
  @IsString()
  JWT_ALGORITHMS?: string;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  CLOCK_SKEW_S?: number;

  /** Longest lifetime (`exp` − `iat`, or `exp` − now without `iat`) a token may have; `exp` is required. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(31_536_000)
  MAX_TOKEN_LIFETIME_S?: number;

  /** Claim holding the scopes: a space-separated string or an array. */
  @IsOptional()
  @IsString()
  SCOPES_CLAIM?: string;

  /** Claim holding the ADOM allow-list (names or `*` patterns). */
  @IsOptional()
  @IsString()
  ADOMS_CLAIM?: string;

  /** Development only: accept requests without a token, as an all-powerful anonymous client. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DISABLED?: boolean;
}

export const AUTH_MODES = ['password', 'api-key', 'forticloud'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** One upstream's variables, without their `FMG_` / `FAZ_` prefix. */
export class UpstreamEnv {
  /** Base URL, e.g. https://fmg.example.com. Unset: this upstream is not configured. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  URL?: string;

  /** Defaults to `api-key` when an API key is given, else `password`. */
  @IsOptional()
  @IsIn(AUTH_MODES)
  AUTH?: AuthMode;

  @IsOptional()
  @IsString()
  USERNAME?: string;

  @IsOptional()
  @IsString()
  PASSWORD?: string;

  /** Read the password from a file (Docker/Kubernetes secrets) instead of the environment. */
  @IsOptional()
  @IsString()
  PASSWORD_FILE?: string;

  @IsOptional()
  @IsString()
  API_KEY?: string;

  @IsOptional()
  @IsString()
  API_KEY_FILE?: string;

  /** FortiCloud OAuth token endpoint (for AUTH=forticloud). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  FORTICLOUD_TOKEN_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  TIMEOUT_MS?: number;

  /** PEM file with the CA that signed the upstream's certificate. */
  @IsOptional()
  @IsString()
  CA_FILE?: string;

  /** Skip TLS verification. For labs only; logged as a warning at start. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  INSECURE_TLS?: boolean;

  /** Sessions (or, with an API key, parallel calls) the gateway may hold; keep it below the admin's login-max. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  MAX_SESSIONS?: number;

  /** How long a request may wait for a free session before 503. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  QUEUE_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  MAX_QUEUE?: number;

  /** Idle sessions are logged out after this long, before the upstream's own idle timeout drops them. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  SESSION_IDLE_MS?: number;

  /** JSON-RPC calls in flight at most, whatever the auth mode; default MAX_SESSIONS × SESSION_MAX_INFLIGHT. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  MAX_CONCURRENCY?: number;

  /** Reads that may share one pooled session at once; default 4 (API key: 1). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  SESSION_MAX_INFLIGHT?: number;

  /** Extra attempts for calls that are safe to resend (reads, login) after a lost connection. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5)
  RETRIES?: number;

  /** Consecutive failed calls (unreachable, timeout, HTTP 5xx) that open the circuit breaker. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  BREAKER_THRESHOLD?: number;

  /** How long an open breaker refuses calls before letting one test call through. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  BREAKER_HALF_OPEN_MS?: number;
}

/** The two products; the default upstream of each is registered under the product's name. */
export type UpstreamProduct = 'fmg' | 'faz';
/** Internal key of an upstream: `fmg` / `faz` for the default ones, `fmg:east` for a named one. */
export type UpstreamName = string;
/** The name clients use (`/managers/{name}`) of the upstream configured by the plain FMG_* / FAZ_*. */
export const DEFAULT_UPSTREAM = 'default';

/**
 * Params of concurrent reads per JSON-RPC call. FortiManager documents several operations per call but no
 * limit; 16 is our choice (docs/upstream-api.md §1): it keeps a batch's answer, and the wait of its first
 * reader for the last, small.
 */
export const READ_BATCH_DEFAULT = 16;

export type UpstreamAuth =
  | { mode: 'password'; username: string; password: string }
  | { mode: 'api-key'; apiKey: string }
  | { mode: 'forticloud'; username: string; password: string; tokenUrl: string; clientId: string };

export interface UpstreamConfig {
  /** Internal key (metrics labels, Redis keys, logs): `fmg`, `faz` or `fmg:east`. */
  name: UpstreamName;
  /** Unset in hand-built configs: read from `name`. */
  product?: UpstreamProduct;
  /** The public name (`/managers/{label}`); unset = `default`. */
  label?: string;
  url: string;
  auth: UpstreamAuth;
  timeoutMs: number;
  ca?: string;
  insecureTls: boolean;
  maxSessions: number;
  queueTimeoutMs: number;
  maxQueue: number;
  sessionIdleMs: number;
  /** Calls in flight at most (all auth modes); default maxSessions × sessionMaxInflight. */
  maxConcurrency?: number;
  /** Reads sharing one pooled session at once; unset in hand-built configs: defaultSessionInflight. */
  sessionMaxInflight?: number;
  /** Read cache TTL; 0 or unset = no cache. */
  readCacheTtlMs?: number;
  readCacheMaxBytes?: number;
  /** Identical concurrent reads share one call; default true. */
  coalesceReads?: boolean;
  /** Most params of concurrent reads in one call (1: none batched); default READ_BATCH_DEFAULT. */
  readBatchMax?: number;
  /** Resends after a lost connection, for idempotent calls only (get, login). */
  retries: number;
  breakerThreshold: number;
  breakerHalfOpenMs: number;
}

export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

export type ClientAuthConfig =
  | { mode: 'disabled' }
  | {
      mode: 'jwt';
      /** HS* secret, or the JWKS URL for asymmetric algorithms. */
      secret?: string;
      jwksUrl?: string;
      algorithms: JwtAlgorithm[];
      issuer: string;
      audience: string;
      clockSkewS: number;
      /** Tokens without `exp`, or living longer than this, are refused (default 24 h). */
      maxTokenLifetimeS?: number;
      scopesClaim: string;
      adomsClaim: string;
      /** Set when the gateway made up a demo secret (no upstream and no auth configured). */
      demo?: boolean;
    };

/**
 * Defaults for the raw passthrough: the configuration and monitoring families, never the gateway's own
 * session (login/logout), the FortiGate proxy, reboots, admin accounts or workspace locks (the gateway
 * owns those, and a lock taken through the passthrough would outlive the call).
 */
export const RPC_DEFAULTS = {
  allow: [
    '^/?(dvmdb|pm|cli/global/system/(status|global|interface)|sys/status|task|securityconsole|logview|fortiview|eventmgmt|incidentmgmt|report)(/|$)',
  ],
  deny: ['^/?sys/(login|logout|proxy|reboot)', '^/?cli/global/system/admin', '/workspace/'],
};

export interface AppConfig {
  port: number;
  host: string;
  logLevel: string;
  /** `fmg` and `faz` are the default upstreams; named ones are under `fmg:NAME` / `faz:NAME`. */
  upstreams: { fmg?: UpstreamConfig; faz?: UpstreamConfig; [name: string]: UpstreamConfig | undefined };
  /** An unreachable named upstream makes /health/ready fail too (default false: only its routes fail). */
  readyNeedsEveryUpstream?: boolean;
  emulatorPort: number;
  auth: ClientAuthConfig;
  rpc: { allow: RegExp[]; deny: RegExp[] };
  /** Unset: one instance, shared state in memory. */
  redis?: { url: string; keyPrefix: string };
  /** Unset (configs built by hand, e.g. tests) or 0: no rate limit. */
  rateLimit?: { perMinute: number };
  /** Default true. */
  metricsEnabled?: boolean;
  /** Set: metrics and probes on this port only (0 = a free one, tests). Unset: everything on `port`. */
  managementPort?: number;
  /** Origins allowed by CORS; empty or unset = CORS off. */
  corsOrigins?: string[];
  /** The FortiGate proxy (`sys/proxy/json`); unset = PROXY_DEFAULTS. */
  proxy?: ProxyConfig;
}

export interface ProxyConfig {
  /** FortiOS cmdb paths writable through the proxy (admin scope only); empty = none. */
  writes: string[];
  maxTimeoutS: number;
  /** Calls waiting per device behind the running one. */
  queuePerDevice: number;
}

/** FMG's own default proxy timeout is 60 s (docs/upstream-api.md §8.10). */
export const PROXY_DEFAULTS: ProxyConfig = { writes: [], maxTimeoutS: 60, queuePerDevice: 4 };

/** A FortiOS cmdb path: lower-case words separated by `/`. */
const CMDB_PATH = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*){0,5}$/;

function proxyWrites(value: string | undefined): string[] {
  const paths = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of paths) {
    if (!CMDB_PATH.test(p)) fail(`PROXY_WRITES: "${p}" is not a FortiOS cmdb path such as firewall/address`);
  }
  return paths;
}

/**
 * Demo mode only (no upstream and no client auth configured): the embedded emulators hold nothing worth
 * protecting, so a well-known secret lets `npm run token` mint tokens without any set-up.
 */
export const DEMO_AUTH = {
  secret: 'fortirest-demo-secret-not-for-production-use',
  issuer: 'fortirest-demo',
  audience: 'fortirest',
} as const;

/** AUTH_MAX_TOKEN_LIFETIME_S default: a day. */
export const DEFAULT_MAX_TOKEN_LIFETIME_S = 24 * 3600;

export const FORTICLOUD_TOKEN_URL = 'https://customerapiauth.fortinet.com/api/v1/oauth/token/';
const CLIENT_IDS: Record<UpstreamProduct, string> = { fmg: 'FortiManager', faz: 'FortiAnalyzer' };
export const UPSTREAM_PREFIXES: Record<UpstreamProduct, string> = { fmg: 'FMG_', faz: 'FAZ_' };

/** Defaults shared by every upstream; the pool stays well below FMG's default login-max of 32. */
export const UPSTREAM_DEFAULTS = {
  timeoutMs: 30_000,
  maxSessions: 8,
  queueTimeoutMs: 10_000,
  maxQueue: 1000,
  sessionIdleMs: 5 * 60_000,
  retries: 2,
  breakerThreshold: 5,
  breakerHalfOpenMs: 10_000,
};

/**
 * Reads per pooled session (docs/upstream-api.md §5.1): parallel calls on one login session are what FMG's own
 * Terraform provider does (parallelism 10), 4 keeps each session well inside that. API keys stay at 1: FMG
 * 7.2.7–7.4.7 answers parallel token calls with spurious -11 (§5.2), and in token mode MAX_SESSIONS already
 * counts parallel calls.
 */
export function defaultSessionInflight(auth: UpstreamAuth): number {
  return auth.mode === 'api-key' ? 1 : 4;
}

export class ConfigError extends Error {}

function validated<T extends object>(cls: new () => T, input: Record<string, unknown>, prefix = ''): T {
  const instance = plainToInstance(cls, input);
  const errors = validateSync(instance);
  if (errors.length > 0) {
    // class-validator's default messages name the rule, not the value, so they are safe to print.
    const lines = errors.map(
      (e) => `${prefix}${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return instance;
}

function fail(message: string): never {
  throw new ConfigError(`Invalid configuration:\n  ${message}`);
}

function readFileVariable(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return fail(`${variable}: file cannot be read`);
  }
}

function loadUpstream(name: UpstreamProduct, env: NodeJS.ProcessEnv): UpstreamConfig | undefined {
  const prefix = UPSTREAM_PREFIXES[name];
  return upstreamFromVariables(name, name, prefixed(env, prefix), prefix);
}

/**
 * One upstream from its variables (without prefix), for the plain FMG_* / FAZ_*, a named FMG_EAST_* and
 * an UPSTREAMS_FILE entry alike; `prefix` is how messages name the setting.
 */
export function upstreamFromVariables(
  product: UpstreamProduct,
  name: UpstreamName,
  input: Record<string, unknown>,
  prefix: string,
): UpstreamConfig | undefined {
  const vars = validated(UpstreamEnv, input, prefix);
  if (!vars.URL) return undefined;
  const secret = (plain: string | undefined, file: string | undefined, variable: string) =>
    file ? readFileVariable(`${prefix}${variable}_FILE`, file) : plain;
  const apiKey = secret(vars.API_KEY, vars.API_KEY_FILE, 'API_KEY');
  const password = secret(vars.PASSWORD, vars.PASSWORD_FILE, 'PASSWORD');
  const mode: AuthMode = vars.AUTH ?? (apiKey ? 'api-key' : 'password');
  let auth: UpstreamAuth;
  if (mode === 'api-key') {
    if (!apiKey) fail(`${prefix}AUTH is api-key, so ${prefix}API_KEY (or ${prefix}API_KEY_FILE) is required`);
    auth = { mode, apiKey };
  } else {
    if (!vars.USERNAME || password === undefined) {
      fail(
        `${prefix}URL is set, so ${prefix}USERNAME and ${prefix}PASSWORD (or ${prefix}PASSWORD_FILE) are required`,
      );
    }
    auth =
      mode === 'password'
        ? { mode, username: vars.USERNAME, password }
        : {
            mode,
            username: vars.USERNAME,
            password,
            tokenUrl: vars.FORTICLOUD_TOKEN_URL ?? FORTICLOUD_TOKEN_URL,
            clientId: CLIENT_IDS[product],
          };
  }
  return {
    name,
    product,
    url: vars.URL.replace(/\/+$/, ''),
    auth,
    timeoutMs: vars.TIMEOUT_MS ?? UPSTREAM_DEFAULTS.timeoutMs,
    ca: vars.CA_FILE ? readFileVariable(`${prefix}CA_FILE`, vars.CA_FILE) : undefined,
    insecureTls: vars.INSECURE_TLS ?? false,
    maxSessions: vars.MAX_SESSIONS ?? UPSTREAM_DEFAULTS.maxSessions,
    queueTimeoutMs: vars.QUEUE_TIMEOUT_MS ?? UPSTREAM_DEFAULTS.queueTimeoutMs,
    maxQueue: vars.MAX_QUEUE ?? UPSTREAM_DEFAULTS.maxQueue,
    sessionIdleMs: vars.SESSION_IDLE_MS ?? UPSTREAM_DEFAULTS.sessionIdleMs,
    maxConcurrency: vars.MAX_CONCURRENCY,
    sessionMaxInflight: vars.SESSION_MAX_INFLIGHT ?? defaultSessionInflight(auth),
    retries: vars.RETRIES ?? UPSTREAM_DEFAULTS.retries,
    breakerThreshold: vars.BREAKER_THRESHOLD ?? UPSTREAM_DEFAULTS.breakerThreshold,
    breakerHalfOpenMs: vars.BREAKER_HALF_OPEN_MS ?? UPSTREAM_DEFAULTS.breakerHalfOpenMs,
  };
}

function prefixed(env: NodeJS.ProcessEnv, prefix: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(env)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
}

function loadClientAuth(env: NodeJS.ProcessEnv, demo: boolean): ClientAuthConfig {
  const vars = validated(ClientAuthEnv, prefixed(env, 'AUTH_'), 'AUTH_');
  if (vars.DISABLED) return { mode: 'disabled' };
  const secret = vars.JWT_SECRET_FILE
    ? readFileVariable('AUTH_JWT_SECRET_FILE', vars.JWT_SECRET_FILE)
    : vars.JWT_SECRET;
  const common = {
    clockSkewS: vars.CLOCK_SKEW_S ?? 30,
    maxTokenLifetimeS: vars.MAX_TOKEN_LIFETIME_S ?? DEFAULT_MAX_TOKEN_LIFETIME_S,
    scopesClaim: vars.SCOPES_CLAIM ?? 'scope',
    adomsClaim: vars.ADOMS_CLAIM ?? 'adoms',
  };
  if (!secret && !vars.JWKS_URL) {
    if (demo) {
      return {
        mode: 'jwt',
        secret: DEMO_AUTH.secret,
        algorithms: ['HS256'],
        issuer: DEMO_AUTH.issuer,
        audience: DEMO_AUTH.audience,
        demo: true,
        ...common,
      };
    }
    fail(
      'AUTH_JWT_SECRET (or AUTH_JWT_SECRET_FILE) or AUTH_JWKS_URL is required to authenticate clients (AUTH_DISABLED=true for development only)',
    );
  }
  if (secret && vars.JWKS_URL) fail('AUTH_JWT_SECRET and AUTH_JWKS_URL are exclusive');
  if (!vars.JWT_ISSUER || !vars.JWT_AUDIENCE) {
    fail('AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE are required: tokens are checked against both');
  }
  const algorithms = (vars.JWT_ALGORITHMS ?? (secret ? 'HS256' : 'RS256,ES256'))
    .split(',')
    .map((a) => a.trim());
  const unknown = algorithms.filter((a) => !(JWT_ALGORITHMS as readonly string[]).includes(a));
  if (unknown.length > 0) fail(`AUTH_JWT_ALGORITHMS: unsupported ${unknown.join(', ')}`);
  const symmetric = algorithms.filter((a) => a.startsWith('HS'));
  if (secret ? symmetric.length !== algorithms.length : symmetric.length > 0) {
    // Mixing would let a public key be used as an HMAC secret (algorithm confusion).
    fail('AUTH_JWT_ALGORITHMS: HS* only with AUTH_JWT_SECRET, RS*/ES*/PS* only with AUTH_JWKS_URL');
  }
  return {
    mode: 'jwt',
    secret,
    jwksUrl: vars.JWKS_URL,
    algorithms: algorithms as JwtAlgorithm[],
    issuer: vars.JWT_ISSUER,
    audience: vars.JWT_AUDIENCE,
    ...common,
  };
}

function regexList(variable: string, value: string | undefined, defaults: string[]): RegExp[] {
  const sources =
    value === undefined
      ? defaults
      : value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  return sources.map((source) => {
    try {
      return new RegExp(source);
    } catch {
      return fail(`${variable}: "${source}" is not a valid regular expression`);
    }
  });
}

/** Exact origins only (scheme://host[:port]): a wildcard would hand bearer-token calls to any site. */
function corsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      fail('CORS_ORIGINS: every entry must be an origin like https://app.example.com (no path, no wildcard)');
    }
  }
  return origins;
}

function managementPort(port: number | undefined, apiPort: number): number | undefined {
  if (port !== undefined && port === apiPort) fail('MANAGEMENT_PORT must differ from PORT');
  return port;
}

/** Generous: a client scripting against the API is not slowed down; a runaway loop is. */
export const RATE_LIMIT_DEFAULT_PER_MIN = 1200;

/** Fails fast: a typo in REDIS_URL must not silently fall back to per-instance state. */
function redisConfig(url: string | undefined, keyPrefix: string | undefined): AppConfig['redis'] {
  if (url === undefined || url === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('REDIS_URL: not a URL (expected redis://host:6379 or rediss://…)');
  }
  if (!['redis:', 'rediss:'].includes(parsed.protocol) || !parsed.hostname) {
    fail('REDIS_URL: must be a redis:// or rediss:// URL with a host');
  }
  return { url, keyPrefix: keyPrefix ?? 'fortirest:' };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = validated(GatewayEnv, { ...env });
  const upstreams: AppConfig['upstreams'] = {};
  const all: UpstreamConfig[] = [
    ...(['fmg', 'faz'] as const).flatMap((name) => loadUpstream(name, env) ?? []),
    ...namedUpstreamSources(env, vars.UPSTREAMS_FILE, fail).map((source) => {
      const upstream = upstreamFromVariables(source.product, source.name, source.vars, source.prefix);
      if (!upstream) fail(`${source.prefix}URL is required for the upstream "${source.label}"`);
      return { ...upstream, label: source.label };
    }),
  ];
  for (const upstream of all) {
    upstreams[upstream.name] = {
      ...upstream,
      readCacheTtlMs: vars.READ_CACHE_TTL_MS ?? 0,
      readCacheMaxBytes: (vars.READ_CACHE_MAX_MB ?? 32) * 1024 * 1024,
      coalesceReads: vars.READ_COALESCING ?? true,
      readBatchMax: vars.READ_BATCH_MAX,
    };
  }
  return {
    port: vars.PORT ?? 3000,
    host: vars.HOST ?? '127.0.0.1',
    logLevel: vars.LOG_LEVEL ?? 'log',
    upstreams,
    emulatorPort: vars.EMULATOR_PORT ?? 0,
    metricsEnabled: vars.METRICS_ENABLED ?? true,
    managementPort: managementPort(vars.MANAGEMENT_PORT, vars.PORT ?? 3000),
    corsOrigins: corsOrigins(vars.CORS_ORIGINS),
    rpc: {
      allow: regexList('RPC_ALLOW_URLS', vars.RPC_ALLOW_URLS, RPC_DEFAULTS.allow),
      deny: regexList('RPC_DENY_URLS', vars.RPC_DENY_URLS, RPC_DEFAULTS.deny),
    },
    readyNeedsEveryUpstream: vars.READY_NEEDS_EVERY_UPSTREAM ?? false,
    // No upstream configured = demo mode on the emulators: a demo secret instead of a hard failure.
    auth: loadClientAuth(env, Object.keys(upstreams).length === 0),
    redis: redisConfig(vars.REDIS_URL, vars.REDIS_KEY_PREFIX),
    rateLimit: { perMinute: vars.RATE_LIMIT_PER_MIN ?? RATE_LIMIT_DEFAULT_PER_MIN },
    proxy: {
      writes: proxyWrites(vars.PROXY_WRITES),
      maxTimeoutS: vars.PROXY_MAX_TIMEOUT_S ?? PROXY_DEFAULTS.maxTimeoutS,
      queuePerDevice: vars.PROXY_QUEUE_PER_DEVICE ?? PROXY_DEFAULTS.queuePerDevice,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
