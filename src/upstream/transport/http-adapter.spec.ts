import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import axios, { type AxiosAdapter, type AxiosError, type AxiosInstance } from 'axios';
import { leanHttpAdapter } from './http-adapter';

const TLS = `${__dirname}/../../../test/fixtures/tls`;

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('leanHttpAdapter', () => {
  let server: Server;
  let handler: Handler;
  let base: string;
  const agent = new Agent({ keepAlive: true });
  let fallbackCalls: number;
  let http: AxiosInstance;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handler(req, Buffer.concat(chunks).toString(), res));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    agent.destroy();
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  beforeEach(() => {
    fallbackCalls = 0;
    const builtIn = axios.getAdapter('http');
    const fallback: AxiosAdapter = (config) => {
      fallbackCalls++;
      return builtIn(config);
    };
    http = axios.create({
      baseURL: `${base}/api/`,
      headers: { 'Content-Type': 'application/json' },
      adapter: leanHttpAdapter(fallback),
      transformRequest: [(d: unknown) => d],
      transformResponse: [(d: unknown) => d],
      responseType: 'text',
      proxy: false,
      httpAgent: agent,
    });
  });

  it('posts the text under the base path and answers the text, status and headers', async () => {
    let seen: { url?: string; method?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    handler = (req, body, res) => {
      seen = { url: req.url, method: req.method, headers: req.headers, body };
      res.writeHead(201, { 'X-Answer': 'yes' }).end('{"ok":true}');
    };
    const res = await http.post<string>('/jsonrpc', '{"id":1}', { headers: { Authorization: 'Bearer t' } });
    expect(res).toMatchObject({ status: 201, data: '{"ok":true}' });
    expect(res.headers['x-answer']).toBe('yes');
    expect(seen).toMatchObject({ url: '/api/jsonrpc', method: 'POST', body: '{"id":1}' });
    expect(seen.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': '8',
      authorization: 'Bearer t',
      'user-agent': `axios/${axios.VERSION}`,
    });
    expect(fallbackCalls).toBe(0);
  });

  it('counts the body in bytes, not characters', async () => {
    let length: string | undefined;
    handler = (req, _body, res) => {
      length = req.headers['content-length'];
      res.end('{}');
    };
    await http.post('/x', '{"name":"é€"}');
    expect(length).toBe(String(Buffer.byteLength('{"name":"é€"}')));
  });

  it('answers bytes for responseType arraybuffer', async () => {
    handler = (_req, _body, res) => res.end('[1,2]');
    const res = await http.post<Buffer>('/x', '{}', { responseType: 'arraybuffer' });
    expect(Buffer.isBuffer(res.data)).toBe(true);
    expect(res.data.toString()).toBe('[1,2]');
  });

  it('decodes a gzip answer', async () => {
    const text = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => `row-${i}`) });
    handler = (_req, _body, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync(text));
    const res = await http.post<string>('/x', '{}');
    expect(res.data).toBe(text);
  });

  it('fails with ERR_CANCELED when the signal aborts, and sends nothing when it already has', async () => {
    handler = () => undefined; // never answers
    const abort = new AbortController();
    const pending = http.post('/slow', '{}', { signal: abort.signal });
    setTimeout(() => abort.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'ERR_CANCELED' });

    let called = false;
    handler = (_req, _body, res) => {
      called = true;
      res.end('{}');
    };
    await expect(http.post('/x', '{}', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'ERR_CANCELED',
    });
    expect(called).toBe(false);
  });

  it("honours axios' idle timeout", async () => {
    handler = () => undefined;
    await expect(
      http.post('/slow', '{}', { timeout: 30, transitional: { clarifyTimeoutError: true } }),
    ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('passes on the socket error code when nothing listens', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const err = await http
      .post('/x', '{}', { baseURL: `http://127.0.0.1:${port}` })
      .catch((e: AxiosError) => e);
    expect(axios.isAxiosError(err) && err.code).toBe('ECONNREFUSED');
  });

  it('rejects an answer larger than maxContentLength', async () => {
    handler = (_req, _body, res) => res.end('x'.repeat(5000));
    await expect(http.post('/x', '{}', { maxContentLength: 1000 })).rejects.toMatchObject({
      code: 'ERR_BAD_RESPONSE',
    });
  });

  it('applies validateStatus like axios', async () => {
    handler = (_req, _body, res) => res.writeHead(404).end('nope');
    const err = await http.post('/x', '{}', { validateStatus: (s) => s < 400 }).catch((e: AxiosError) => e);
    expect(axios.isAxiosError(err) && err.response?.status).toBe(404);
    expect(axios.isAxiosError(err) && err.code).toBe('ERR_BAD_REQUEST');
  });

  it("leaves absolute URLs, proxies and other bodies to axios' own adapter", async () => {
    handler = (_req, body, res) => res.end(body || '{}');
    await http.post(`${base}/absolute`, '{}');
    await http.post('/x', '{}', { proxy: { host: '127.0.0.1', port: Number(new URL(base).port) } });
    await http.post('/x', { an: 'object' }, { transformRequest: [(d: unknown) => JSON.stringify(d)] });
    expect(fallbackCalls).toBe(2);
    // axios' adapter refuses an object body left untransformed; the point is who was asked.
    await http.post('/x', { an: 'object' }).catch(() => undefined);
    expect(fallbackCalls).toBe(3);
  });

  it('speaks HTTPS through the https agent, which carries the CA and the TLS checks', async () => {
    const cert = readFileSync(`${TLS}/upstream.crt`);
    const tls = createHttpsServer({ cert, key: readFileSync(`${TLS}/upstream.key`) }, (_req, res) =>
      res.end('{"tls":true}'),
    );
    tls.listen(0, '127.0.0.1');
    await once(tls, 'listening');
    const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
    const agents = {
      trusting: new HttpsAgent({ keepAlive: true, ca: cert }),
      strict: new HttpsAgent({ keepAlive: true }),
      insecure: new HttpsAgent({ keepAlive: true, rejectUnauthorized: false }),
    };
    try {
      const via = (agent: HttpsAgent) => http.post<string>('/x', '{}', { baseURL: url, httpsAgent: agent });
      expect((await via(agents.trusting)).data).toBe('{"tls":true}');
      expect((await via(agents.insecure)).data).toBe('{"tls":true}');
      const refused = await via(agents.strict).catch((e: AxiosError) => e);
      expect(axios.isAxiosError(refused) && refused.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(fallbackCalls).toBe(0);
    } finally {
      Object.values(agents).forEach((a) => a.destroy());
      tls.closeAllConnections();
      tls.close();
    }
  });
});
