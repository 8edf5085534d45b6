import { Controller, Get, HttpCode, MessageEvent, Param, Post, Query, Sse } from '@nestjs/common';
import { successStatus } from '../common/http/success-status';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { Page } from '../common/http/page.dto';
import { ListQueryDto } from '../translator/list-query.dto';
import { TaskDto, TaskParamsDto, TaskWaitQueryDto } from './dto/task.dto';
import { parseWait, TasksService } from './tasks.service';
import { ListOperation, ReadOperation } from '../resources/operations';

@ApiTags('Tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly service: TasksService) {}

  @Get()
  @ListOperation(TaskDto, {
    summary: 'List recent tasks',
    description: 'FMG: `get /task/task`.',
    problems: [],
  })
  listTasks(@Query() query: ListQueryDto): Promise<Page<TaskDto>> {
    return this.service.listTasks(query);
  }

  @Get(':id')
  @ReadOperation(TaskDto, {
    summary: 'Get a task (optionally wait for it)',
    description:
      'FMG: `get /task/task/{id}`. With `?wait=30s` the answer comes when the task ends or at the deadline.',
  })
  getTask(@Param() { id }: TaskParamsDto, @Query() { wait }: TaskWaitQueryDto): Promise<TaskDto> {
    return this.service.getTask(id, parseWait(wait));
  }

  @Post(':id/cancel')
  @HttpCode(successStatus('action'))
  @Authenticated('write')
  @ApiOperation({
    summary: 'Cancel a running install task',
    description:
      'FMG: `exec /securityconsole/abort {adom}` for install tasks (it stops the ADOM’s unfinished installs). ' +
      '409 `TASK_NOT_CANCELLABLE` for kinds FMG cannot stop, 409 `TASK_FINISHED` when it already ended.',
  })
  @ApiOkResponse({
    type: TaskDto,
    description: 'The task after the abort (it shows `cancelled` once FMG stopped it).',
  })
  @ApiProblemResponses(404, 409)
  cancelTask(@Param() { id }: TaskParamsDto, @CurrentPrincipal() principal: Principal): Promise<TaskDto> {
    return this.service.cancelTask(id, principal);
  }

  @Sse(':id/events')
  @Authenticated('read')
  @ApiOperation({
    summary: 'Stream task progress (Server-Sent Events)',
    description: 'Events `progress` on each change and a final `done` event; the stream then ends.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream of TaskDto objects.' })
  @ApiProblemResponses(404)
  streamTask(@Param() { id }: TaskParamsDto): Observable<MessageEvent> {
    return this.service.streamTask(id);
  }
}
