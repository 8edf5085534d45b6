import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig, ConfigError, loadConfig, UPSTREAM_DEFAULTS } from './config/app-config';
import { configureApp, createFastifyAdapter } from './configure-app';
import { mintToken } from './auth/tokens';
import { createPino, PinoLogger } from './observability/logger';
import { startManagementServer } from './observability/management-port';

/**
 * With no upstream configured at all, start the built-in emulators (a FortiManager and a
 * FortiAnalyzer, demo data) and point the gateway at them: a working API out of the box. The
 * emulator is a separate application: it is loaded only here, in demo mode.
 */
async function withUpstreams(config: AppConfig, logger: Logger): Promise<AppConfig> {
  if (Object.keys(config.upstreams).length > 0) return config;
  const { DEFAULT_USERS, startEmulator } = await import('./emulator/index.js');
  const admin = DEFAULT_USERS.find((u) => u.rpcPermit === 'read-write')!;
  const upstreams: AppConfig['upstreams'] = {};
  // Two FortiManagers (issue #18): `east` (the demo data, and the default of the unprefixed routes) and
  // `west` (other ADOMs and devices, under /managers/west/…), and one FortiAnalyzer.
  for (const [name, label, product, dataSet] of [
    ['fmg', 'east', 'fortimanager', 'demo'],
    ['fmg:west', 'west', 'fortimanager', 'west'],
    ['faz', undefined, 'fortianalyzer', undefined],
  ] as const) {
    const kind = product === 'fortimanager' ? 'fmg' : 'faz';
    // EMULATOR_FAZ_VERSION / EMULATOR_FMG_VERSION (or EMULATOR_VERSION for both) pick the emulated firmware:
    // a FAZ before 7.4 keeps log-search tids reusable, 7.4 and later reaps them after one fetch.
    const version =
      process.env[`EMULATOR_${kind.toUpperCase()}_VERSION`] || process.env.EMULATOR_VERSION || undefined;
    const emulator = await startEmulator({
      product,
      version,
      dataSet,
      port: name === 'fmg' ? config.emulatorPort : 0,
    });
    logger.warn(
      `No FMG_URL/FAZ_URL: serving the built-in ${product} emulator${label ? ` "${label}"` : ''} at ${emulator.url} (demo data).`,
    );
    upstreams[name] = {
      ...UPSTREAM_DEFAULTS,
      name,
      product: kind,
      ...(label ? { label } : {}),
      url: emulator.url,
      auth: { mode: 'password', username: admin.user, password: admin.password },
      insecureTls: false,
    };
  }
  return { ...config, upstreams };
}

/** Says loudly when clients are not really authenticated, and gives demo users a ready token. */
function announceAuth(config: AppConfig, logger: Logger): void {
  if (config.auth.mode === 'disabled') {
    logger.warn(
      'AUTH_DISABLED is set: EVERY request is accepted as an all-powerful anonymous client. Never in production.',
    );
  } else if (config.auth.demo) {
    // 12 hours, or less when AUTH_MAX_TOKEN_LIFETIME_S says so (a longer token would be refused).
    const hours = Math.min(12, (config.auth.maxTokenLifetimeS ?? 12 * 3600) / 3600);
    const token = mintToken(config.auth, {
      subject: 'demo',
      scopes: ['read', 'write', 'admin'],
      adoms: ['*'],
      expiresInS: Math.floor(hours * 3600),
    });
    logger.warn(
      `Demo mode: clients authenticate with the demo secret. A ${hours}-hour admin token for Swagger UI "Authorize":\n${token}`,
    );
  }
}

async function bootstrap(): Promise<void> {
  // JSON lines from the first message on (a config error too); LOG_LEVEL is re-read validated below.
  const pinoLogger = new PinoLogger(createPino(process.env.LOG_LEVEL ?? 'log'));
  Logger.overrideLogger(pinoLogger);
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
  config = await withUpstreams(config, logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createFastifyAdapter(),
    { logger: new PinoLogger(createPino(config.logLevel)) },
  );
  configureApp(app);
  await app.listen(config.port, config.host);
  if (config.managementPort !== undefined) {
    await startManagementServer(app, config.managementPort, config.host);
    logger.log(`Metrics and health probes on http://${config.host}:${config.managementPort} only`);
  }
  const url = await app.getUrl();
  announceAuth(config, logger);
  const targets = Object.values(config.upstreams).flatMap((u) => (u ? [`${u.name} ${u.url}`] : []));
  logger.log(`FortiREST listening on ${url} (Swagger UI: ${url}/docs) → ${targets.join(', ')}`);
}

void bootstrap();
