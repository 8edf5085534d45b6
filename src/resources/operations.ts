import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  type ApiBodyOptions,
  type SchemaObject,
} from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { LocatedCreate, LOCATION_HEADER } from '../common/http/created-location';
import { PageOf } from '../common/http/page.dto';

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

/** GET of a collection: a page of `type` (or, for a schema, what the schema says). */
export function ListOperation(answer: Answer, spec: OperationSpec) {
  return applyDecorators(
    operation(spec, [404], ...success(ApiOkResponse, answer, spec, { list: true })),
    Authenticated('read'),
  );
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
