import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Logger } from '@nestjs/common';
import axios, { AxiosError, AxiosInstance } from 'axios';
import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  RetryPolicy,
} from 'cockatiel';
import { UPSTREAM_DEFAULTS, type UpstreamConfig } from '../../config/app-config';
import { currentContext } from '../../common/context/request-context';
import {
  GatewayError,
  upstreamProtocolError,
  upstreamTimeout,
  upstreamUnavailable,
  upstreamUnreachable,
} from '../../common/errors/gateway-error';
import { noteUpstreamId } from '../../common/context/upstream-ids';
import { type Dialect, fromAnalyticsAnswer } from '../dialects/dialect';
import { leanHttpAdapter } from './http-adapter';
import { RpcMethod, RpcParam, RpcRequest, RpcResponse, RpcResult } from './jsonrpc.types';

/** Seconds a client is told to wait after the upstream itself said it is busy. */
const UPSTREAM_BUSY_RETRY_AFTER = 5;
/** Backoff between resends of an idempotent call: 50 ms, then growing (with jitter) up to 1 s. */
const RETRY_BACKOFF = { initialDelay: 50, maxDelay: 1_000 };

export interface SendOptions {
  session?: string;
  headers?: Record<string, string>;
  /** The caller's dialect; classic unless it says otherwise. */
  dialect?: Dialect;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What the transport reports to observers (metrics): one `call` per HTTP attempt. */
export type TransportEvent =
  | {
      kind: 'call';
      upstream: string;
      method: RpcMethod;
      /** The first param's url (a batch shares one family). */
      url: string;
      rpcId: number;
      attempt: number;
      durationMs: number;
      /** FMG status code of the results (`mixed` when they differ), or the error code. */
      outcome: string;
    }
  | { kind: 'retry'; upstream: string; method: RpcMethod; url: string; attempt: number }
  | { kind: 'rejected'; upstream: string }
  | { kind: 'breaker'; upstream: string; state: BreakerState };

/** Errors that say the upstream is down or overloaded (they count towards opening the breaker). */
const upstreamDown = new WeakSet<Error>();
/** Errors after which an idempotent call may be sent again (the connection failed, not the call). */
const resendable = new WeakSet<Error>();
const mark = (err: GatewayError, ...sets: WeakSet<Error>[]): GatewayError => {
  sets.forEach((s) => s.add(err));
  return err;
};

/**
 * axios' own adapter (still used for unusual calls, see http-adapter.ts) sets TCP keep-alive with a 60 s
 * first probe on every request's socket, and the agent sets its own `keepAliveMsecs` whenever the socket
 * goes back to the pool. With the same value on both, Node sees no change and skips two setsockopt calls.
 */
const AXIOS_KEEPALIVE_MS = 60_000;

/**
 * axios reads the *_PROXY variables from the environment on every request. Read once: without any,
 * no proxy is used (the common case, and the cheap one); with one, axios keeps resolving it per url.
 */
const PROXY_FROM_ENV = ['http_proxy', 'https_proxy', 'all_proxy'].some(
  (name) => process.env[name] || process.env[name.toUpperCase()],
);

/** A cheaper reading of an answer body (its bytes) than JSON.parse, or undefined to have it parsed as usual. */
export type BodyReader = (body: Buffer) => unknown;
const bodyReaders = new AsyncLocalStorage<BodyReader>();

/**
 * Runs `call` with its upstream answers read by `reader` first (opt-in, per call site: the log export
 * keeps its rows as text). Everything else about the call (envelope checks, status codes) is unchanged.
 */
export function readBodiesWith<T>(reader: BodyReader, call: () => Promise<T>): Promise<T> {
  return bodyReaders.run(reader, call);
}

/** Whether the current call has a body reader of its own (readBodiesWith). */
export const readingBodies = (): boolean => bodyReaders.getStore() !== undefined;

const passThrough = (data: unknown): unknown => data;

const REQUEST_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };
/** axios defaults no call of the transport reads (see trimDefaults). */
const UNUSED_DEFAULTS = [
  'xsrfCookieName',
  'xsrfHeaderName',
  'env',
  'maxBodyLength',
  'maxContentLength',
  'timeout',
  'transitional',
];

/**
 * axios merges the instance's defaults into each call's config key by key, and its header defaults bucket by
 * bucket (common, get, post, …), before the adapter runs: at concurrency 1 that was ~0.09 ms between post()
 * and the adapter, the largest share of the gateway's time before an upstream call. Defaults that no call
 * here uses go: header buckets become the two flat headers; xsrf (browsers), env (form data), the body and
 * answer size limits (-1, unlimited, as when unset), timeout (0; post() sets the deadline) and the
 * `transitional` switches (validated on every call; they only shape axios' own JSON parsing, replaced
 * here, and the error code of its idle timeout, never set) are dropped.
 */
function trimDefaults(http: AxiosInstance): void {
  const defaults = http.defaults as unknown as Record<string, unknown>;
  defaults.headers = { ...REQUEST_HEADERS };
  for (const key of UNUSED_DEFAULTS) delete defaults[key];
}

/**
 * Reads, and the session login, may be sent twice without harm. Writes never: if FMG acknowledged a
 * write whose answer then got lost, a resend would apply it again (or fail with -2 and hide success).
 */
function isIdempotent(method: RpcMethod, params: RpcParam[]): boolean {
  if (method === 'get') return true;
  return method === 'exec' && params.length === 1 && /^\/?sys\/login\/user\/?$/.test(params[0].url);
}

/**
 * HTTP + envelope for one upstream: one axios instance with keep-alive and the upstream's TLS
 * settings, a per-attempt deadline, resends with backoff for idempotent calls and a circuit breaker.
 * Knows nothing about sessions; turns every transport or envelope failure into a GatewayError
 * (502/503/504) so callers only ever see `result[]` or a domain error.
 */
export class JsonRpcTransport {
  private readonly http: AxiosInstance;
  private readonly logger: Logger;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retry: RetryPolicy;
  private readonly listeners = new Set<(event: TransportEvent) => void>();
  private readonly halfOpenMs: number;
  private openedAt = 0;
  private nextId = 1;

  constructor(readonly config: UpstreamConfig) {
    this.logger = new Logger(`JsonRpc:${config.name}`);
    this.http = axios.create({
      baseURL: config.url,
      // No axios `timeout` (an idle timer): post() puts a hard deadline on every attempt.
      // A lean adapter for our own POSTs (http-adapter.ts); axios' http adapter for anything else.
      adapter: leanHttpAdapter(axios.getAdapter('http')),
      // Bodies go out as the JSON text post() made, once: axios' own transform would test the value's
      // kind (form data, streams, URLSearchParams…) and stringify it again on every call.
      transformRequest: [passThrough],
      // Raw text: we parse ourselves so a broken body becomes a clear 502, not an axios quirk.
      transformResponse: [passThrough],
      responseType: 'text',
      validateStatus: () => true,
      maxRedirects: 0,
      ...(PROXY_FROM_ENV ? {} : { proxy: false as const }),
      httpAgent: new HttpAgent({ keepAlive: true, keepAliveMsecs: AXIOS_KEEPALIVE_MS, maxSockets: 64 }),
      httpsAgent: new HttpsAgent({
        keepAlive: true,
        keepAliveMsecs: AXIOS_KEEPALIVE_MS,
        maxSockets: 64,
        ca: config.ca,
        rejectUnauthorized: !config.insecureTls,
      }),
    });
    trimDefaults(this.http);
    this.halfOpenMs = config.breakerHalfOpenMs ?? UPSTREAM_DEFAULTS.breakerHalfOpenMs;
    this.breaker = circuitBreaker(
      handleWhen((err) => upstreamDown.has(err)),
      {
        halfOpenAfter: this.halfOpenMs,
        breaker: new ConsecutiveBreaker(config.breakerThreshold ?? UPSTREAM_DEFAULTS.breakerThreshold),
      },
    );
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
      this.logger.warn(`${config.name}: circuit open, calls refused for ${this.halfOpenMs} ms`);
    });
    this.breaker.onHalfOpen(() => this.logger.log(`${config.name}: circuit half-open, sending a test call`));
    this.breaker.onReset(() => this.logger.log(`${config.name}: circuit closed, upstream is back`));
    this.breaker.onStateChange(() =>
      this.emit({ kind: 'breaker', upstream: config.name, state: this.breakerState() }),
    );
    this.retry = retry(
      handleWhen((err) => resendable.has(err)),
      {
        maxAttempts: config.retries ?? UPSTREAM_DEFAULTS.retries,
        backoff: new ExponentialBackoff(RETRY_BACKOFF),
      },
    );
  }

  observe(listener: (event: TransportEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  breakerState(): BreakerState {
    const state = this.breaker.state;
    if (state === CircuitState.Closed) return 'closed';
    return state === CircuitState.HalfOpen ? 'half-open' : 'open';
  }

  /** One JSON-RPC call; returns `result[]` after checking the envelope (count, status shape, id). */
  async send(
    method: RpcMethod,
    params: RpcParam[],
    options: SendOptions = {},
  ): Promise<RpcResponse & { result: RpcResult[] }> {
    const idempotent = isIdempotent(method, params);
    const once = (attempt: number) => this.attempt(method, params, options, idempotent, attempt);
    try {
      // The breaker sees whole calls (resends included), so one flaky read is one failure, not three.
      return await this.breaker.execute(() =>
        idempotent ? this.retry.execute(({ attempt }) => once(attempt)) : once(0),
      );
    } catch (err) {
      if (err instanceof BrokenCircuitError) throw this.circuitOpen();
      throw err;
    }
  }

  /** A plain JSON POST (FortiCloud login and OAuth are not JSON-RPC). `url` may be absolute. */
  async postJson(url: string, body: unknown): Promise<{ status: number; data: unknown }> {
    const { status, text } = await this.post(url, body, true);
    try {
      return { status, data: text ? JSON.parse(text) : undefined };
    } catch {
      throw upstreamProtocolError(`${url} answered HTTP ${status} with a body that is not JSON.`);
    }
  }

  destroy(): void {
    (this.http.defaults.httpAgent as HttpAgent).destroy();
    (this.http.defaults.httpsAgent as HttpsAgent).destroy();
  }

  private async attempt(
    method: RpcMethod,
    params: RpcParam[],
    options: SendOptions,
    idempotent: boolean,
    attempt: number,
  ): Promise<RpcResponse & { result: RpcResult[] }> {
    const url = params[0]?.url ?? '';
    if (attempt > 0) this.emit({ kind: 'retry', upstream: this.config.name, method, url, attempt });
    // A fresh id per attempt: a late answer to an earlier attempt can never pass for this one.
    const body: RpcRequest = { id: this.nextId++, method, params, verbose: 1 };
    const analytics = options.dialect === 'faz-analytics';
    if (analytics) body.jsonrpc = '2.0';
    if (options.session !== undefined) body.session = options.session;
    noteUpstreamId(body.id);
    const started = performance.now();
    let outcome = 'error';
    try {
      const answer = await this.rpc(body, idempotent, options.headers, analytics);
      const response = analytics ? fromAnalyticsAnswer(answer, params[0].url) : answer;
      const results = response.result;
      if (!Array.isArray(results) || results.length !== params.length) {
        throw this.unreadable(
          idempotent,
          `Expected ${params.length} result(s) from the upstream, got ${Array.isArray(results) ? results.length : typeof results}.`,
        );
      }
      for (const r of results) {
        if (typeof r?.status?.code !== 'number') {
          throw this.unreadable(idempotent, 'Upstream result without a status code.');
        }
      }
      const codes = new Set(results.map((r) => r.status.code));
      outcome = codes.size === 1 ? String(results[0].status.code) : 'mixed';
      return { ...response, result: results };
    } catch (err) {
      outcome = err instanceof GatewayError ? err.code : 'error';
      throw err;
    } finally {
      const durationMs = performance.now() - started;
      this.emit({
        kind: 'call',
        upstream: this.config.name,
        method,
        url,
        rpcId: body.id,
        attempt,
        durationMs,
        outcome,
      });
      this.logger.debug({
        msg: 'upstream call',
        requestId: currentContext()?.requestId,
        rpcId: body.id,
        method,
        url,
        attempt,
        outcome,
        durationMs: Math.round(durationMs),
      });
    }
  }

  private async rpc(
    body: RpcRequest,
    idempotent: boolean,
    headers?: Record<string, string>,
    analytics = false,
  ): Promise<RpcResponse> {
    const reader = bodyReaders.getStore();
    const { status, text, bytes } = await this.post(
      '/jsonrpc',
      body,
      idempotent,
      headers,
      reader !== undefined,
    );
    if (status === 429) {
      throw upstreamUnavailable(`The upstream answered HTTP ${status}.`, UPSTREAM_BUSY_RETRY_AFTER);
    }
    // The web front answered but its back end did not: the upstream is down or overloaded, not wrong.
    if (status === 502 || status === 503 || status === 504) {
      throw mark(
        upstreamUnavailable(`The upstream answered HTTP ${status}.`, UPSTREAM_BUSY_RETRY_AFTER),
        upstreamDown,
      );
    }
    if (status >= 500) {
      throw mark(upstreamProtocolError(`The upstream answered HTTP ${status}.`), upstreamDown);
    }
    if (status !== 200) throw upstreamProtocolError(`The upstream answered HTTP ${status}.`);
    let parsed: RpcResponse;
    try {
      parsed = ((bytes && reader?.(bytes)) ??
        JSON.parse(bytes ? bytes.toString('utf8') : text)) as RpcResponse;
    } catch {
      throw this.unreadable(idempotent, 'The upstream answered with a body that is not JSON.');
    }
    if (parsed === null || typeof parsed !== 'object') {
      throw this.unreadable(idempotent, 'The upstream answer is not an object.');
    }
    if (parsed.id !== body.id) {
      throw this.unreadable(
        idempotent,
        `The upstream answered request ${body.id} with id ${String(parsed.id)}.`,
      );
    }
    // In the analytics dialect a top-level error is the call's outcome, mapped like a status code.
    if (parsed.error && !analytics) {
      throw upstreamProtocolError(`JSON-RPC error ${parsed.error.code}: ${parsed.error.message}`, {
        code: parsed.error.code,
        message: parsed.error.message,
      });
    }
    return parsed;
  }

  private async post(
    url: string,
    body: unknown,
    idempotent: boolean,
    headers?: Record<string, string>,
    /** The body as bytes (for a BodyReader), not decoded. */
    binary = false,
  ): Promise<{ status: number; text: string; bytes?: Buffer }> {
    // A hard deadline per attempt: axios' own timeout is an idle timer a slow trickle can defeat.
    // A timer cleared on the answer, not AbortSignal.timeout(): that signal and its timer outlive the
    // call for the whole timeout, so every call's objects reached the old generation (14 KB a call,
    // a full GC every ~1,000 sequential calls).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.config.timeoutMs);
    try {
      // request() rather than post(): post() merges its arguments into a config first, a second merge.
      const res = await this.http.request<string>({
        method: 'post',
        url,
        data: JSON.stringify(body),
        // Session mode has no headers of its own: an empty object would still be merged per call.
        ...(headers && Object.keys(headers).length > 0 ? { headers } : {}),
        signal: deadline.signal,
        ...(binary ? { responseType: 'arraybuffer' as const } : {}),
      });
      if (binary) return { status: res.status, text: '', bytes: res.data as unknown as Buffer };
      return { status: res.status, text: res.data };
    } catch (err) {
      throw transportError(err, idempotent);
    } finally {
      clearTimeout(timer);
    }
  }

  /** An answer arrived but cannot be read. For a write that means nobody knows whether it happened. */
  private unreadable(idempotent: boolean, detail: string): GatewayError {
    return idempotent ? upstreamProtocolError(detail) : outcomeUnknown(detail);
  }

  private circuitOpen(): GatewayError {
    this.emit({ kind: 'rejected', upstream: this.config.name });
    const remainingMs = Math.max(0, this.openedAt + this.halfOpenMs - Date.now());
    return new GatewayError(
      'UPSTREAM_CIRCUIT_OPEN',
      `${this.config.name}: the upstream failed repeatedly; calls are refused without trying until it is probed again.`,
      {
        extensions: { retryable: true },
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(remainingMs / 1000))) },
      },
    );
  }

  private emit(event: TransportEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Nothing was sent: the connection never came up. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function outcomeUnknown(detail: string): GatewayError {
  return new GatewayError(
    'UPSTREAM_OUTCOME_UNKNOWN',
    `${detail} The write may or may not have been applied: read the object before retrying.`,
    { extensions: { retryable: false, outcome: 'unknown' } },
  );
}

function transportError(err: unknown, idempotent: boolean): GatewayError {
  if (err instanceof GatewayError) return err;
  const e = err as AxiosError;
  if (e.code === 'ETIMEDOUT' || e.code === 'ECONNABORTED' || e.code === 'ERR_CANCELED') {
    const timeout = upstreamTimeout('The upstream did not answer in time.');
    if (!idempotent) {
      // A write that timed out may still complete upstream: say so rather than invite a blind retry.
      Object.assign(timeout.extensions, { retryable: false, outcome: 'unknown' });
    }
    return mark(timeout, upstreamDown);
  }
  const reason = e.code ?? e.message;
  if (idempotent || NOT_CONNECTED.has(e.code ?? '')) {
    return mark(
      upstreamUnreachable(`The upstream could not be reached (${reason}).`),
      upstreamDown,
      resendable,
    );
  }
  // The request went out and the connection died before the answer: the write may have happened.
  return mark(outcomeUnknown(`The connection to the upstream was lost (${reason}).`), upstreamDown);
}
