import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { GatewayError } from '../common/errors/gateway-error';
import { SharedState } from '../shared-state/shared-state';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** How long a completed response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/**
 * How long a request in flight holds its key. Longer than any request can take (lock waits of 60 s,
 * queueing, upstream timeouts), short enough that the key frees itself if a replica died mid-request.
 */
export const IN_FLIGHT_TTL_MS = 5 * 60_000;
/** Responses larger than this are not kept (POST answers are small; this only bounds the store). */
const MAX_STORED_BYTES = 1024 * 1024;
/** Response headers that belong to the answer and so are replayed with it. */
const KEPT_HEADERS = ['content-type', 'location', 'etag'];
const KEY_SYNTAX = /^[\x21-\x7e]{1,255}$/;

interface InFlight {
  state: 'in-flight';
  hash: string;
  /** Makes this request's record unique, so only it can replace or remove it. */
  token: string;
}

interface Completed {
  state: 'done';
  hash: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

type IdempotencyRecord = InFlight | Completed;

/** What the guard does with a request: let it run, or answer it with the stored response. */
export type Admission = { kind: 'proceed' } | { kind: 'replay'; status: number; body: string };

interface Pending {
  storeKey: string;
  record: InFlight;
}

/**
 * `Idempotency-Key` on POST (IETF draft "The Idempotency-Key HTTP Header Field"): the first request with a
 * key runs and its successful response is kept for 24 h, per client; a retry with the same key and the same
 * request gets that response again (`Idempotent-Replayed: true`) without reaching the upstream. The same key
 * with a different request is a 422; while the first is still running, a retry is a 409. A response that
 * is not a success is not kept: the key is freed and a retry runs again. Records live in shared state, so
 * a retry may land on any replica.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');
  /** Requests that hold a key until their response is sent. */
  private readonly pending = new WeakMap<FastifyRequest, Pending>();

  constructor(private readonly state: SharedState) {}

  async admit(request: AuthenticatedRequest, reply: FastifyReply): Promise<Admission> {
    const key = parseKey(request.headers[IDEMPOTENCY_HEADER]);
    if (key === undefined) return { kind: 'proceed' };
    const subject = request.user?.subject ?? 'anonymous';
    const storeKey = `idempotency:${sha256(`${subject}\0${key}`)}`;
    const hash = sha256(
      `${request.method} ${request.originalUrl}\n${JSON.stringify(canonical(request.body ?? null))}`,
    );
    const record: InFlight = { state: 'in-flight', hash, token: randomUUID() };
    // A record that vanishes between the two calls (its request failed) is simply tried again.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.state.setIfAbsent(storeKey, record, IN_FLIGHT_TTL_MS)) {
        this.pending.set(request, { storeKey, record });
        return { kind: 'proceed' };
      }
      const existing = await this.state.get<IdempotencyRecord>(storeKey);
      if (!existing) continue;
      if (existing.hash !== hash) throw keyReused();
      if (existing.state === 'in-flight') throw inProgress();
      return this.replay(existing, reply);
    }
    throw inProgress();
  }

  /** Called as the response leaves (Fastify onSend): keep a success, free the key otherwise. */
  async settle(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
    const pending = this.pending.get(request);
    if (!pending) return;
    this.pending.delete(request);
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString() : '';
    const storable =
      reply.statusCode >= 200 &&
      reply.statusCode < 300 &&
      (payload === null ||
        payload === undefined ||
        typeof payload === 'string' ||
        Buffer.isBuffer(payload)) &&
      body.length <= MAX_STORED_BYTES;
    try {
      if (storable) {
        const headers: Record<string, string> = {};
        for (const name of KEPT_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        const completed: Completed = {
          state: 'done',
          hash: pending.record.hash,
          status: reply.statusCode,
          headers,
          body,
        };
        await this.state.set(pending.storeKey, completed, IDEMPOTENCY_TTL_MS);
      } else {
        await this.state.deleteIf(pending.storeKey, pending.record);
      }
    } catch (err) {
      // The in-flight record then expires by itself; until then retries get a 409.
      this.logger.warn(`Idempotency record not settled: ${(err as Error).message}`);
    }
  }

  /** The stored answer, as it was sent: its headers set here, its status and body for the caller to send. */
  private replay(record: Completed, reply: FastifyReply): Admission {
    for (const [name, value] of Object.entries(record.headers)) void reply.header(name, value);
    void reply.header(REPLAYED_HEADER, 'true');
    return { kind: 'replay', status: record.status, body: record.body };
  }
}

function parseKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw badKey('send one Idempotency-Key header');
  // The draft makes it a structured-field string ("…"); a bare token is accepted too.
  const key = /^"(.*)"$/.exec(raw.trim())?.[1] ?? raw.trim();
  if (!KEY_SYNTAX.test(key)) throw badKey('1 to 255 visible ASCII characters, e.g. a UUID');
  return key;
}

/** Same JSON whatever the client's key order, so an equal request hashes equal. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function badKey(hint: string): GatewayError {
  return new GatewayError('IDEMPOTENCY_KEY_INVALID', `Invalid Idempotency-Key: ${hint}.`);
}

function keyReused(): GatewayError {
  return new GatewayError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used with a different request (method, path or body). Use a new key.',
  );
}

function inProgress(): GatewayError {
  return new GatewayError(
    'IDEMPOTENCY_REQUEST_IN_PROGRESS',
    'The first request with this Idempotency-Key is still running; retry once it has finished.',
    { extensions: { retryable: true }, headers: { 'Retry-After': '1' } },
  );
}
