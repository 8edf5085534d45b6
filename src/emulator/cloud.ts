/**
 * FortiCloud login on the emulator's own HTTP server (docs/upstream-api.md §5.3): the IAM OAuth endpoints
 * (really customerapiauth.fortinet.com) and the FMG/FAZ Cloud `/p/forticloud_jsonrpc_login/`.
 */
import type { ControlReply } from './control';
import type { EmulatorCore } from './emulator';
import { E } from './core/status';
import { isObj } from './core/util';

export const OAUTH_TOKEN_PATH = '/api/v1/oauth/token/';
export const OAUTH_REVOKE_PATH = '/api/v1/oauth/revoke_token/';
/** The trailing slash is required (docs/upstream-api.md §10.16); without it the path is unknown (404). */
export const CLOUD_LOGIN_PATH = '/p/forticloud_jsonrpc_login/';
const CLOUD_PATHS = [OAUTH_TOKEN_PATH, OAUTH_REVOKE_PATH, CLOUD_LOGIN_PATH];

/** Answers a FortiCloud route, or returns undefined when `path` is not one. */
export function handleCloud(
  core: EmulatorCore,
  method: string,
  path: string,
  raw: string,
): ControlReply | undefined {
  if (!CLOUD_PATHS.includes(path)) return undefined;
  if (method !== 'POST') return reply(405, { status: 'error', message: 'method not allowed' });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    body = undefined;
  }
  // [U] Error body for a malformed request is a guess in the OAuth style.
  if (!isObj(body)) {
    return reply(400, { status: 'error', error: 'invalid_request', error_message: 'invalid JSON' });
  }
  switch (path) {
    case OAUTH_TOKEN_PATH:
      return token(core, body);
    case OAUTH_REVOKE_PATH:
      core.oauth.revoke(body.token);
      return reply(200, { status: 'success' });
    default:
      return cloudLogin(core, body);
  }
}

function token(core: EmulatorCore, body: Record<string, unknown>): ControlReply {
  const r = core.oauth.grant(body);
  // [U] The reference only says the token endpoint answers 401 on failure; the body is our guess.
  if (!r.ok) return reply(401, { status: 'error', error: r.error, error_message: r.message });
  return reply(200, {
    access_token: r.token.accessToken,
    expires_in: Math.ceil(core.oauth.ttlMs / 1000),
    refresh_token: r.token.refreshToken,
    token_type: 'Bearer',
    scope: 'read write',
    status: 'success',
    message: 'successfully authenticated',
  });
}

/** Trades an access token for a normal JSON-RPC session of the mapped user (login-max, idle expiry). */
function cloudLogin(core: EmulatorCore, body: Record<string, unknown>): ControlReply {
  const t = core.oauth.find(body.access_token);
  // [U] A token issued to the other product is refused like an invalid one.
  const valid = t !== undefined && t.clientId === core.product.cloudClientId;
  const user = valid ? t.cloudUser.user : null;
  const r = valid ? core.sessions.loginAs(t.cloudUser.user) : undefined;
  // Logged like an exec so tests count cloud and password logins the same way.
  const log = (code: number) =>
    core.calls.add({ method: 'exec', url: 'p/forticloud_jsonrpc_login', user, code });
  if (!r) {
    log(E.NO_PERMISSION);
    // [U] The 401 body is not documented.
    return reply(401, { status: 'error', message: 'invalid token' });
  }
  if (!r.ok) {
    log(r.code);
    // [U] Refusal when login-max is reached (or rpc-permit none) is undocumented for the cloud login.
    return reply(401, { status: 'error', message: r.message });
  }
  log(0);
  return reply(200, { session: r.session.sid });
}

const reply = (status: number, body: unknown): ControlReply => ({ status, body });
