import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The If-Match header. A param decorator of our own rather than Nest's Headers decorator, which
 * Swagger would list as a second, *required* header beside the optional one ApiIfMatch() documents.
 */
export const IfMatch = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  return Array.isArray(value) ? value.join(', ') : value;
});
