import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { EmulatorControl } from './emulator-control';
import { startGateway, upstreamConfig } from './stack';
import { testToken } from './tokens';

/** The emulator control API plus the FAZ analytics calls (speed, live tasks). */
export class FazControl extends EmulatorControl {
  /** How long searches/FortiView runs (`searchMs`) and reports (`reportMs`) take to reach 100 %. */
  speed(speed: { searchMs?: number; reportMs?: number }): Promise<unknown> {
    return this.send('POST', 'faz/speed', speed);
  }

  /** Live upstream tasks: searches, FortiView runs, report runs. */
  live(): Promise<{ searches: number; fortiviewRuns: number; reportRuns: number }> {
    return this.send('GET', 'faz');
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
