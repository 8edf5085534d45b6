/**
 * A small closed-loop load generator: `concurrency` workers each run one operation after the other on
 * keep-alive connections for a fixed time. An operation may be several HTTP requests (create + delete,
 * login + get + logout), so latency and throughput are per operation, as a client would feel them.
 */
import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

export class Http {
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(base: URL, maxSockets: number) {
    this.base = base;
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers: {
            ...headers,
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** One operation; `worker` and `seq` make names unique. Throws on any unexpected answer. */
export type Operation = (worker: number, seq: number) => Promise<void>;

export interface LoadResult {
  ops: number;
  errors: number;
  firstError?: string;
  seconds: number;
  opsPerSec: number;
  p50: number;
  p99: number;
}

export async function runLoad(options: {
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  op: Operation;
  /** Called when the measured window opens and closes (e.g. to read CPU counters). */
  onMeasureStart?: () => void;
  onMeasureEnd?: () => void;
}): Promise<LoadResult> {
  const { concurrency, op } = options;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let measuring = false;
  let stop = false;
  let seq = 0;
  const worker = async (w: number) => {
    while (!stop) {
      const started = performance.now();
      try {
        await op(w, seq++);
        if (measuring) latencies.push(performance.now() - started);
      } catch (err) {
        if (measuring) {
          errors++;
          firstError ??= (err as Error).message;
        }
      }
    }
  };
  const workers = Array.from({ length: concurrency }, (_, w) => worker(w));
  await sleep(options.warmupSeconds * 1000);
  options.onMeasureStart?.();
  measuring = true;
  const t0 = performance.now();
  await sleep(options.seconds * 1000);
  measuring = false;
  options.onMeasureEnd?.();
  const seconds = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(workers);
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    errors,
    firstError,
    seconds,
    opsPerSec: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function expectStatus(answer: HttpAnswer, ...ok: number[]): HttpAnswer {
  if (!ok.includes(answer.status)) throw new Error(`HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
  return answer;
}
