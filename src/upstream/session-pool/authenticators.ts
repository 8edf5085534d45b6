import { Logger } from '@nestjs/common';
import type { UpstreamAuth } from '../../config/app-config';
import { GatewayError } from '../../common/errors/gateway-error';
import { loginFailure } from '../status/fmg-status.mapper';
import { FMG_OK } from '../transport/jsonrpc.types';
import { JsonRpcTransport } from '../transport/jsonrpc-transport';

/**
 * How the gateway proves itself to an upstream (docs/upstream-api.md §5). `session` authenticators give every
 * pool slot its own session; a `token` authenticator (API key) sends a header and has no session.
 */
export interface Authenticator {
  readonly kind: 'session' | 'token';
  /** A new session id (token mode: never called). */
  login(): Promise<string>;
  logout(session: string): Promise<void>;
  /** Headers for every JSON-RPC call. */
  headers(): Record<string, string>;
  /** Upper bound on parallel calls this auth tolerates, if lower than the pool size. */
  concurrencyLimit(): Promise<number | undefined>;
  close(): Promise<void>;
}

const logger = new Logger('UpstreamAuth');

/** What every session-based authenticator shares: logout with the session, no extra headers or limits. */
abstract class SessionAuthenticator implements Authenticator {
  readonly kind = 'session';
  constructor(protected readonly transport: JsonRpcTransport) {}

  abstract login(): Promise<string>;

  logout(session: string): Promise<void> {
    return logoutSession(this.transport, session);
  }

  headers(): Record<string, string> {
    return {};
  }

  concurrencyLimit(): Promise<number | undefined> {
    return Promise.resolve(undefined);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

class PasswordAuthenticator extends SessionAuthenticator {
  constructor(
    transport: JsonRpcTransport,
    private readonly username: string,
    private readonly password: string,
  ) {
    super(transport);
  }

  async login(): Promise<string> {
    const res = await this.transport.send('exec', [
      { url: '/sys/login/user', data: { user: this.username, passwd: this.password } },
    ]);
    const status = res.result[0].status;
    if (status.code !== FMG_OK || typeof res.session !== 'string') {
      logger.error(
        `${this.transport.config.name}: login as ${this.username} refused (${status.code} ${status.message})`,
      );
      throw loginFailure({
        code: status.code,
        message: status.message,
        url: '/sys/login/user',
        method: 'exec',
      });
    }
    return res.session;
  }
}

async function logoutSession(transport: JsonRpcTransport, session: string): Promise<void> {
  try {
    await transport.send('exec', [{ url: '/sys/logout' }], { session });
  } catch (err) {
    logger.warn(`${transport.config.name}: logout failed: ${(err as Error).message}`);
  }
}

/**
 * Parallel token requests get spurious -11 on FMG 7.2.7 – 7.4.7 (fixed in 7.6.2; docs/upstream-api.md §5.2),
 * so on those versions API-key calls are serialised.
 */
export function tokenConcurrencyBug(version: string): boolean {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const n = Number(m[1]) * 10_000 + Number(m[2]) * 100 + Number(m[3]);
  return n >= 70_207 && n <= 70_407;
}

class ApiKeyAuthenticator implements Authenticator {
  readonly kind = 'token';
  private limit?: Promise<number | undefined>;
  constructor(
    private readonly transport: JsonRpcTransport,
    private readonly apiKey: string,
  ) {}

  login(): Promise<string> {
    return Promise.reject(new Error('API-key authentication has no session'));
  }

  logout(): Promise<void> {
    return Promise.resolve();
  }

  headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.apiKey}` };
  }

  /** Asked once; if the version cannot be read the pool keeps its own limit and we try again later. */
  concurrencyLimit(): Promise<number | undefined> {
    this.limit ??= this.detect().catch((err: unknown) => {
      this.limit = undefined;
      throw err;
    });
    return this.limit;
  }

  private async detect(): Promise<number | undefined> {
    const res = await this.transport.send('get', [{ url: '/sys/status' }], { headers: this.headers() });
    const data = res.result[0].data as { Version?: string } | undefined;
    const version = res.result[0].status.code === FMG_OK ? (data?.Version ?? '') : '';
    if (tokenConcurrencyBug(version)) {
      logger.warn(
        `${this.transport.config.name}: ${version} mishandles parallel API-key calls; serialising them.`,
      );
      return 1;
    }
    return undefined;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface OAuthToken {
  accessToken: string;
  expiresAt: number;
}

/** Refresh this long before the token's stated expiry, so a call never races the deadline. */
const TOKEN_MARGIN_MS = 60_000;

/**
 * FortiManager/FortiAnalyzer Cloud: an OAuth token from FortiCloud IAM, exchanged for a normal
 * JSON-RPC session at `/p/forticloud_jsonrpc_login/` (trailing slash required; docs/upstream-api.md §5.3).
 */
class FortiCloudAuthenticator extends SessionAuthenticator {
  private token?: Promise<OAuthToken>;

  constructor(
    transport: JsonRpcTransport,
    private readonly auth: Extract<UpstreamAuth, { mode: 'forticloud' }>,
  ) {
    super(transport);
  }

  async login(): Promise<string> {
    const first = await this.exchange(await this.accessToken());
    if (first !== undefined) return first;
    // The token was refused (revoked or expired early): get a fresh one, once.
    this.token = undefined;
    const second = await this.exchange(await this.accessToken());
    if (second !== undefined) return second;
    throw loginFailure({
      code: -22,
      message: 'FortiCloud refused the session login',
      url: '/p/forticloud_jsonrpc_login/',
    });
  }

  override async close(): Promise<void> {
    const token = await this.token?.catch(() => undefined);
    this.token = undefined;
    if (!token) return;
    const revokeUrl = this.auth.tokenUrl.replace(/token\/?$/, 'revoke_token/');
    await this.transport
      .postJson(revokeUrl, { client_id: this.auth.clientId, token: token.accessToken })
      .catch((err: Error) =>
        logger.warn(`${this.transport.config.name}: token revoke failed: ${err.message}`),
      );
  }

  private async exchange(token: OAuthToken): Promise<string | undefined> {
    const res = await this.transport.postJson('/p/forticloud_jsonrpc_login/', {
      access_token: token.accessToken,
    });
    const session = (res.data as { session?: unknown } | undefined)?.session;
    if (res.status === 200 && typeof session === 'string') return session;
    if (res.status === 401 || res.status === 403) return undefined;
    throw new GatewayError('UPSTREAM_AUTH_FAILED', `FortiCloud session login answered HTTP ${res.status}.`);
  }

  private accessToken(): Promise<OAuthToken> {
    const current = this.token;
    if (current) {
      return current.then((t) => {
        if (Date.now() < t.expiresAt) return t;
        if (this.token === current) this.token = undefined;
        return this.accessToken();
      });
    }
    const fresh = this.fetchToken();
    this.token = fresh;
    fresh.catch(() => {
      if (this.token === fresh) this.token = undefined;
    });
    return fresh;
  }

  private async fetchToken(): Promise<OAuthToken> {
    const res = await this.transport.postJson(this.auth.tokenUrl, {
      username: this.auth.username,
      password: this.auth.password,
      client_id: this.auth.clientId,
      grant_type: 'password',
    });
    const data = res.data as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (res.status !== 200 || typeof data?.access_token !== 'string') {
      logger.error(
        `${this.transport.config.name}: FortiCloud token request for ${this.auth.username} refused (HTTP ${res.status})`,
      );
      throw loginFailure({
        code: -22,
        message: `FortiCloud OAuth answered HTTP ${res.status}`,
        url: this.auth.tokenUrl,
      });
    }
    const ttlMs = (typeof data.expires_in === 'number' ? data.expires_in : 3600) * 1000;
    return {
      accessToken: data.access_token,
      expiresAt: Date.now() + Math.max(ttlMs - TOKEN_MARGIN_MS, ttlMs / 2),
    };
  }
}

export function createAuthenticator(transport: JsonRpcTransport, auth: UpstreamAuth): Authenticator {
  switch (auth.mode) {
    case 'password':
      return new PasswordAuthenticator(transport, auth.username, auth.password);
    case 'api-key':
      return new ApiKeyAuthenticator(transport, auth.apiKey);
    case 'forticloud':
      return new FortiCloudAuthenticator(transport, auth);
  }
}
