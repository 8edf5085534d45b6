import type { OpenAPIObject } from '@nestjs/swagger';

const PROBLEM_SCHEMA = 'ProblemDetailsDto';

/**
 * Statuses the HTTP layer answers before any handler runs, so no controller can declare them:
 * which operations can get each one.
 */
const TRANSPORT_PROBLEMS: {
  status: number;
  description: string;
  applies: (method: string, path: string) => boolean;
}[] = [
  {
    status: 400,
    description:
      'The request is malformed: a query parameter holds a control character, or the JSON body is nested more than 64 levels, holds `__proto__`, a number beyond ±2^53 or is not JSON.',
    applies: () => true,
  },
  {
    status: 413,
    description: 'The body is larger than 1 MiB.',
    applies: (method) => !['get', 'head'].includes(method),
  },
  {
    status: 414,
    description: 'A path parameter is longer than 4096 characters.',
    applies: (_method, path) => path.includes('{'),
  },
  {
    status: 415,
    description: 'The body is not `application/json`, or declares a charset other than UTF-8.',
    applies: (method) => !['get', 'head'].includes(method),
  },
  {
    status: 431,
    description: 'The request line and headers are larger than the server accepts.',
    applies: () => true,
  },
];

/** Adds the transport-level problem responses to every operation they can happen to. */
export function addTransportProblems(document: OpenAPIObject): void {
  if (!document.components?.schemas?.[PROBLEM_SCHEMA]) return;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, { responses?: object }][]) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      const responses = operation.responses as Record<string, unknown>;
      for (const problem of TRANSPORT_PROBLEMS) {
        if (!problem.applies(method, path) || String(problem.status) in responses) continue;
        responses[String(problem.status)] = {
          description: problem.description,
          content: {
            'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } },
          },
        };
      }
      // Keep response codes in numeric order so the committed document stays stable.
      operation.responses = Object.fromEntries(
        Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
  }
}
