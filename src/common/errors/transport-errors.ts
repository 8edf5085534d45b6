import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from './gateway-error';
import { problemType } from './catalogue';
import { PROBLEM_CONTENT_TYPE, sendProblem } from './problem-details.filter';

/**
 * Longest raw (percent-encoded) path parameter the router accepts. Fastify's default (100) refused
 * legal names: a 255-character name is up to 3060 characters once UTF-8 is percent-encoded. Longer
 * parameters get a 414 problem; names are then validated (and refused with 400) by the DTOs.
 */
export const MAX_PARAM_LENGTH = 4096;

const logger = new Logger('Problem');

/**
 * Router errors Fastify raises before any route (and so before Nest's filter) runs: a malformed
 * percent-escape and an over-long parameter. Rendered as problem+json like every other error.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const problem = tooLong
    ? new GatewayError('URI_TOO_LONG', `A path parameter is longer than ${MAX_PARAM_LENGTH} characters.`)
    : new GatewayError('BAD_URL', 'The path is not valid percent-encoded UTF-8.', {
        status: error.statusCode && error.statusCode < 500 ? error.statusCode : 400,
      });
  // The onRequest hooks (which set X-Request-Id) do not run for router errors.
  void reply.header('x-request-id', String(request.id));
  sendProblem(reply, request, problem, logger);
}

const CONNECTION_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request line and headers exceed the allowed size.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request was not received in time.' },
};

/**
 * Errors of the HTTP parser (oversized headers, timeouts, garbage): there is no request object yet,
 * so the problem is written to the socket directly, then the connection is closed as Node does.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = CONNECTION_ERRORS[err.code ?? ''] ?? {
    status: 400,
    detail: 'The request could not be parsed as HTTP.',
  };
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const code = title.toUpperCase().replace(/\W+/g, '_');
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: problemType(code),
    title,
    status,
    detail,
    instance: '/',
    code,
    requestId,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
