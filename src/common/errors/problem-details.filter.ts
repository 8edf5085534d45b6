import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { frameworkCode, problemType } from './catalogue';
import { GatewayError } from './gateway-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  [extension: string]: unknown;
}

/** Nest's own HttpExceptions (unknown route, guards, pipes) in the same shape as domain errors. */
function fromHttpException(exception: HttpException): GatewayError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message =
    typeof response === 'object' && response !== null && 'message' in response
      ? response.message
      : exception.message;
  const detail = Array.isArray(message) ? message.join('; ') : String(message);
  return new GatewayError(frameworkCode(status), detail, { status });
}

/** Errors Fastify raises before a route runs (bad JSON, body too large, wrong content type). */
function fromFastifyError(err: {
  statusCode?: number;
  code?: string;
  message?: string;
}): GatewayError | undefined {
  if (typeof err.statusCode !== 'number' || err.statusCode < 400 || err.statusCode >= 500) return undefined;
  return fromHttpException(new HttpException(err.message ?? 'Bad request', err.statusCode));
}

export function toGatewayError(exception: unknown): GatewayError | undefined {
  if (exception instanceof GatewayError) return exception;
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception && typeof exception === 'object') return fromFastifyError(exception);
  return undefined;
}

export function renderProblem(error: GatewayError, request: FastifyRequest): ProblemBody {
  const body: ProblemBody = {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance: request.originalUrl.split('?')[0],
    code: error.code,
    requestId: String(request.id),
    ...error.extensions,
  };
  if (error.upstream) body.upstream = error.upstream;
  return body;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  exception: unknown,
  logger: Logger,
): void {
  let error = toGatewayError(exception);
  if (!error) {
    // Never leak internals: log the stack, answer a generic 500 that carries the request id.
    logger.error(
      `Unhandled error on ${request.method} ${request.url} [${String(request.id)}]`,
      (exception as Error)?.stack,
    );
    error = new GatewayError(
      'INTERNAL_ERROR',
      'An unexpected error occurred. Quote the requestId when reporting it.',
    );
  } else if (error.status >= 500) {
    logger.warn(`${request.method} ${request.url} → ${error.status} ${error.code}: ${error.detail}`);
  }
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
  void reply
    .status(error.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(renderProblem(error, request));
}

/** The single renderer: every error of the API leaves as RFC 9457 problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), exception, this.logger);
  }
}
