import { applyDecorators, Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated } from '../../auth/auth.decorators';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { PageOf } from './page.dto';
import { LocatedCreate, LOCATION_HEADER } from './created-location';

/**
 * The house decorator stacks for the usual REST operations: scope, summary, success response and
 * problem statuses in one line, so every controller documents them the same way. The route decorator
 * (`@Get(':name')` …) stays on the handler, where a reader looks for the path.
 */
export interface OperationSpec {
  summary: string;
  description?: string;
  /** Problem statuses besides the upstream ones every operation has. */
  problems?: number[];
}

// Listed bottom-up, the order stacked decorators apply in, so problem de-duplication sees the same thing.
function operation(spec: OperationSpec, defaults: number[], ...rest: MethodDecorator[]) {
  return applyDecorators(
    ApiProblemResponses(...(spec.problems ?? defaults)),
    ...rest,
    ApiOperation({ summary: spec.summary, ...(spec.description ? { description: spec.description } : {}) }),
  );
}

/** GET of a collection: a page of `type`. */
export function ListOperation(type: Type, spec: OperationSpec) {
  return applyDecorators(
    operation(spec, [404], ApiOkResponse({ type: PageOf(type) })),
    Authenticated('read'),
  );
}

/** GET of one member. */
export function ReadOperation(type: Type, spec: OperationSpec) {
  return applyDecorators(operation(spec, [404], ApiOkResponse({ type })), Authenticated('read'));
}

/**
 * POST that creates a member: 201 with it (Nest's default for POST) and `Location` = the collection +
 * the member's key (`key`, default `name`; `collection` when the POST is not on the collection itself).
 */
export function CreateOperation(
  type: Type,
  spec: OperationSpec & {
    key?: (body: Record<string | symbol, unknown>) => unknown;
    collection?: (path: string) => string;
  },
) {
  return applyDecorators(
    operation(spec, [404, 409, 422], ApiCreatedResponse({ type, headers: LOCATION_HEADER })),
    LocatedCreate(spec.key, spec.collection),
    Authenticated('write'),
  );
}

/** PATCH/PUT (or an action answering the member): 200 with it. */
export function UpdateOperation(type: Type, spec: OperationSpec) {
  return applyDecorators(operation(spec, [404, 422], ApiOkResponse({ type })), Authenticated('write'));
}

/**
 * DELETE, or an action with nothing to answer: 204 (`done` describes it, default "Deleted."). The
 * handler still carries `@HttpCode(204)` itself: the Swagger CLI plugin reads it from the source to
 * pick the success status, and would otherwise document a default 200 as well.
 */
export function NoContentOperation(spec: OperationSpec & { done?: string }) {
  return applyDecorators(
    operation(spec, [404, 409], ApiNoContentResponse({ description: spec.done ?? 'Deleted.' })),
    Authenticated('write'),
  );
}
