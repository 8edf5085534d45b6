import type { Ctx } from './context';
import type { Row } from './filter';
import { queryTable, viewObject } from './query';
import { E, fail } from './status';
import { isObj } from './util';

/** What a list of named rows does on its own: create a row, and apply an update's fields to one. */
export interface NamedRows {
  add(data: unknown): unknown;
  update(row: Row, data: Row): void;
  /** An `add` on a member url creates that member (the name comes from the url). */
  addAtMember?: boolean;
}

/**
 * A dvmdb-style list of rows keyed by `name` (device groups, firmware templates): `get` and `add` on
 * the list; `get`, `update` and `delete` on a member (`name`), -3 for one that is not there.
 */
export function namedRowsOp(ctx: Ctx, rows: Row[], name: string | undefined, ops: NamedRows): unknown {
  if (name === undefined) {
    if (ctx.method === 'get') return queryTable(rows, ctx.p, false);
    if (ctx.method === 'add') return ops.add(ctx.p.data);
    return fail(E.INVALID_CMD);
  }
  const idx = rows.findIndex((r) => r.name === name);
  switch (ctx.method) {
    case 'get':
      return viewObject(rows[idx] ?? fail(E.NOT_FOUND), ctx.p);
    case 'add':
      if (!ops.addAtMember) return fail(E.INVALID_CMD);
      return ops.add({ ...(isObj(ctx.p.data) ? ctx.p.data : {}), name });
    case 'update': {
      const row = rows[idx] ?? fail(E.NOT_FOUND);
      ops.update(row, isObj(ctx.p.data) ? ctx.p.data : fail(E.INVALID_DATA));
      return { name: row.name };
    }
    case 'delete':
      if (idx < 0) fail(E.NOT_FOUND);
      rows.splice(idx, 1);
      return undefined;
    default:
      return fail(E.INVALID_CMD);
  }
}
