/** HTTP front: POST /jsonrpc, FortiCloud login, the /__emulator control API, and fault application. */
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { bearerToken, TOKEN_PROCESSING_MS } from './core/apikey';
import { handleCloud } from './cloud';
import { handleControl } from './control';
import type { EmulatorCore } from './emulator';
import type { RpcAuth } from './rpc';

const MAX_BODY = 16 * 1024 * 1024;

export interface EmulatorServer {
  server: Server;
  /** Cancels delayed (fault-injected) responses so close() does not wait for them. */
  cancelPending: () => void;
}

export function createEmulatorServer(core: EmulatorCore): EmulatorServer {
  const pending = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        pending.delete(t);
        resolve();
      }, ms);
      pending.add(t);
    });

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => dispatch(core, req, res, raw, sleep))
      .catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: (e as Error).message });
        else res.destroy();
      });
  });
  return {
    server,
    cancelPending: () => {
      pending.forEach(clearTimeout);
      pending.clear();
    },
  };
}

async function dispatch(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (url.pathname.startsWith('/__emulator/')) {
    let body: unknown;
    try {
      body = raw.trim() === '' ? undefined : JSON.parse(raw);
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON' });
    }
    const reply = handleControl(core, req.method ?? 'GET', url, body);
    return sendJson(res, reply.status, reply.body);
  }
  const cloud = handleCloud(core, req.method ?? 'GET', url.pathname, raw);
  if (cloud) return sendJson(res, cloud.status, cloud.body);
  if (url.pathname !== '/jsonrpc') return sendHtml(res, 404);
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendHtml(res, 405);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return sendJson(res, 200, { id: null, error: { code: -32700, message: 'Parse error' } });
  }
  const bearer = bearerToken(req.headers.authorization);
  const pass = bearer === undefined ? undefined : core.tokenGate.enter(bearer);
  const sid = (body as { session?: unknown } | null)?.session;
  const onSession = typeof sid === 'string' ? core.sessionGate.enter(sid) : undefined;
  try {
    await answerRpc(core, req, res, body, sleep, {
      bearer,
      collision: pass?.collided,
      sessionLoad: onSession?.concurrent,
    });
  } finally {
    pass?.leave();
    onSession?.leave();
  }
}

async function answerRpc(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  sleep: (ms: number) => Promise<void>,
  auth: RpcAuth,
): Promise<void> {
  const fault = core.faults.take(body);
  if (fault?.delayMs) await sleep(fault.delayMs);
  // drop and httpStatus model failures in front of the JSON-RPC layer: the operation never runs.
  if (fault?.drop) {
    req.socket.destroy();
    return;
  }
  // Never answered; the socket goes when the client gives up or close() cuts all connections.
  if (fault?.hang) return;
  if (fault?.httpStatus) return sendHtml(res, fault.httpStatus);
  // With the parallel-token bug on, token requests take a while, so that overlap can happen.
  if (auth.bearer !== undefined && core.tokenGate.buggy) await sleep(TOKEN_PROCESSING_MS);
  const response = core.rpc(body, fault, auth);
  if (fault?.dropResponse) {
    req.socket.destroy();
    return;
  }
  // invalidJson and wrongId corrupt the answer on the way back: the operation did run.
  if (fault?.wrongId) {
    const id = response.id;
    response.id = typeof id === 'number' ? id + 1 : `${String(id)}+1`;
  }
  let text = JSON.stringify(response);
  if (fault?.invalidJson) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Web-layer errors come back as small HTML pages, like the FMG's front-end web server. */
function sendHtml(res: ServerResponse, status: number): void {
  const title = STATUS_CODES[status] ?? 'Error';
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(
    `<html><head><title>${status} ${title}</title></head><body><h1>${status} ${title}</h1></body></html>`,
  );
}
