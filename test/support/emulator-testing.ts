import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index';
/** Small JSON-RPC client for the emulator's own specs (and handy for gateway tests). */

// Specs poke at arbitrary response shapes; a loose type keeps them readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export interface RpcResult {
  status: { code: number; message: string };
  url: string;
  data?: Loose;
}

export interface RpcResponse {
  id: Loose;
  result: RpcResult[];
  session?: string;
  error?: { code: number; message: string };
}

export class EmulatorTestClient {
  session?: string;
  /** When set, every request carries `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  private nextId = 1;

  /** Mutable so a suite can create the client before its emulator is listening (see useSeededEmulator). */
  constructor(public baseUrl: string) {}

  async post(body: unknown): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.apiKey !== undefined) headers.Authorization = `Bearer ${this.apiKey}`;
    const res = await fetch(`${this.baseUrl}/jsonrpc`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }

  /** One JSON-RPC request; `params` may be one element or a batch. */
  async call(
    method: string,
    params: Loose,
    session: string | undefined = this.session,
  ): Promise<RpcResponse> {
    const body = { id: this.nextId++, method, params: Array.isArray(params) ? params : [params], session };
    const { text } = await this.post(body);
    return JSON.parse(text) as RpcResponse;
  }

  /** Single-element call returning its result entry. */
  async one(
    method: string,
    url: string,
    extra: Record<string, unknown> = {},
    session?: string,
  ): Promise<RpcResult> {
    const res = await this.call(method, { url, ...extra }, session ?? this.session);
    return res.result[0];
  }

  async login(user = 'admin', passwd = 'admin'): Promise<string> {
    const res = await this.call('exec', { url: 'sys/login/user', data: { user, passwd } }, undefined);
    if (!res.session) throw new Error(`login failed: ${JSON.stringify(res.result[0].status)}`);
    this.session = res.session;
    return res.session;
  }

  async logout(): Promise<RpcResult> {
    const r = await this.one('exec', 'sys/logout');
    this.session = undefined;
    return r;
  }

  /** POSTs JSON to a non-JSON-RPC path (FortiCloud endpoints); answers the status and parsed body. */
  async postJson(path: string, body: unknown): Promise<{ status: number; body: Loose }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Loose = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // HTML error pages stay text.
    }
    return { status: res.status, body: parsed };
  }

  async control(method: string, path: string, body?: unknown): Promise<Loose> {
    return (await this.controlReply(method, path, body)).body;
  }

  /** Like `control`, but also answers the HTTP status (for the control API's 4xx answers). */
  async controlReply(method: string, path: string, body?: unknown): Promise<{ status: number; body: Loose }> {
    const res = await fetch(`${this.baseUrl}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  /** Polls `task/task/{id}` until percent 100 and answers the task (specs run tasks at a few ms a step). */
  async waitTask(id: number): Promise<Loose> {
    for (let i = 0; i < 400; i++) {
      const r = await this.one('get', `task/task/${id}`);
      if (r.status.code !== 0) throw new Error(`task ${id}: ${r.status.code}`);
      if (r.data.percent === 100) return r.data;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`task ${id} did not finish`);
  }
}

/**
 * One emulator for the whole spec file (started before its tests, closed after them), with `count`
 * clients on it. Unlike useSeededEmulator it neither resets nor logs in: the file says what it needs.
 */
export function useEmulator(opts: EmulatorOptions = {}, count = 1): EmulatorTestClient[] {
  const clients = Array.from({ length: count }, () => new EmulatorTestClient(''));
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(opts);
    for (const client of clients) client.baseUrl = emulator.url;
  });
  afterAll(() => emulator?.close());
  return clients;
}

/**
 * The usual spec set-up: one seeded emulator per file, reset and logged in before each test.
 * Returns the client at once; it points at the emulator from beforeAll on. `opts` go to startEmulator.
 */
export function useSeededEmulator(opts: EmulatorOptions = {}): EmulatorTestClient {
  const [client] = useEmulator(opts);
  beforeEach(async () => {
    await client.control('POST', 'reset');
    await client.login();
  });
  return client;
}

/** The status code of a single-element call. */
export async function statusCode(
  client: EmulatorTestClient,
  method: string,
  url: string,
  extra: Record<string, unknown> = {},
): Promise<number> {
  return (await client.one(method, url, extra)).status.code;
}
