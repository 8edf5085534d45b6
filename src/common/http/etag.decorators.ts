import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';

/** Documents optimistic concurrency on a write: If-Match in, 412 out. */
export function ApiIfMatch() {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'ETag from a previous read: the write happens only if the object is unchanged (else 412).',
    }),
    ApiProblemResponses(412),
  );
}

/** Documents the ETag header of a single-object response. */
export function ApiEtag() {
  return ApiResponse({
    status: 'default',
    description: 'Single-object responses carry an `ETag` header for use in `If-Match`.',
  });
}
