import { applyDecorators, HttpCode, Type, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { LocationFromBody } from '../common/http/location.interceptor';
import { successStatus } from '../common/http/success-status';
import { TaskAcceptedDto } from './dto/task.dto';

/**
 * An operation that starts an FMG task: 202, the task in the body and in `Location`. `type` documents a
 * body that says more than the task (it extends TaskAcceptedDto).
 */
export function StartsTask(type: Type<TaskAcceptedDto> = TaskAcceptedDto) {
  return applyDecorators(
    HttpCode(successStatus('task')),
    UseInterceptors(LocationFromBody),
    ApiAcceptedResponse({
      type,
      description: 'Started; follow the task at `href` (also the Location header).',
      headers: { Location: { description: '/tasks/{id}', schema: { type: 'string' } } },
    }),
  );
}

/**
 * A write that starts a task, declared in one line like the resource operations (resources/operations.ts):
 * scope `write`, summary, the problem statuses, and StartsTask's 202 (`answer`: a richer body type).
 */
export function TaskOperation(spec: {
  summary: string;
  description: string;
  problems: number[];
  answer?: Type<TaskAcceptedDto>;
}) {
  // Listed bottom-up, the order the same decorators stacked on a handler apply in.
  return applyDecorators(
    ApiProblemResponses(...spec.problems),
    ApiOperation({ summary: spec.summary, description: spec.description }),
    Authenticated('write'),
    StartsTask(spec.answer),
  );
}
