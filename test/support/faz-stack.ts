import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { FazAppliance } from '../../src/analyzer/faz-appliance';
import { RunningEmulator, startEmulator, type EmulatorOptions } from '../../src/emulator';
import { SEED_TIME } from '../../src/emulator/core/store';
import { EmulatorControl } from './emulator-control';
import { startGateway, upstreamConfig } from './stack';
import { testToken } from './tokens';

/** A FAZ build that keeps task ids reusable (before 7.4). */
export const REUSABLE_TIDS_VERSION = 'v7.2.10-build1706 241218 (GA)';
/** A FAZ build that reaps a task id after one fetch (7.4 and later, field reports). */
export const SINGLE_USE_TIDS_VERSION = 'v7.6.5-build3653 250124 (GA)';

/** Both tid behaviours, for `describe.each`. */
export const TID_BEHAVIOURS = [
  ['reusable tids', REUSABLE_TIDS_VERSION],
  ['single-use tids', SINGLE_USE_TIDS_VERSION],
] as const;

/** The emulator control API plus the FAZ analytics calls (speed, live tasks). */
export class FazControl extends EmulatorControl {
  /** How long searches/FortiView runs (`searchMs`) and reports (`reportMs`) take to reach 100 %. */
  speed(speed: { searchMs?: number; reportMs?: number }): Promise<unknown> {
    return this.send('POST', 'faz/speed', speed);
  }

  /** Live upstream tasks: searches, FortiView runs, report runs; and the appliance's behaviour. */
  live(): Promise<{
    searches: number;
    fortiviewRuns: number;
    reportRuns: number;
    tids: 'reusable' | 'single-use';
    timeZone: string;
  }> {
    return this.send('GET', 'faz');
  }

  /** Moves the demo log window (the 7 days before `logsUntil`) and/or changes the appliance's zone. */
  clock(clock: {
    logsUntil?: string | number;
    timeZone?: string;
  }): Promise<{ timeZone: string; logsUntil: string }> {
    return this.send('POST', 'faz/clock', clock);
  }

  /** The ADOM's log searches find `rows` synthetic logs (0: the demo data again). */
  logSize(adom: string, rows: number): Promise<{ adom: string; rows: number }> {
    return this.send('POST', 'faz/logs/size', { adom, rows });
  }

  /** The appliance drops every live task id, as its own expiry or a reboot would. */
  reap(): Promise<{ searches: number; fortiviewRuns: number; reportRuns: number }> {
    return this.send('POST', 'faz/reap');
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
  /** Forgets what the gateway learnt about the appliance (tid behaviour, zone). */
  forget(): void;
  close(): Promise<void>;
}

/**
 * The emulator runs on the fixed demo clock (logs in 2024-12/2025-01, SEED_TIME) so tests can compare with
 * the generator; its zone is Europe/Brussels unless given, and its version the default 7.6 (single-use tids).
 */
export async function startFazStack(opts: Partial<EmulatorOptions> = {}): Promise<FazStack> {
  const emulator = await startEmulator({ product: 'fortianalyzer', logsUntil: SEED_TIME, ...opts });
  const app = await startGateway({ faz: upstreamConfig(emulator.url, { name: 'faz' }) });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    http: (sub = 'e2e-client') => request.agent(url).set('Authorization', `Bearer ${testToken({ sub })}`),
    control: new FazControl(emulator.url),
    emulator,
    app,
    forget: () => app.get(FazAppliance).forget(),
    async close() {
      await app.close();
      await emulator.close();
    },
  };
}
