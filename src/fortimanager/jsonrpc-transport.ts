import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { AxiosError, AxiosInstance } from 'axios';
import type { UpstreamConfig } from '../config/app-config';
import {
  GatewayError,
  upstreamProtocolError,
  upstreamTimeout,
  upstreamUnavailable,
  upstreamUnreachable,
} from '../common/errors/gateway-error';
import { RpcMethod, RpcParam, RpcRequest, RpcResponse, RpcResult } from './jsonrpc.types';

/** Seconds a client is told to wait after the upstream itself said it is busy. */
const UPSTREAM_BUSY_RETRY_AFTER = 5;

export interface SendOptions {
  session?: string;
  headers?: Record<string, string>;
}

/**
 * HTTP + envelope for one upstream: one axios instance with keep-alive and the upstream's TLS
 * settings. Knows nothing about sessions; turns every transport or envelope failure into a
 * GatewayError (502/503/504) so callers only ever see `result[]` or a domain error.
 */
export class JsonRpcTransport {
  private readonly http: AxiosInstance;
  private nextId = 1;

  constructor(readonly config: UpstreamConfig) {
    this.http = axios.create({
      baseURL: config.url,
      timeout: config.timeoutMs,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      // Raw text: we parse ourselves so a broken body becomes a clear 502, not an axios quirk.
      transformResponse: [(body: unknown) => body],
      responseType: 'text',
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new HttpsAgent({
        keepAlive: true,
        maxSockets: 64,
        ca: config.ca,
        rejectUnauthorized: !config.insecureTls,
      }),
    });
  }

  /** One JSON-RPC call; returns `result[]` after checking the envelope (count, status shape, id). */
  async send(
    method: RpcMethod,
    params: RpcParam[],
    options: SendOptions = {},
  ): Promise<RpcResponse & { result: RpcResult[] }> {
    const body: RpcRequest = { id: this.nextId++, method, params, verbose: 1 };
    if (options.session !== undefined) body.session = options.session;
    const response = await this.rpc(body, options.headers);
    const results = response.result;
    if (!Array.isArray(results) || results.length !== params.length) {
      throw upstreamProtocolError(
        `Expected ${params.length} result(s) from the upstream, got ${Array.isArray(results) ? results.length : typeof results}.`,
      );
    }
    for (const r of results) {
      if (typeof r?.status?.code !== 'number') {
        throw upstreamProtocolError('Upstream result without a status code.');
      }
    }
    return { ...response, result: results };
  }

  /** A plain JSON POST (FortiCloud login and OAuth are not JSON-RPC). `url` may be absolute. */
  async postJson(url: string, body: unknown): Promise<{ status: number; data: unknown }> {
    const { status, text } = await this.post(url, body);
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

  private async rpc(body: RpcRequest, headers?: Record<string, string>): Promise<RpcResponse> {
    const { status, text } = await this.post('/jsonrpc', body, headers);
    if (status === 503 || status === 429) {
      throw upstreamUnavailable(`The upstream answered HTTP ${status}.`, UPSTREAM_BUSY_RETRY_AFTER);
    }
    if (status !== 200) throw upstreamProtocolError(`The upstream answered HTTP ${status}.`);
    let parsed: RpcResponse;
    try {
      parsed = JSON.parse(text) as RpcResponse;
    } catch {
      throw upstreamProtocolError('The upstream answered with a body that is not JSON.');
    }
    if (parsed === null || typeof parsed !== 'object') {
      throw upstreamProtocolError('The upstream answer is not an object.');
    }
    if (parsed.id !== body.id) {
      throw upstreamProtocolError(`The upstream answered request ${body.id} with id ${String(parsed.id)}.`);
    }
    if (parsed.error) {
      throw new GatewayError({
        status: 502,
        code: 'UPSTREAM_PROTOCOL_ERROR',
        title: 'Bad upstream response',
        detail: `JSON-RPC error ${parsed.error.code}: ${parsed.error.message}`,
        upstream: { code: parsed.error.code, message: parsed.error.message },
      });
    }
    return parsed;
  }

  private async post(
    url: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; text: string }> {
    try {
      const res = await this.http.post<string>(url, body, headers ? { headers } : undefined);
      return { status: res.status, text: res.data };
    } catch (err) {
      throw transportError(err);
    }
  }
}

function transportError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  const e = err as AxiosError;
  if (e.code === 'ETIMEDOUT' || e.code === 'ECONNABORTED') {
    return upstreamTimeout('The upstream did not answer in time.');
  }
  return upstreamUnreachable(`The upstream could not be reached (${e.code ?? e.message}).`);
}
