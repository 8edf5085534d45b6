import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type Logger as Pino } from 'pino';
import { stdoutWriter } from './turn-writer';

/** Nest's levels, most severe first (LOG_LEVEL names one; it and everything above are logged). */
export const NEST_LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

const PINO_LEVEL: Record<LogLevel, Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Belt and braces: nothing logs bodies or headers on purpose, but should a header or credential ever
 * end up in a logged object, its value is replaced rather than written. Keys at any of the first three
 * levels of a logged object (so `password`, `x.password`, `headers.authorization`,
 * `x.headers.authorization`). A plain walk rather than pino's `redact` paths: those cost ~5 % of the
 * CPU of a small GET, for access lines that never hold such keys.
 */
type Fields = Record<string, unknown>;

const isFields = (v: unknown): v is Fields =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Error);

const SECRET_KEYS = new Set(['authorization', 'cookie', 'password', 'passwd', 'token', 'apiKey', 'session']);
const CENSOR = '[redacted]';
const CENSOR_DEPTH = 3;

/** `value` with secret keys blanked; the object itself when it has none (never modified in place). */
export function censored(value: unknown, depth = 1): unknown {
  if (depth > CENSOR_DEPTH || !isFields(value)) return value;
  let copy: Fields | undefined;
  for (const key of Object.keys(value)) {
    const current = value[key];
    const next = SECRET_KEYS.has(key) ? CENSOR : censored(current, depth + 1);
    if (next !== current) (copy ??= { ...value })[key] = next;
  }
  return copy ?? value;
}

export function createPino(level: string, destination?: DestinationStream): Pino {
  return pino(
    {
      level: PINO_LEVEL[level as LogLevel] ?? 'info',
      base: { service: 'fortirest' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => censored(object) as Record<string, unknown>,
      },
    },
    // Standard output, a turn's lines in one synchronous write (turn-writer.ts).
    destination ?? stdoutWriter(),
  );
}

/**
 * Nest's LoggerService over pino: every `Logger` in the app (audit, session pool, problems, access
 * log) writes one JSON line. The context becomes `context`; an object message becomes fields (its
 * `msg`, if any, the message); `error(message, stack, context)` keeps the stack as `stack`.
 */
export class PinoLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  /** Nest calls this with the enabled levels; pino needs only the least severe of them. */
  setLogLevels(levels: LogLevel[]): void {
    const least = [...NEST_LOG_LEVELS].reverse().find((l) => levels.includes(l));
    this.pino.level = least ? PINO_LEVEL[least] : 'silent';
  }

  private write(level: Level, message: unknown, params: unknown[], withStack = false): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    // Nest's Logger appends its context as the last argument.
    const context = rest.length > 1 || (!withStack && rest.length === 1) ? rest.pop() : undefined;
    const fields: Fields = typeof context === 'string' ? { context } : {};
    const stack: unknown = withStack ? rest.shift() : undefined;
    if (typeof stack === 'string') fields.stack = stack;
    const extra = rest.filter((v) => v !== undefined);
    if (extra.length > 0) fields.extra = extra;
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (isFields(message)) {
      const { msg, ...own } = message;
      this.pino[level]({ ...fields, ...own }, typeof msg === 'string' ? msg : undefined);
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
