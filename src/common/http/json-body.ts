import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import {
  bodyTooDeep,
  forbiddenKey,
  invalidJson,
  numberOutOfRange,
  unsupportedCharset,
} from '../errors/request-errors';

/** Deepest array/object nesting a body may have (the deepest DTO needs fewer than 10). */
export const MAX_JSON_DEPTH = 64;

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** `charset` parameter of a Content-Type header, lower-cased and unquoted; undefined when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return undefined;
}

/**
 * The deepest array/object nesting in a JSON text, stopping as soon as it passes `limit`: one pass over
 * the bytes, no allocation, brackets inside strings ignored. Works on invalid JSON too (JSON.parse
 * judges that afterwards), so a deep body is refused before anything recursive touches it.
 */
export function exceedsDepth(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACKET || b === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (b === CLOSE_BRACKET || b === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/**
 * After parsing (depth already bounded): no key that can rewrite a prototype when the body is copied,
 * and no number the gateway cannot carry exactly (non-integers are fine; integers beyond 2^53, like
 * 1e300, are not: FMG would store a value no one can address afterwards). Every body of every write
 * passes here, so the path to a value is kept as segments and spelled out only for an error.
 */
export function checkParsed(value: unknown, segments: (string | number)[] = []): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      throw numberOutOfRange(
        pathOf(segments),
        `${value} is beyond ±${Number.MAX_SAFE_INTEGER}, the exactly representable range.`,
      );
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segments.push(i);
      checkParsed(value[i], segments);
      segments.pop();
    }
    return;
  }
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (key === '__proto__') throw forbiddenKey(key, pathOf(segments));
    if (key === 'constructor' && item !== null && typeof item === 'object' && 'prototype' in item) {
      throw forbiddenKey('constructor.prototype', pathOf(segments));
    }
    segments.push(key);
    checkParsed(item, segments);
    segments.pop();
  }
}

/** `$.a[0].b`, or `$["odd key"]` where a key is not a plain name. */
function pathOf(segments: readonly (string | number)[]): string {
  let path = '$';
  for (const s of segments) {
    if (typeof s === 'number') path += `[${s}]`;
    else path += /^[A-Za-z_$][\w$-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return path;
}

/** Parses a JSON body: charset, depth, syntax, prototype keys and numbers, each a clear 4xx. */
export function parseJsonBody(bytes: Buffer, contentType: string | undefined): unknown {
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw unsupportedCharset(charset);
  if (exceedsDepth(bytes, MAX_JSON_DEPTH)) throw bodyTooDeep(MAX_JSON_DEPTH);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw invalidJson('it is not valid UTF-8.');
  }
  if (text.trim() === '') throw invalidJson('the body is empty but the content type is application/json.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw invalidJson(`${(err as Error).message}.`);
  }
  checkParsed(parsed);
  return parsed;
}

/**
 * Replaces Fastify's JSON parser (registered through Nest, so Nest adds none of its own). Fastify's
 * would parse any declared charset as UTF-8, recurse into any depth (class-transformer then overflows
 * its stack: a 500) and call a `__proto__` body merely "not valid JSON".
 */
export function installJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser('application/json', { bodyLimit }, (req: FastifyRequest, body: Buffer, done) => {
    try {
      done(null, parseJsonBody(body, req.headers['content-type']));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
