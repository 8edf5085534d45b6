import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import axios, {
  AxiosError,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';

/** Where a base URL points, parsed once per base rather than once per call. */
interface Target {
  https: boolean;
  hostname: string;
  port: string;
  /** The base's path without its trailing slash. */
  path: string;
}

const USER_AGENT = `axios/${axios.VERSION}`;
/** As axios' own adapter offers; the answer is decoded below. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

const decoders: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * axios' adapter for the transport's own calls: one POST of a ready JSON text to a path under the base URL,
 * over the instance's keep-alive agents, the answer's bytes back as text or a Buffer. axios' built-in http
 * adapter does per call what this path never needs (redirect wrapping, proxy lookup, URL parsing, a stream
 * pipeline, header objects both ways): ~9 % of the CPU of a small GET went there. axios keeps everything
 * around the adapter (config merge, transforms, validateStatus, AxiosError). Anything this adapter was not
 * written for (an absolute URL, a proxy, a body that is not text or bytes, another responseType) goes to
 * `fallback`, axios' own http adapter.
 */
export function leanHttpAdapter(fallback: AxiosAdapter): AxiosAdapter {
  const targets = new Map<string, Target | null>();
  const targetOf = (base: string | undefined): Target | null => {
    if (base === undefined) return null;
    let target = targets.get(base);
    if (target === undefined) {
      target = parseBase(base);
      // One entry per configured base URL; bounded anyway, should a caller vary it.
      if (targets.size < 16) targets.set(base, target);
    }
    return target;
  };

  return (config) => {
    const target = config.url?.startsWith('/') ? targetOf(config.baseURL) : null;
    const body = config.data as unknown;
    if (
      target === null ||
      config.proxy !== false ||
      (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) ||
      (config.responseType !== 'text' && config.responseType !== 'arraybuffer')
    ) {
      return fallback(config);
    }
    return send(config, target, body);
  };
}

function parseBase(base: string): Target | null {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.search) return null;
  return {
    https: url.protocol === 'https:',
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port,
    path: url.pathname.replace(/\/+$/, ''),
  };
}

function send(
  config: InternalAxiosRequestConfig,
  target: Target,
  body: string | Buffer | undefined,
): Promise<AxiosResponse> {
  return new Promise((resolve, reject) => {
    const headers = config.headers.toJSON(true);
    headers['User-Agent'] ??= USER_AGENT;
    headers['Accept-Encoding'] ??= ACCEPT_ENCODING;
    headers['Content-Length'] = String(body === undefined ? 0 : Buffer.byteLength(body));
    const signal = config.signal as AbortSignal | undefined;
    if (signal?.aborted) {
      reject(new axios.CanceledError(undefined, config));
      return;
    }
    let settled = false;
    const fail = (err: AxiosError) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
      reject(err);
    };
    const onAbort = () => fail(new axios.CanceledError(undefined, config, req));

    const req = (target.https ? httpsRequest : httpRequest)(
      {
        agent: target.https ? config.httpsAgent : config.httpAgent,
        hostname: target.hostname,
        port: target.port,
        path: target.path + config.url,
        method: (config.method ?? 'get').toUpperCase(),
        headers,
      },
      (res) => {
        const encoding = res.headers['content-encoding'];
        const decoder = encoding ? decoders[encoding.toLowerCase()] : undefined;
        const stream: Readable = decoder ? (res.pipe(decoder()) as unknown as Readable) : res;
        const chunks: Buffer[] = [];
        let size = 0;
        const max = config.maxContentLength ?? -1;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (max > -1 && size > max) {
            fail(
              new AxiosError(
                `maxContentLength size of ${max} exceeded`,
                AxiosError.ERR_BAD_RESPONSE,
                config,
                req,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', (err: NodeJS.ErrnoException) =>
          fail(AxiosError.from(err, err.code, config, req) as AxiosError),
        );
        res.on('aborted', () =>
          fail(new AxiosError('The answer was cut off.', AxiosError.ECONNABORTED, config, req)),
        );
        stream.on('end', () => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
          const response = toResponse(config, req, res, bytes);
          const valid = config.validateStatus;
          if (!valid || valid(response.status)) {
            resolve(response);
            return;
          }
          reject(
            new AxiosError(
              `Request failed with status code ${response.status}`,
              response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
              config,
              req,
              response,
            ),
          );
        });
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      fail(AxiosError.from(err, err.code, config, req) as AxiosError),
    );
    if (config.timeout) {
      // axios' meaning of `timeout`: no byte for this long.
      req.setTimeout(config.timeout, () => {
        const clarify = config.transitional?.clarifyTimeoutError;
        fail(
          new AxiosError(
            `timeout of ${config.timeout}ms exceeded`,
            clarify ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED,
            config,
            req,
          ),
        );
      });
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
}

function toResponse(
  config: InternalAxiosRequestConfig,
  req: unknown,
  res: IncomingMessage,
  bytes: Buffer,
): AxiosResponse {
  return {
    data: config.responseType === 'arraybuffer' ? bytes : bytes.toString('utf8'),
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? '',
    // The raw header object: nothing on this path reads answer headers, so no AxiosHeaders is built.
    headers: res.headers,
    config,
    request: req,
  };
}
