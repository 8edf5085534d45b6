import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi/openapi.document';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** On shutdown, requests in flight get this long to finish before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 5_000;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** One adapter for main.ts, the OpenAPI generator and the tests. */
export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    // Take the caller's X-Request-Id when it is sane, so logs correlate across systems.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logger: false,
  });
}

/** Everything that is not DI-registered. Called by main.ts and by the e2e tests, nothing else. */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
  });
  // Errors Fastify raises before a route runs (malformed JSON, body too large, bad media type) reach
  // Nest's error handler and so the same ProblemDetailsFilter; no Fastify error handler of our own.
  // Keep-alive clients (and clients that aborted mid-request) would otherwise hold server.close()
  // open until the 72 s keep-alive timeout: close idle sockets now, cut the rest after a grace period.
  fastify.addHook('preClose', (done) => {
    fastify.server.closeIdleConnections();
    setTimeout(() => fastify.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    done();
  });
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    customSiteTitle: 'FortiREST API',
  });
  return app;
}
