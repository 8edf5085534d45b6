import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (validation, filter syntax, or an upstream "invalid parameter").',
  401: 'Missing or invalid credentials.',
  403: 'Not allowed (the upstream account lacks permission for this resource).',
  404: 'Not found (object, ADOM, package or path).',
  409: 'Conflict (already exists, in use, or workspace lock required).',
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

/** Declares problem+json responses for the given statuses in the OpenAPI document. */
export function ApiProblemResponses(...statuses: number[]) {
  const unique = [...new Set([...statuses, ...UPSTREAM_PROBLEMS])].sort();
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...unique.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
