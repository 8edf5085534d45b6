/**
 * Firmware templates (FMG 7.2+; docs/upstream-api.md §8.9): `pm/fwmprof/adom/{adom}[/{name}]` and the
 * assignment list `.../{name}/scope member` (add/delete `{name, vdom}` devices, `{name}` device groups).
 */
import type { Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { namedRowsOp } from '../core/named-rows';
import { E, fail } from '../core/status';
import type { AdomState } from '../core/store';
import { isObj, str } from '../core/util';
import { parseRelease } from './firmware';
import { changeMembers, toMembers } from './groups';

const MEMBERS = 'scope member';
/** [U] The per-platform target versions; FMG's attribute name for them is not in our sources. */
const VERSIONS = 'enforced version';

/** Templates per ADOM (an ADOM deleted or a store reset drops them). */
const templates = new WeakMap<AdomState, Row[]>();

function rowsOf(adom: AdomState): Row[] {
  let rows = templates.get(adom);
  if (!rows) templates.set(adom, (rows = []));
  return rows;
}

export function fwmprofHandler(ctx: Ctx): unknown {
  const [, , kind, adomName, name, sub, ...more] = ctx.segs;
  if (kind !== 'adom' || more.length > 0) return fail(E.INVALID_URL);
  const adom = ctx.store.adoms.get(adomName) ?? fail(E.INVALID_URL);
  const rows = rowsOf(adom);
  if (name !== undefined && sub === MEMBERS) {
    return memberOp(ctx, adom, rows.find((r) => r.name === name) ?? fail(E.NOT_FOUND));
  }
  if (sub !== undefined) return fail(E.INVALID_URL);
  return namedRowsOp(ctx, rows, name, {
    add: (data) => add(ctx, rows, data),
    update: (row, d) => {
      if (d.description !== undefined) row.description = str(d.description);
      if (d[VERSIONS] !== undefined) row[VERSIONS] = versions(d[VERSIONS]);
    },
  });
}

/** `[{platform, version}]`, each version one the platform's catalogue offers. */
function versions(v: unknown): Row[] {
  if (!Array.isArray(v)) return fail(E.INVALID_DATA);
  return v.map((e) => {
    if (!isObj(e) || !parseRelease(str(e.platform), e.version)) {
      return fail(
        E.INVALID_DATA,
        `no image ${str(isObj(e) ? e.version : e)} for ${str(isObj(e) ? e.platform : '')}`,
      );
    }
    return { platform: str(e.platform), version: str(e.version) };
  });
}

function add(ctx: Ctx, rows: Row[], data: unknown): unknown {
  const d = isObj(data) ? data : fail(E.INVALID_DATA);
  if (typeof d.name !== 'string' || d.name === '' || d.name.length > 64) return fail(E.INVALID_DATA);
  if (rows.some((r) => r.name === d.name)) fail(E.EXISTS);
  rows.push({
    name: d.name,
    description: d.description === undefined ? '' : str(d.description),
    [VERSIONS]: d[VERSIONS] === undefined ? [] : versions(d[VERSIONS]),
    [MEMBERS]: [],
    oid: ctx.store.newOid(),
  });
  return { name: d.name };
}

/** A bare name that is a device group of the ADOM is assigned as the group; anything else as a device. */
function members(adom: AdomState, data: unknown): Row[] {
  return (Array.isArray(data) ? data : [data]).flatMap((m) =>
    isObj(m) && m.vdom === undefined && adom.groups.some((g) => g.name === m.name)
      ? [{ name: str(m.name) }]
      : toMembers(adom, m),
  );
}

function memberOp(ctx: Ctx, adom: AdomState, row: Row): unknown {
  const current = (row[MEMBERS] as Row[] | undefined) ?? [];
  if (ctx.method === 'get') return current;
  row[MEMBERS] = changeMembers(ctx.method, current, members(adom, ctx.p.data));
  return { name: row.name };
}
