import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { etagOf } from './etag';

/** A single object, not a page of a list (`items`) nor an array. */
const isSingleObject = (payload: unknown): payload is object =>
  payload !== null && typeof payload === 'object' && !Array.isArray(payload) && !('items' in payload);

/**
 * Every successful single-object response gets an ETag computed from exactly what the client receives.
 * Fastify's preSerialization hook sees the object about to be serialized; it never sees streams (an
 * export, an NDJSON table), buffers or ready text. A Fastify hook rather than a Nest interceptor: with a
 * single interceptor on a route, Nest runs every request through an rxjs chain (see AppModule).
 */
export function installEtags(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    if (reply.statusCode >= 200 && reply.statusCode < 300 && isSingleObject(payload)) {
      void reply.header('ETag', etagOf(payload));
    }
    done(null, payload);
  });
}
