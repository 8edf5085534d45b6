import { applyDecorators, HttpCode, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse } from '@nestjs/swagger';
import { LocationFromBody } from '../common/http/location.interceptor';
import { successStatus } from '../common/http/success-status';
import { TaskAcceptedDto } from './dto/task.dto';

/** An operation that starts an FMG task: 202, the task in the body and in `Location`. */
export function StartsTask() {
  return applyDecorators(
    HttpCode(successStatus('task')),
    UseInterceptors(LocationFromBody),
    ApiAcceptedResponse({
      type: TaskAcceptedDto,
      description: 'Started; follow the task at `href` (also the Location header).',
      headers: { Location: { description: '/tasks/{id}', schema: { type: 'string' } } },
    }),
  );
}
