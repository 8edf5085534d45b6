import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import {
  AppConfig,
  ClientAuthConfig,
  loadConfig,
  UPSTREAM_DEFAULTS,
  UpstreamConfig,
} from '../../src/config/app-config';
import { configureApp, createFastifyAdapter } from '../../src/configure-app';
import { EmulatorOptions, RunningEmulator, startEmulator } from '../../src/emulator';
import { EmulatorControl } from './emulator-control';
import { TEST_AUTH, testToken } from './tokens';

/**
 * A real stack for e2e tests: the emulator on a loopback port, the gateway on another, both over
 * HTTP, wired exactly as main.ts wires them (same module, same configureApp).
 */
export interface Stack {
  /** Base URL of the gateway. */
  url: string;
  /** Requests as an admin client allowed every ADOM. */
  http: () => ReturnType<typeof request.agent>;
  /** Requests without any credentials (set your own Authorization header). */
  anonymous: () => ReturnType<typeof request>;
  emulator: RunningEmulator;
  control: EmulatorControl;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

export interface StackOptions {
  emulator?: EmulatorOptions;
  /** Overrides of the gateway's FortiManager settings (e.g. a wrong password, a short timeout, the pool). */
  fmg?: Partial<UpstreamConfig>;
  /** Reuse an emulator that is already running (several gateways on one upstream). */
  reuseEmulator?: RunningEmulator;
  /** Client authentication; default TEST_AUTH (HS256 with the test secret). */
  auth?: ClientAuthConfig;
  /** Gateway settings beyond the upstreams and auth (CORS origins, metrics switch, Redis, rate limit). */
  gateway?: Pick<
    AppConfig,
    'corsOrigins' | 'metricsEnabled' | 'redis' | 'rateLimit' | 'managementPort' | 'proxy'
  >;
  /** The app's logger (e.g. a PinoLogger writing to a captured stream); default: fatal only. */
  logger?: LoggerService;
}

export async function startGateway(
  upstreams: AppConfig['upstreams'],
  auth: ClientAuthConfig = { ...TEST_AUTH, algorithms: [...TEST_AUTH.algorithms] },
  options: Pick<StackOptions, 'gateway' | 'logger'> = {},
): Promise<NestFastifyApplication> {
  const config: AppConfig = {
    port: 0,
    host: '127.0.0.1',
    logLevel: 'error',
    emulatorPort: 0,
    upstreams,
    auth,
    rpc: loadConfig({ AUTH_DISABLED: 'true' }).rpc,
    ...options.gateway,
  };
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createFastifyAdapter(),
    {
      logger: options.logger ?? ['fatal'],
    },
  );
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const emulator = options.reuseEmulator ?? (await startEmulator(options.emulator));
  const app = await startGateway({ fmg: upstreamConfig(emulator.url, options.fmg) }, options.auth, options);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const adminToken = testToken();
  return {
    url,
    http: () => request.agent(url).set('Authorization', `Bearer ${adminToken}`),
    anonymous: () => request(url),
    emulator,
    control: new EmulatorControl(emulator.url),
    app,
    async close() {
      await app.close();
      if (!options.reuseEmulator) await emulator.close();
    },
  };
}

/** A FortiManager upstream as the tests use it: the emulator's admin, a short timeout. */
export function upstreamConfig(url: string, overrides: Partial<UpstreamConfig> = {}): UpstreamConfig {
  return {
    ...UPSTREAM_DEFAULTS,
    name: 'fmg',
    url,
    auth: { mode: 'password', username: 'admin', password: 'admin' },
    timeoutMs: 5_000,
    insecureTls: false,
    ...overrides,
  };
}
