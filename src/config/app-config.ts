import { readFileSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, validateSync } from 'class-validator';

/**
 * Typed configuration, read once from the environment and validated before anything starts.
 * Error messages name the variable and the rule, never the value (values may be secrets).
 */
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(typeof value === 'string' ? value.toLowerCase() : '');

export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  /** Base URL of the FortiManager (e.g. https://fmg.example.com). Unset: the embedded emulator is started. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  FMG_URL?: string;

  @IsOptional()
  @IsString()
  FMG_USERNAME?: string;

  @IsOptional()
  @IsString()
  FMG_PASSWORD?: string;

  /** Read the password from a file (Docker/Kubernetes secrets) instead of the environment. */
  @IsOptional()
  @IsString()
  FMG_PASSWORD_FILE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  FMG_TIMEOUT_MS?: number;

  /** PEM file with the CA that signed the FortiManager certificate. */
  @IsOptional()
  @IsString()
  FMG_CA_FILE?: string;

  /** Skip TLS verification. For labs only; logged as a warning at start. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  FMG_INSECURE_TLS?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMULATOR_PORT?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: string;
}

export interface FortiManagerConfig {
  url: string;
  username: string;
  password: string;
  timeoutMs: number;
  ca?: string;
  insecureTls: boolean;
}

export interface AppConfig {
  port: number;
  host: string;
  logLevel: string;
  /** Undefined: no FortiManager configured, the embedded emulator will be started and fill this in. */
  fmg?: FortiManagerConfig;
  emulatorPort: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.keys(e.constraints ?? {}).join(', ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  let fmg: FortiManagerConfig | undefined;
  if (vars.FMG_URL) {
    const password = vars.FMG_PASSWORD_FILE
      ? readFileVariable('FMG_PASSWORD_FILE', vars.FMG_PASSWORD_FILE)
      : vars.FMG_PASSWORD;
    if (!vars.FMG_USERNAME || password === undefined) {
      throw new ConfigError(
        'Invalid configuration:\n  FMG_URL is set, so FMG_USERNAME and FMG_PASSWORD (or FMG_PASSWORD_FILE) are required',
      );
    }
    fmg = {
      url: vars.FMG_URL.replace(/\/+$/, ''),
      username: vars.FMG_USERNAME,
      password,
      timeoutMs: vars.FMG_TIMEOUT_MS ?? 30_000,
      ca: vars.FMG_CA_FILE ? readFileVariable('FMG_CA_FILE', vars.FMG_CA_FILE) : undefined,
      insecureTls: vars.FMG_INSECURE_TLS ?? false,
    };
  }
  return {
    port: vars.PORT ?? 3000,
    host: vars.HOST ?? '127.0.0.1',
    logLevel: vars.LOG_LEVEL ?? 'log',
    fmg,
    emulatorPort: vars.EMULATOR_PORT ?? 0,
  };
}

function readFileVariable(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new ConfigError(`Invalid configuration:\n  ${variable}: file cannot be read`);
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
