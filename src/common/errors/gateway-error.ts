/**
 * Domain errors. Services and the upstream client throw these, never Nest HttpExceptions, so the
 * decision "which HTTP status" lives in one place (this file and fmg-status.mapper.ts) and the
 * problem+json filter only renders.
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

export interface GatewayErrorInit {
  status: number;
  /** Stable machine-readable reason, e.g. `FMG_OBJECT_NOT_FOUND`. Also the problem `type` suffix. */
  code: string;
  title: string;
  detail: string;
  upstream?: UpstreamDetail;
  /** Extra problem members (e.g. `lockedBy`, `errors`). */
  extensions?: Record<string, unknown>;
  /** Response headers the problem needs (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly upstream?: UpstreamDetail;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(init: GatewayErrorInit) {
    super(init.detail);
    this.name = 'GatewayError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.upstream = init.upstream;
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }
}

/** A client mistake the gateway itself detects before anything is sent upstream. */
export function badRequest(detail: string, extensions?: Record<string, unknown>): GatewayError {
  return new GatewayError({ status: 400, code: 'BAD_REQUEST', title: 'Bad request', detail, extensions });
}

export function upstreamUnreachable(detail: string): GatewayError {
  return new GatewayError({
    status: 502,
    code: 'UPSTREAM_UNREACHABLE',
    title: 'Upstream unreachable',
    detail,
  });
}

export function upstreamTimeout(detail: string): GatewayError {
  return new GatewayError({ status: 504, code: 'UPSTREAM_TIMEOUT', title: 'Upstream timeout', detail });
}

export function upstreamUnavailable(detail: string, retryAfterSeconds: number): GatewayError {
  return new GatewayError({
    status: 503,
    code: 'UPSTREAM_UNAVAILABLE',
    title: 'Upstream unavailable',
    detail,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

export function upstreamProtocolError(detail: string): GatewayError {
  return new GatewayError({
    status: 502,
    code: 'UPSTREAM_PROTOCOL_ERROR',
    title: 'Bad upstream response',
    detail,
  });
}
