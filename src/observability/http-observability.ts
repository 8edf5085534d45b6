import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { currentContext, RequestContext } from '../common/context/request-context';
import { MetricsService } from './metrics.service';
import { upstreamIdsOf } from '../common/context/upstream-ids';

/** Scraped every few seconds: at debug level so they do not drown the access log. */
const QUIET_ROUTES = new Set(['/metrics', '/health/live', '/health/ready']);

/**
 * One access log line and the HTTP metrics per request. The line names the route template, status,
 * duration, request id, subject and the JSON-RPC ids sent upstream; never bodies, query strings or
 * headers, so tokens and object data stay out of the logs.
 */
export function installHttpObservability(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService, { strict: false });
  const logger = new Logger('Access');
  const contexts = new WeakMap<object, RequestContext>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    // Runs inside the request's async context (opened by an earlier hook); onResponse does not.
    const ctx = currentContext();
    if (ctx) contexts.set(request, ctx);
    done();
  });
  fastify.addHook('onResponse', (request: AuthenticatedRequest, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const durationMs = reply.elapsedTime;
    metrics.observeHttp(request.method, route, reply.statusCode, durationMs / 1000);
    const line = {
      msg: 'request',
      requestId: String(request.id),
      method: request.method,
      route,
      path: request.originalUrl.split('?')[0],
      status: reply.statusCode,
      durationMs: Math.round(durationMs * 10) / 10,
      subject: request.user?.subject ?? 'unauthenticated',
      ip: request.ip,
      upstreamIds: upstreamIdsOf(contexts.get(request)),
    };
    if (QUIET_ROUTES.has(route)) logger.debug(line);
    else logger.log(line);
    done();
  });
}
