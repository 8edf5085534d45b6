import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi/openapi.document';
import { installUpstreamDocument } from './openapi/upstream-document';
import { AuditService } from './audit/audit.service';
import type { AuthenticatedRequest } from './auth/auth.decorators';
import { RequestContext, runWithContext } from './common/context/request-context';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { locationOnUpstream, rewriteUpstreamUrl, selectedUpstream } from './common/context/upstream-path';
import { unknownUpstream } from './common/errors/request-errors';
import { UpstreamRegistry } from './upstream/upstream.registry';
import { registerIdempotencyHook } from './idempotency/idempotency.module';
import { installHttpObservability } from './observability/http-observability';
import { installSecurityHeaders } from './observability/security-headers';
import { installJsonBodyParser } from './common/http/json-body';
import { installQueryGuard } from './common/http/query-guard';
import { installEtags } from './common/http/etag-hook';
import { installManagementSplit } from './observability/management-port';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  MAX_PARAM_LENGTH,
} from './common/errors/transport-errors';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const contexts = new WeakMap<object, RequestContext>();

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** On shutdown, requests in flight get this long to finish before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 5_000;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** RFC 7240 `Prefer: wait=N` (seconds). */
function preferWaitMs(prefer: string | string[] | undefined): number | undefined {
  const match = /(?:^|[,;\s])wait=(\d{1,4})\b/.exec(
    Array.isArray(prefer) ? prefer.join(',') : (prefer ?? ''),
  );
  return match ? Number(match[1]) * 1000 : undefined;
}

/** One adapter for main.ts, the OpenAPI generator and the tests. */
export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Router and HTTP-parser errors happen before Nest sees the request: render them as problems too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    requestIdHeader: false,
    // Take the caller's X-Request-Id when it is sane, so logs correlate across systems.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logger: false,
    // `/managers/{name}/…` and `/analyzers/{name}/…` reach the same routes as the unprefixed paths; the
    // name is kept for the request context (upstream-path.ts).
    rewriteUrl: rewriteUpstreamUrl,
  });
}

/** Everything that is not DI-registered. Called by main.ts and by the e2e tests, nothing else. */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  const fastify = app.getHttpAdapter().getInstance();
  const audit = app.get(AuditService);
  const config = app.get<AppConfig>(APP_CONFIG);
  const registry = app.get(UpstreamRegistry);
  installSecurityHeaders(app, config.corsOrigins);
  // Depth, charset, prototype keys and number range are checked as the body is parsed (issue #16).
  installJsonBodyParser(app, BODY_LIMIT_BYTES);
  installQueryGuard(app);
  installEtags(app);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', String(request.id));
    // Everything downstream of this hook (guards, handlers, the upstream client) shares this context.
    const context: RequestContext = {
      requestId: String(request.id),
      startedAt: Date.now(),
      rpc: [],
      lockWaitMs: preferWaitMs(request.headers.prefer),
      upstream: selectedUpstream(request.raw),
    };
    contexts.set(request, context);
    const selected = context.upstream;
    if (selected && !registry.find(selected.product, selected.name)) {
      // Before authentication, like any other unknown path.
      done(unknownUpstream(selected.product, selected.name));
      return;
    }
    runWithContext(context, done);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const upstream = selectedUpstream(request.raw);
    const location = reply.getHeader('location');
    if (upstream && typeof location === 'string') {
      void reply.header('location', locationOnUpstream(location, upstream));
    }
    done(null, payload);
  });
  fastify.addHook('onResponse', (request: AuthenticatedRequest, reply, done) => {
    if (!READ_METHODS.has(request.method)) {
      // onResponse fires from the socket, outside the async context: read it from the request.
      const ctx = contexts.get(request);
      audit.record({
        type: 'audit',
        time: new Date().toISOString(),
        requestId: String(request.id),
        subject: request.user?.subject ?? 'unauthenticated',
        ip: request.ip,
        method: request.method,
        path: request.originalUrl.split('?')[0],
        status: reply.statusCode,
        durationMs: ctx ? Date.now() - ctx.startedAt : 0,
        rpc: ctx?.rpc ?? [],
        ...(ctx?.auditTarget ? { target: ctx.auditTarget } : {}),
      });
    }
    done();
  });
  // After the context hook: its onRequest hook reads the request's context.
  installHttpObservability(app);
  // MANAGEMENT_PORT: metrics and probes there only (the listener starts in main.ts). After the hooks
  // above, so a refused request still gets its X-Request-Id and access log line.
  if (config.managementPort !== undefined) installManagementSplit(app);
  // Idempotency-Key: the response is recorded as it is sent.
  registerIdempotencyHook(app);
  // Errors Fastify raises before a route runs (malformed JSON, body too large, bad media type) reach
  // Nest's error handler and so the same ProblemDetailsFilter; no Fastify error handler of our own.
  // Keep-alive clients (and clients that aborted mid-request) would otherwise hold server.close()
  // open until the 72 s keep-alive timeout: close idle sockets now, cut the rest after a grace period.
  fastify.addHook('preClose', (done) => {
    fastify.server.closeIdleConnections();
    setTimeout(() => fastify.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    done();
  });
  // Exit once shut down instead of re-raising the signal (Nest's default): as a container's PID 1 (the
  // Docker image, a Kubernetes pod) the re-raised SIGTERM has no handler left and the kernel ignores it, so
  // the process would linger until SIGKILL.
  app.enableShutdownHooks([], { useProcessExit: true });
  // Built once, on first need: the static document, and the base of each upstream's typed one.
  let document: OpenAPIObject | undefined;
  const staticDocument = () => (document ??= buildOpenApiDocument(app));
  installUpstreamDocument(app, staticDocument);
  SwaggerModule.setup('docs', app, staticDocument, {
    jsonDocumentUrl: 'docs/openapi.json',
    customSiteTitle: 'FortiREST API',
  });
  return app;
}
