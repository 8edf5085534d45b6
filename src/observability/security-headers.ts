import fastifyCors from '@fastify/cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Response headers for every route: helmet's defaults (nosniff, frame-ancestors none, no referrer, HSTS,
 * a same-origin CSP) with a CSP that still lets Swagger UI at /docs run: its scripts are files served
 * by us, only its styles are inline. `upgrade-insecure-requests` is left out because the gateway is
 * often reached over plain HTTP on loopback or behind a TLS-terminating proxy.
 *
 * CORS only for the configured origins (exact matches); without CORS_ORIGINS no CORS header is sent,
 * so browsers on other sites cannot read answers. Credentials are bearer tokens, not cookies.
 *
 * Bodies are JSON only: Fastify's text/plain parser goes and Nest's form parser is replaced by one that
 * refuses, so such a body is a 415 like XML rather than a string that fails validation further in (and a "simple" cross-site POST,
 * which browsers send without a preflight, never reaches a handler).
 */
const HELMET: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'upgrade-insecure-requests': null,
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * helmet's headers for these options, worked out once. They depend on nothing in the request (no CSP
 * nonces), and helmet's Fastify plugin re-parses the whole configuration on every request (~1 % of
 * the CPU of a small GET).
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let done = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw new Error('helmet refused its options', { cause: err });
    done = true;
  });
  // helmet is synchronous; should a release not be, the headers would be incomplete: fail at start.
  if (!done) throw new Error('helmet did not produce its headers synchronously');
  return headers;
}

export function installSecurityHeaders(app: NestFastifyApplication, corsOrigins: string[] = []): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  // Nest adds a form parser at init unless one is registered: register one that refuses.
  app.useBodyParser('application/x-www-form-urlencoded', {}, (_req, _body, done) =>
    done(unsupported('application/x-www-form-urlencoded'), undefined),
  );
  const headers = helmetHeaders(HELMET);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  if (corsOrigins.length > 0) {
    void fastify.register(fastifyCors, {
      origin: corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Prefer', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
      credentials: false,
      maxAge: 600,
    });
  }
}

/** Rendered by the problem filter like Fastify's own media type error. */
function unsupported(type: string): Error {
  return Object.assign(new Error(`Unsupported Media Type: ${type}`), {
    statusCode: 415,
    code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  });
}
