/** The `task/task` url family, served by both products from the context's task engine. */
import type { Ctx } from './context';
import type { Row } from './util';
import { queryTable, viewObject } from './query';
import { E, fail } from './status';

/** `task/task`, `task/task/{id}`, `task/task/{id}/line[/{oid}[/history]]`, `task/task/{id}/history`. */
export function taskHandler(ctx: Ctx): unknown {
  const [, kind, id, sub, lineOid, lineSub, ...more] = ctx.segs;
  if (kind !== 'task' || more.length > 0) fail(E.INVALID_URL);
  const engine = ctx.tasks;
  if (id === undefined) {
    if (ctx.method !== 'get') fail(E.INVALID_CMD);
    return queryTable(engine.rows(), ctx.p, false);
  }
  const task = engine.get(Number(id));
  if (sub === undefined) {
    if (ctx.method === 'delete') {
      if (!engine.delete(Number(id))) fail(E.NOT_FOUND);
      return undefined;
    }
    if (ctx.method !== 'get') fail(E.INVALID_CMD);
    return viewObject(task ?? fail(E.NOT_FOUND), ctx.p);
  }
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  if (!task) return fail(E.NOT_FOUND);
  if (sub === 'history' && lineOid === undefined) return queryTable(task.history as Row[], ctx.p, false);
  if (sub !== 'line') return fail(E.INVALID_URL);
  const lines = task.line as Row[];
  if (lineOid === undefined) return queryTable(lines, ctx.p, false);
  const line = lines.find((l) => String(l.oid) === lineOid) ?? fail(E.NOT_FOUND);
  if (lineSub === undefined) return viewObject(line, ctx.p);
  if (lineSub !== 'history') return fail(E.INVALID_URL);
  return queryTable(line.history as Row[], ctx.p, false);
}
