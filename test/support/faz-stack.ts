import type { CallRecord } from '../../src/emulator/calls';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { startGateway, upstreamConfig } from './stack';
import { testToken } from './tokens';

/** Emulator control calls the FAZ tests need (analytics speed, live tasks, call log). */
export class FazControl {
  constructor(private readonly base: string) {}

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  reset(): Promise<unknown> {
    return this.send('POST', 'reset');
  }

  /** How long searches/FortiView runs (`searchMs`) and reports (`reportMs`) take to reach 100 %. */
  speed(speed: { searchMs?: number; reportMs?: number }): Promise<unknown> {
    return this.send('POST', 'faz/speed', speed);
  }

  /** Live upstream tasks: searches, FortiView runs, report runs. */
  live(): Promise<{ searches: number; fortiviewRuns: number; reportRuns: number }> {
    return this.send('GET', 'faz');
  }

  async calls(since = 0): Promise<{ next: number; calls: CallRecord[] }> {
    return this.send('GET', `calls?since=${since}`);
  }
}

/** A gateway whose FortiAnalyzer upstream is a FAZ emulator (no FortiManager configured). */
export interface FazStack {
  url: string;
  /** Requests as `sub` (default `e2e-client`), admin scopes, every ADOM. */
  http: (sub?: string) => ReturnType<typeof request.agent>;
  control: FazControl;
  emulator: RunningEmulator;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

export async function startFazStack(): Promise<FazStack> {
  const emulator = await startEmulator({ product: 'fortianalyzer' });
  const app = await startGateway({ faz: upstreamConfig(emulator.url, { name: 'faz' }) });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    http: (sub = 'e2e-client') => request.agent(url).set('Authorization', `Bearer ${testToken({ sub })}`),
    control: new FazControl(emulator.url),
    emulator,
    app,
    async close() {
      await app.close();
      await emulator.close();
    },
  };
}
