import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  body: unknown;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given (no URL normalisation: `..` segments and odd escapes reach the server). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/**
 * A bare HTTP client for hostile requests: unlike fetch or supertest it does not normalise the
 * path, so `/adoms/../x` or `%2e%2e` arrive as sent. Bytes Node refuses in a request line (space,
 * non-Latin-1) are percent-encoded first.
 */
export class RawHttp {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 });
  private readonly base: URL;

  constructor(baseUrl: string) {
    this.base = new URL(baseUrl);
  }

  send(req: RawRequest): Promise<RawResponse> {
    const path = req.path.replace(/[^\u0021-\u00ff]/gu, (c) => encodeURIComponent(c));
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    return new Promise((resolvePromise, reject) => {
      const r = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method: req.method,
          path,
          headers,
          agent: this.agent,
          timeout: req.timeoutMs ?? 15_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown;
            if (/json/.test(String(res.headers['content-type'] ?? '')) && text) {
              try {
                body = JSON.parse(text);
              } catch {
                body = undefined;
              }
            }
            resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, body });
          });
          res.on('error', reject);
        },
      );
      r.on('timeout', () => r.destroy(new Error(`timeout: ${req.method} ${path.slice(0, 200)}`)));
      r.on('error', reject);
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
