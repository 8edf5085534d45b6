/**
 * The success statuses, in one place: the REST operation a handler performs decides its status when
 * the upstream answers code 0. Handlers pass it to @HttpCode; the bulk policy answer uses it per item.
 */
export type RestOperation =
  'read' | 'create' | 'replace' | 'update' | 'delete' | 'action' | 'done' | 'task' | 'batch';

const SUCCESS_STATUS: Record<RestOperation, number> = {
  read: 200,
  create: 201,
  replace: 200,
  update: 200,
  delete: 204,
  action: 200,
  // An action with nothing to answer (a cancel, a purge).
  done: 204,
  task: 202,
  // One answer for several writes, each with its own status.
  batch: 207,
};

export function successStatus(operation: RestOperation): number {
  return SUCCESS_STATUS[operation];
}
