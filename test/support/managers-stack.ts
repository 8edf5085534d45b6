import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { EmulatorControl } from './emulator-control';
import { startGateway, upstreamConfig } from './stack';
import { testToken, TokenClaims } from './tokens';

/**
 * Two FortiManager emulators as demo mode has them (issue #18): `east` with the demo data (the default of
 * the unprefixed routes) and `west` with its own ADOMs and devices, behind one gateway, all over HTTP.
 */
export interface ManagersStack {
  url: string;
  app: NestFastifyApplication;
  east: { emulator: RunningEmulator; control: EmulatorControl };
  west: { emulator: RunningEmulator; control: EmulatorControl };
  /** Requests with a token of these claims (default: admin on everything). */
  as: (claims?: TokenClaims) => ReturnType<typeof request.agent>;
  close(): Promise<void>;
}

export async function startManagers(
  gateway: Pick<AppConfig, 'redis' | 'readyNeedsEveryUpstream'> = {},
  emulators?: { east: RunningEmulator; west: RunningEmulator },
  maxSessions?: number,
): Promise<ManagersStack> {
  const east = emulators?.east ?? (await startEmulator());
  const west = emulators?.west ?? (await startEmulator({ dataSet: 'west' }));
  const pool = maxSessions ? { maxSessions } : {};
  const app = await startGateway(
    {
      fmg: upstreamConfig(east.url, { label: 'east', ...pool }),
      'fmg:west': upstreamConfig(west.url, { name: 'fmg:west', product: 'fmg', label: 'west', ...pool }),
    },
    undefined,
    { gateway },
  );
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    app,
    east: { emulator: east, control: new EmulatorControl(east.url) },
    west: { emulator: west, control: new EmulatorControl(west.url) },
    as: (claims = {}) => request.agent(url).set('Authorization', `Bearer ${testToken(claims)}`),
    async close() {
      await app.close();
      if (!emulators) await Promise.all([east.close(), west.close()]);
    },
  };
}
