import { catalogueEntry, type ErrorCode } from './catalogue';

/**
 * Domain errors. Services and the upstream client throw these, never Nest HttpExceptions, so the
 * decision "which HTTP status" lives in one place (the catalogue, and for upstream codes the status
 * table in upstream/status/) and the problem+json filter only renders.
 */
export interface UpstreamDetail {
  /** FortiManager/FortiAnalyzer `status.code` (or JSON-RPC error code). */
  code: number;
  message: string;
  /** The JSON-RPC url that answered (already escaped, as sent upstream). */
  url?: string;
  method?: string;
  /** The product that answered, where the gateway knows it (`FortiAnalyzer` for FAZ analytics calls). */
  product?: string;
}

export interface ProblemOptions {
  upstream?: UpstreamDetail;
  /** Extra problem members (e.g. `lockedBy`, `errors`). */
  extensions?: Record<string, unknown>;
  /** Response headers the problem needs (e.g. `Retry-After`). */
  headers?: Record<string, string>;
  /** A more precise title than the catalogue's, for one case of a shared code. */
  title?: string;
  /** Only for framework errors, which keep the status the framework gave. */
  status?: number;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'HTTP_ERROR';
  readonly title: string;
  readonly detail: string;
  readonly upstream?: UpstreamDetail;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  /** Raised by naming a catalogue entry, which gives the status and title. */
  constructor(code: ErrorCode | 'HTTP_ERROR', detail: string, options: ProblemOptions = {}) {
    super(detail);
    const entry = catalogueEntry(code, options.status);
    this.name = 'GatewayError';
    this.status = options.status ?? entry.status;
    this.code = code;
    this.title = options.title ?? entry.title;
    this.detail = detail;
    this.upstream = options.upstream;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  /** The same error with another detail and more extensions (e.g. who holds a lock). */
  with(detail: string, extensions: Record<string, unknown>): GatewayError {
    return new GatewayError(this.code, detail, {
      status: this.status,
      title: this.title,
      upstream: this.upstream,
      extensions: { ...this.extensions, ...extensions },
      headers: this.headers,
    });
  }
}

/** A client mistake the gateway itself detects before anything is sent upstream. */
export function badRequest(detail: string, extensions?: Record<string, unknown>): GatewayError {
  return new GatewayError('BAD_REQUEST', detail, { extensions });
}

export function upstreamUnreachable(detail: string): GatewayError {
  return new GatewayError('UPSTREAM_UNREACHABLE', detail);
}

export function upstreamTimeout(detail: string): GatewayError {
  return new GatewayError('UPSTREAM_TIMEOUT', detail);
}

export function upstreamUnavailable(detail: string, retryAfterSeconds: number): GatewayError {
  return new GatewayError('UPSTREAM_UNAVAILABLE', detail, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

export function upstreamProtocolError(detail: string, upstream?: UpstreamDetail): GatewayError {
  return new GatewayError('UPSTREAM_PROTOCOL_ERROR', detail, { upstream });
}
