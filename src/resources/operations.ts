import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  type ApiBodyOptions,
  getSchemaPath,
  type SchemaObject,
} from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { LocatedCreate, LOCATION_HEADER } from '../common/http/created-location';
import { PageOf } from '../common/http/page.dto';
import { NDJSON, TOTAL_COUNT_HEADER } from './table-answer';

/**
 * The one way an operation of a resource is declared, whoever writes the controller (a hand-written one,
 * the typed-object factory, the generic-table families): scope, summary, success response and problem
 * statuses in one line, so every route documents them the same way. The route decorator
 * (`@Get(':name')` …) stays on the handler, where a reader looks for the path.
 */
export interface OperationSpec {
  summary: string;
  description?: string;
  /** Problem statuses besides the upstream ones every operation has. */
  problems?: number[];
  /** For handlers whose method name is shared by several controllers (factory-made ones). */
  operationId?: string;
  /** Description of the success response. */
  answer?: string;
  /** The request body, where the handler's parameter type does not say it (factories, raw JSON). */
  body?: ApiBodyOptions;
  /** A list that also streams every row as NDJSON (`Accept: application/x-ndjson`, `@TableAnswer()`). */
  stream?: boolean;
}

/**
 * What an operation answers: a DTO class, an array of them (`[LogFieldDto]`, a plain list), or a
 * schema (raw FMG objects) with the models it refers to.
 */
export type Answer = Type | [Type] | { schema: SchemaObject; models?: Type[] };

const isType = (answer: Answer): answer is Type | [Type] =>
  typeof answer === 'function' || Array.isArray(answer);

function success(
  respond: typeof ApiOkResponse,
  answer: Answer,
  spec: OperationSpec,
  more: { list?: boolean; headers?: typeof LOCATION_HEADER } = {},
): MethodDecorator[] {
  // The description first, where a stacked ApiResponse (or the Swagger plugin's) puts it: the
  // document's key order does not depend on who declared the operation.
  const extra = {
    description: spec.answer ?? '',
    ...(more.headers ? { headers: more.headers } : {}),
  };
  if (isType(answer)) {
    const type = more.list && !Array.isArray(answer) ? PageOf(answer) : answer;
    return [respond({ type, ...extra })];
  }
  return [ApiExtraModels(...(answer.models ?? [])), respond({ schema: answer.schema, ...extra })];
}

// Listed bottom-up, the order stacked decorators apply in, so problem de-duplication sees the same thing.
function operation(spec: OperationSpec, defaults: number[], ...rest: MethodDecorator[]) {
  return applyDecorators(
    ApiProblemResponses(...(spec.problems ?? defaults)),
    ...rest,
    ...(spec.body ? [ApiBody(spec.body)] : []),
    ApiOperation({
      ...(spec.operationId ? { operationId: spec.operationId } : {}),
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
    }),
  );
}

/** GET of a collection: a page of `type` (or, for a schema, what the schema says); NDJSON too if it streams. */
export function ListOperation(answer: Answer, spec: OperationSpec) {
  const ok = spec.stream ? streamed(answer, spec) : success(ApiOkResponse, answer, spec, { list: true });
  return applyDecorators(operation(spec, [404], ...ok), Authenticated('read'));
}

/**
 * The one declaration of a streamed list (README "Big tables"): the JSON page, or with `Accept:
 * application/x-ndjson` one row per line, the count in `X-Total-Count`, and a failure after the first
 * row as a last line `{"error": <problem>}`.
 */
function streamed(answer: Answer, spec: OperationSpec): MethodDecorator[] {
  const page = typeof answer === 'function' ? PageOf(answer) : undefined;
  const models = page ? [page] : ((answer as { models?: Type[] }).models ?? []);
  return [
    ApiExtraModels(...models),
    ApiHeader({
      name: 'Accept',
      required: false,
      description:
        '`application/x-ndjson`: every row (or the `offset`/`limit` window), one JSON object per line.',
    }),
    ApiOkResponse({
      description: spec.answer ?? '',
      headers: {
        [TOTAL_COUNT_HEADER]: {
          description: 'NDJSON only: matches after the filter when the stream opened.',
          schema: { type: 'integer' },
        },
      },
      content: {
        'application/json': {
          schema: page ? { $ref: getSchemaPath(page) } : (answer as { schema: SchemaObject }).schema,
        },
        [NDJSON]: {
          schema: {
            type: 'string',
            description:
              'One object per line, each as in `items` of the JSON page; a failure after the first line ends ' +
              'the stream with a line `{"error": <problem+json>}`.',
          },
        },
      },
    }),
  ];
}

/** GET of one member. */
export function ReadOperation(answer: Answer, spec: OperationSpec) {
  return applyDecorators(
    operation(spec, [404], ...success(ApiOkResponse, answer, spec)),
    Authenticated('read'),
  );
}

/**
 * POST that creates a member: 201 with it (Nest's default for POST) and `Location` = the collection +
 * the member's key (`key`, default `name`; `collection` when the POST is not on the collection itself).
 */
export function CreateOperation(
  answer: Answer,
  spec: OperationSpec & {
    key?: (body: Record<string | symbol, unknown>) => unknown;
    collection?: (path: string) => string;
  },
) {
  return applyDecorators(
    operation(
      spec,
      [404, 409, 422],
      ...success(ApiCreatedResponse, answer, spec, { headers: LOCATION_HEADER }),
    ),
    LocatedCreate(spec.key, spec.collection),
    Authenticated('write'),
  );
}

/** PATCH/PUT (or an action answering the member): 200 with it. */
export function UpdateOperation(answer: Answer, spec: OperationSpec) {
  return applyDecorators(
    operation(spec, [404, 422], ...success(ApiOkResponse, answer, spec)),
    Authenticated('write'),
  );
}

/**
 * A batch (several items, or one call fanned out to several devices): 207 with one outcome per item.
 * The handler carries `@HttpCode(successStatus('batch'))` itself, as for NoContentOperation.
 */
export function BatchOperation(
  answer: Type,
  spec: OperationSpec & { answer: string },
  scope: 'read' | 'write',
) {
  return applyDecorators(
    operation(spec, [], ApiResponse({ status: 207, type: answer, description: spec.answer })),
    Authenticated(scope),
  );
}

/**
 * DELETE, or an action with nothing to answer: 204 (`answer` describes it, default "Deleted."). The
 * handler still carries `@HttpCode(…)` itself: the Swagger CLI plugin reads it from the source to
 * pick the success status, and would otherwise document a default 200 as well.
 */
export function NoContentOperation(spec: OperationSpec) {
  return applyDecorators(
    operation(spec, [404, 409], ApiNoContentResponse({ description: spec.answer ?? 'Deleted.' })),
    Authenticated('write'),
  );
}
