/** FortiCloud IAM OAuth tokens (docs/upstream-api.md §5.3): password grant, expiry and revocation. */
import { randomBytes } from 'node:crypto';

/** A FortiCloud IAM API user; `user` names the EmulatorUser whose permissions its sessions get. */
export interface CloudUser {
  username: string;
  password: string;
  user: string;
}

export interface OAuthToken {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  cloudUser: CloudUser;
  expiresAt: number;
}

export const CLOUD_CLIENT_IDS = ['FortiManager', 'FortiAnalyzer'];

export type GrantResult = { ok: true; token: OAuthToken } | { ok: false; error: string; message: string };

export class OAuthTokens {
  private readonly tokens = new Map<string, OAuthToken>();

  constructor(
    private readonly users: CloudUser[],
    readonly ttlMs: number,
  ) {}

  /** Password grant: `{username, password, client_id, grant_type: 'password'}`. */
  grant(body: Record<string, unknown>): GrantResult {
    // [U] Error codes follow OAuth 2.0 (RFC 6749 §5.2); FortiCloud's exact error bodies are undocumented.
    if (body.grant_type !== 'password') {
      return { ok: false, error: 'invalid_grant', message: 'unsupported grant_type' };
    }
    if (typeof body.client_id !== 'string' || !CLOUD_CLIENT_IDS.includes(body.client_id)) {
      return { ok: false, error: 'invalid_client', message: 'invalid client_id' };
    }
    const u = this.users.find((x) => x.username === body.username && x.password === body.password);
    if (!u) return { ok: false, error: 'invalid_grant', message: 'invalid username or password' };
    this.purge();
    const token: OAuthToken = {
      accessToken: randomBytes(24).toString('base64url'),
      refreshToken: randomBytes(24).toString('base64url'),
      clientId: body.client_id,
      cloudUser: u,
      expiresAt: Date.now() + this.ttlMs,
    };
    this.tokens.set(token.accessToken, token);
    return { ok: true, token };
  }

  /** A live (issued, unexpired, unrevoked) token, or undefined. */
  find(accessToken: unknown): OAuthToken | undefined {
    if (typeof accessToken !== 'string') return undefined;
    const t = this.tokens.get(accessToken);
    if (t && t.expiresAt <= Date.now()) {
      this.tokens.delete(accessToken);
      return undefined;
    }
    return t;
  }

  /** [U] Like RFC 7009, revoking an unknown token is not an error. */
  revoke(accessToken: unknown): void {
    if (typeof accessToken === 'string') this.tokens.delete(accessToken);
  }

  live(): number {
    this.purge();
    return this.tokens.size;
  }

  clear(): void {
    this.tokens.clear();
  }

  private purge(): void {
    const now = Date.now();
    for (const [k, t] of this.tokens) if (t.expiresAt <= now) this.tokens.delete(k);
  }
}
