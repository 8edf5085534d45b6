import { upstreamProtocolError } from '../common/errors/gateway-error';
import { TaskAcceptedDto } from './dto/task.dto';

/** The 202 body for an upstream call that answered a task id. */
export function taskAccepted(
  task: unknown,
  operation: string,
  result?: (id: number) => string,
): TaskAcceptedDto {
  const id = Number(task);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw upstreamProtocolError('The upstream did not answer a task id.');
  }
  return { taskId: id, href: `/tasks/${id}`, operation, ...(result ? { result: result(id) } : {}) };
}
