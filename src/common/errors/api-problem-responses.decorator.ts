import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (validation, filter syntax, or an upstream "invalid parameter").',
  401: 'Missing or invalid credentials.',
  403: 'Not allowed (scope, ADOM, or the upstream account lacks permission).',
  404: 'Not found (object, ADOM, package or path).',
  409: 'Conflict (already exists, in use, or workspace lock required).',
  412: 'If-Match did not match the current ETag.',
  422: 'The upstream rejected the data.',
  423: 'The ADOM workspace is locked by another administrator.',
  500: 'Unexpected gateway error.',
  501: 'The upstream does not support this operation.',
  502: 'The upstream failed or answered something unexpected.',
  503: 'The upstream is temporarily unavailable; see Retry-After.',
  504: 'The upstream did not answer in time.',
};

/** Errors any upstream-backed operation can produce. */
export const UPSTREAM_PROBLEMS = [400, 403, 502, 503, 504] as const;

/** Swagger's metadata key for responses (`DECORATORS.API_RESPONSE`). */
const API_RESPONSE = 'swagger/apiResponse';

/**
 * Declares problem+json responses for the given statuses (plus the upstream ones). Composite
 * decorators stack on one handler, so a status already declared is not declared again (Swagger
 * would otherwise concatenate the descriptions).
 */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  const wanted = [...new Set([...statuses, ...UPSTREAM_PROBLEMS])].sort();
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder: object = descriptor ? (descriptor.value as object) : target;
    const existing = (Reflect.getMetadata(API_RESPONSE, holder) ?? {}) as Record<string, unknown>;
    const fresh = wanted.filter((status) => !(String(status) in existing));
    applyDecorators(
      ApiExtraModels(ProblemDetailsDto),
      ...fresh.map((status) =>
        ApiResponse({
          status,
          description: DESCRIPTIONS[status] ?? 'Error',
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
        }),
      ),
    )(target, key as string | symbol, descriptor as PropertyDescriptor);
  };
}
