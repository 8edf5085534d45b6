import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Response headers for every route: helmet's defaults (nosniff, frame-ancestors none, no referrer, HSTS,
 * a same-origin CSP) with a CSP that still lets Swagger UI at /docs run: its scripts are files served
 * by us, only its styles are inline. `upgrade-insecure-requests` is left out because the gateway is
 * often reached over plain HTTP on loopback or behind a TLS-terminating proxy.
 *
 * CORS only for the configured origins (exact matches); without CORS_ORIGINS no CORS header is sent,
 * so browsers on other sites cannot read answers. Credentials are bearer tokens, not cookies.
 */
export function installSecurityHeaders(app: NestFastifyApplication, corsOrigins: string[] = []): void {
  const fastify = app.getHttpAdapter().getInstance();
  // On the instance, unawaited: fastify queues the plugins and loads them before the routes at listen.
  void fastify.register(fastifyHelmet, {
    global: true,
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
