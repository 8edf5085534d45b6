import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { controlCharacterInQuery } from '../errors/request-errors';

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The first query parameter whose (decoded) name or value holds a control character. */
export function queryWithControlCharacter(query: unknown): string | undefined {
  if (!query || typeof query !== 'object') return undefined;
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (CONTROL.test(name)) return JSON.stringify(name).slice(1, -1);
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && CONTROL.test(v))) return name;
  }
  return undefined;
}

/**
 * NUL, newlines, ESC and the other control characters have no meaning in any query parameter of this
 * API (filters, fields, sorts, numbers, times): refused for every route, before validation, so no
 * filter value can carry them upstream.
 */
export function installQueryGuard(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preValidation', (request, _reply, done) => {
    const bad = queryWithControlCharacter(request.query);
    done(bad === undefined ? undefined : controlCharacterInQuery(bad));
  });
}
