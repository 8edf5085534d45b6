import { ApiPropertyOptional } from '@nestjs/swagger';

/** Any JSON value: the upstream's own data, passed through as it is (object, array or scalar). */
const ANY_JSON = [
  // OpenAPI 3.0 has no null type: `nullable` sits on one branch, which then also matches null.
  { type: 'object', additionalProperties: true, nullable: true },
  { type: 'array', items: {} },
  { type: 'string' },
  { type: 'number' },
  { type: 'boolean' },
];

/**
 * An optional property holding any JSON value. A property typed `unknown` would otherwise be
 * documented by the Swagger plugin as `type: object`, which arrays and strings do not match.
 */
export function ApiAnyJsonProperty(description: string, example?: unknown): PropertyDecorator {
  return ApiPropertyOptional({ description, oneOf: ANY_JSON, example });
}
