import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { configureApp, createFastifyAdapter } from './configure-app';
import { DEFAULT_USERS, startEmulator } from './emulator';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** With no FMG_URL, start the built-in emulator and point the gateway at it: a working API out of the box. */
async function withUpstream(config: AppConfig, logger: Logger): Promise<AppConfig> {
  if (config.fmg) return config;
  const emulator = await startEmulator({ port: config.emulatorPort });
  const admin = DEFAULT_USERS.find((u) => u.rpcPermit === 'read-write')!;
  logger.warn(
    `FMG_URL is not set: serving the built-in FortiManager emulator at ${emulator.url} (demo data).`,
  );
  return {
    ...config,
    fmg: {
      url: emulator.url,
      username: admin.user,
      password: admin.password,
      timeoutMs: 30_000,
      insecureTls: false,
    },
  };
}

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  config = await withUpstream(config, logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createFastifyAdapter(),
    {
      logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel as LogLevel) + 1),
    },
  );
  configureApp(app);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  logger.log(`FortiREST listening on ${url} (Swagger UI: ${url}/docs) → upstream ${config.fmg!.url}`);
}

void bootstrap();
