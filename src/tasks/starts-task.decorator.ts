import { applyDecorators, HttpCode, Type, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse } from '@nestjs/swagger';
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
