import type { OpenAPIObject } from '@nestjs/swagger';

const PROBLEM = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
};
const IDEMPOTENCY_PARAMETER = 'IdempotencyKey';

interface Operation {
  security?: unknown[];
  parameters?: unknown[];
  responses?: Record<string, { headers?: Record<string, unknown> } & Record<string, unknown>>;
}

/**
 * What the gateway adds to every operation, not declared per controller: the per-client rate limit (429)
 * on authenticated operations, and `Idempotency-Key` on every POST. Runs before responses are sorted.
 */
export function addScaleOutContract(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.parameters = {
    ...document.components.parameters,
    [IDEMPOTENCY_PARAMETER]: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Makes a POST safe to retry: the first request with a key runs and its successful response is kept for ' +
        '24 h for this client; a retry with the same key and the same request gets that response again ' +
        '(`Idempotent-Replayed: true`) on any gateway replica, without reaching the upstream. The same key with ' +
        'a different request: 422. While the first is still running: 409. Failed requests are not kept.',
      schema: {
        type: 'string',
        minLength: 1,
        maxLength: 255,
        example: '6d1f2b6e-8f8a-4b0e-9f57-3c2a1f0e9b11',
      },
    },
  };
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, Operation][]) {
      if (!operation?.responses) continue;
      if (operation.security?.length) {
        operation.responses['429'] ??= {
          description: 'Too many requests from this client (RATE_LIMIT_PER_MIN); see Retry-After.',
          headers: {
            'Retry-After': { description: 'Seconds until the window resets.', schema: { type: 'integer' } },
            'RateLimit-Limit': { description: 'Requests allowed per window.', schema: { type: 'integer' } },
            'RateLimit-Remaining': {
              description: 'Requests left in this window.',
              schema: { type: 'integer' },
            },
            'RateLimit-Reset': {
              description: 'Seconds until the window resets.',
              schema: { type: 'integer' },
            },
          },
          content: PROBLEM,
        };
      }
      if (method !== 'post') continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        { $ref: `#/components/parameters/${IDEMPOTENCY_PARAMETER}` },
      ];
      operation.responses['409'] ??= {
        description: 'Conflict; also: a request with this Idempotency-Key is still running.',
        content: PROBLEM,
      };
      operation.responses['422'] ??= {
        description: 'Invalid data; also: this Idempotency-Key was used with a different request.',
        content: PROBLEM,
      };
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('2')) continue;
        response.headers = {
          ...response.headers,
          'Idempotent-Replayed': {
            description:
              '`true` when this is the stored response of an earlier request with the same Idempotency-Key.',
            schema: { type: 'string', enum: ['true'] },
          },
        };
      }
    }
  }
}
