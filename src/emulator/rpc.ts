/** JSON-RPC dispatcher: envelope, login/logout, session/API-key and permission checks, call log. */
import type { CallLog } from './core/calls';
import { elementMatches, elements, type Fault } from './core/faults';
import { toFazDialect } from './faz/faz';
import type { ProductInfo } from './core/product';
import { route } from './routes';
import type { Session, Sessions } from './core/sessions';
import { E, fail, MESSAGES, RpcError } from './core/status';
import type { Store } from './core/store';
import type { TaskEngine } from './core/tasks';
import type { Params } from './core/table';
import { normalizeUrl, splitUrl } from './core/url';

const METHODS = new Set(['get', 'set', 'add', 'update', 'delete', 'exec', 'clone', 'move', 'replace']);

export interface RpcDeps {
  store: Store;
  sessions: Sessions;
  calls: CallLog;
  product: ProductInfo;
  tasks: TaskEngine;
  /** Counts a params element answered with a spurious -11 (parallel-token bug). */
  onTokenCollision: () => void;
}

/** How the HTTP request authenticated, besides the `session` field of the body. */
export interface RpcAuth {
  /** Key from `Authorization: Bearer <key>`. */
  bearer?: string;
  /** The request overlapped another one with the same key while the parallel-token bug is on. */
  collision?: boolean;
  /** Requests with this body's `session` in flight when it arrived, itself included (call log only). */
  sessionLoad?: number;
}

interface Outcome {
  code: number;
  message: string;
  data?: unknown;
  user: string | null;
  newSession?: string;
}

/** Answers one parsed JSON-RPC body. `fault.status` (if given) replaces matching elements. */
export function handleRpc(
  deps: RpcDeps,
  body: unknown,
  fault?: Fault,
  auth: RpcAuth = {},
): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { id: null, error: { code: -32600, message: 'Invalid Request' } };
  }
  const req = body as Record<string, unknown>;
  const id = req.id ?? null;
  const method = req.method;
  if (typeof method !== 'string' || typeof req.params !== 'object' || req.params === null) {
    return { id, error: { code: -32600, message: 'Invalid Request' } };
  }
  // [U] A bare params object (FAZ-style) is accepted as a one-element batch.
  const params = elements(req) as Params[];
  let session: string | undefined;
  // What the call record of every element shares: the request it came in.
  const request = {
    ...(auth.sessionLoad !== undefined ? { sessionLoad: auth.sessionLoad } : {}),
    ...(params.length > 1 ? { batch: params.length } : {}),
  };
  const result = params.map((p) => {
    const url = typeof p.url === 'string' ? p.url : '';
    const norm = normalizeUrl(url);
    // An injected status answers instead of the real handler.
    const faulted = fault?.status && elementMatches(fault, norm) ? fault.status : undefined;
    let out: Outcome;
    if (faulted) {
      const user =
        auth.bearer === undefined
          ? deps.sessions.peekUser(req.session)
          : deps.sessions.apiKeyUser(auth.bearer);
      out = { code: faulted.code, message: faulted.message ?? '', user };
    } else {
      out = runElement(deps, method, req.session, auth, p);
    }
    deps.calls.add({
      method: method,
      url: norm,
      user: out.user,
      code: out.code,
      ...request,
      ...(faulted
        ? { faulted: true as const }
        : {
            ...(req.jsonrpc === '2.0' ? { jsonrpc: '2.0' as const } : {}),
            ...(p['time-range'] !== undefined ? { timeRange: p['time-range'] } : {}),
          }),
    });
    if (out.newSession) session = out.newSession;
    const entry: Record<string, unknown> = { status: { code: out.code, message: out.message }, url };
    if (out.data !== undefined) entry.data = out.data;
    return entry;
  });
  const response: Record<string, unknown> = { id, result };
  if (session) response.session = session;
  return deps.product.product === 'fortianalyzer' ? toFazDialect(req, response) : response;
}

function runElement(deps: RpcDeps, method: string, sid: unknown, auth: RpcAuth, p: Params): Outcome {
  let user: string | null = null;
  try {
    if (typeof p.url !== 'string') fail(E.INVALID_URL);
    const segs = splitUrl(p.url);
    const path = segs.join('/');
    // [U] A password login works the same with or without a Bearer header.
    if (path === 'sys/login/user') {
      if (method !== 'exec') fail(E.INVALID_CMD);
      const d = (Array.isArray(p.data) ? p.data[0] : p.data) as Record<string, unknown> | undefined;
      user = typeof d?.user === 'string' ? d.user : null;
      const r = deps.sessions.login(d?.user, d?.passwd);
      if (!r.ok) return { code: r.code, message: r.message, user };
      return { code: 0, message: MESSAGES[0], user, newSession: r.session.sid };
    }
    // Expiry is lazy, but a lock held by an idle-expired session must not block others.
    deps.sessions.purgeExpired();
    if (auth.bearer !== undefined) user = deps.sessions.apiKeyUser(auth.bearer);
    const session = authenticate(deps, sid, auth);
    user = session.user;
    if (path === 'sys/logout') {
      if (method !== 'exec') fail(E.INVALID_CMD);
      // [U] An API key has no login session to end; logout is accepted and its locks are kept.
      if (!session.apiKey) deps.sessions.logout(session);
      return { code: 0, message: MESSAGES[0], user };
    }
    if (!METHODS.has(method)) fail(E.INVALID_CMD);
    // rpc-permit read: every write answers -11 (docs/upstream-api.md §5.1).
    if (session.permit !== 'read-write' && method !== 'get') fail(E.NO_PERMISSION);
    const data = route({
      store: deps.store,
      session,
      method,
      segs,
      p,
      product: deps.product,
      tasks: deps.tasks,
    });
    return { code: 0, message: MESSAGES[0], data, user };
  } catch (e) {
    if (e instanceof RpcError) return { code: e.code, message: e.message, data: e.data, user };
    // A bug in the emulator must not kill the server; FMG's generic failure is -1.
    return { code: -1, message: `Internal error: ${(e as Error).message}`, user };
  }
}

/** The session an element runs in: the body's `session`, or the API key's pseudo-session. */
function authenticate(deps: RpcDeps, sid: unknown, auth: RpcAuth): Session {
  if (auth.bearer === undefined) return deps.sessions.touch(sid) ?? fail(E.NO_PERMISSION);
  // FAZ rejects a (fake) `session` next to a Bearer key (docs/upstream-api.md §5.2); [U] FMG is assumed to as
  // well. A null session (as many clients send before login) counts as absent.
  if (sid !== undefined && sid !== null) fail(E.NO_PERMISSION);
  const session = deps.sessions.forApiKey(auth.bearer) ?? fail(E.NO_PERMISSION);
  if (auth.collision) {
    deps.onTokenCollision();
    fail(E.NO_PERMISSION);
  }
  return session;
}
