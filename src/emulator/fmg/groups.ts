/**
 * Device groups (docs/upstream-api.md §8.1): `dvmdb/adom/{adom}/group[/{grp}]` and the member sub-table
 * `.../group/{grp}/object member` (add/delete `{name, vdom}`).
 */
import type { Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { namedRowsOp } from '../core/named-rows';
import { E, fail } from '../core/status';
import type { AdomState } from '../core/store';
import { isObj, str } from '../core/util';

const MEMBERS = 'object member';

/** A group's members as `{name, vdom}`; [U] FMG's own shape when read back is not in the reference. */
export function toMembers(adom: AdomState, data: unknown): Row[] {
  const list = Array.isArray(data) ? data : [data];
  return list.map((m) => {
    if (!isObj(m) || typeof m.name !== 'string' || m.name === '') return fail(E.INVALID_DATA);
    const dev =
      adom.devices.find((d) => d.name === m.name) ?? fail(E.NOT_FOUND, `device ${m.name} not found`);
    const vdom = m.vdom === undefined ? 'root' : str(m.vdom);
    const vdoms = ((dev.vdom as Row[] | undefined) ?? []).map((v) => str(v.name));
    if (vdom !== 'global' && vdoms.length > 0 && !vdoms.includes(vdom)) {
      fail(E.NOT_FOUND, `vdom ${vdom} not found on ${m.name}`);
    }
    return { name: m.name, vdom };
  });
}

const sameMember = (a: Row, b: Row) => a.name === b.name && a.vdom === b.vdom;

export function groupOp(ctx: Ctx, adom: AdomState, rest: string[]): unknown {
  const rows = adom.groups;
  if (rest.length === 2 && rest[1] === MEMBERS) {
    return memberOp(
      ctx,
      adom,
      rows,
      rows.findIndex((g) => g.name === rest[0]),
    );
  }
  if (rest.length > 1) return fail(E.INVALID_URL);
  return namedRowsOp(ctx, rows, rest[0], {
    add: (data) => addGroup(ctx, adom, rows, data),
    update: (row, d) => {
      if (d.desc !== undefined) row.desc = str(d.desc);
      if (d[MEMBERS] !== undefined) row[MEMBERS] = toMembers(adom, d[MEMBERS]);
    },
    addAtMember: true,
  });
}

function addGroup(ctx: Ctx, adom: AdomState, rows: Row[], data: unknown): unknown {
  const d = isObj(data) ? data : fail(E.INVALID_DATA);
  const name = d.name;
  if (typeof name !== 'string' || name === '' || name.length > 64) return fail(E.INVALID_DATA);
  if (rows.some((g) => g.name === name)) fail(E.EXISTS);
  const row: Row = {
    name,
    desc: d.desc === undefined ? '' : str(d.desc),
    os_type: 'fos',
    type: 'normal',
    oid: ctx.store.newOid(),
    [MEMBERS]: d[MEMBERS] === undefined ? [] : toMembers(adom, d[MEMBERS]),
  };
  rows.push(row);
  return { name };
}

function memberOp(ctx: Ctx, adom: AdomState, rows: Row[], idx: number): unknown {
  const row = rows[idx] ?? fail(E.NOT_FOUND);
  const current = (row[MEMBERS] as Row[] | undefined) ?? [];
  if (ctx.method === 'get') return current;
  row[MEMBERS] = changeMembers(ctx.method, current, toMembers(adom, ctx.p.data));
  return { name: row.name };
}

/** A member list after `add` (members already in it are kept once) or `delete` of `given`. */
export function changeMembers(method: string, current: Row[], given: Row[]): Row[] {
  if (method === 'add') return [...current, ...given.filter((m) => !current.some((c) => sameMember(c, m)))];
  if (method === 'delete') return current.filter((c) => !given.some((m) => sameMember(c, m)));
  return fail(E.INVALID_CMD);
}

/** The devices of a group, for task scopes (install, scripts); unknown group → undefined. */
export function groupMembers(adom: AdomState, group: string): Row[] | undefined {
  const g = adom.groups.find((x) => x.name === group);
  return g ? ((g[MEMBERS] as Row[] | undefined) ?? []) : undefined;
}
