/** Generic table engine shared by objects, policies and devices (docs/upstream-api.md §2 method semantics). */
import { compileFilter, FilterError, type Row } from './filter';
import { parseOptions, queryTable, viewObject, type GetParams } from './query';
import type { TableDef } from './schema';
import { E, datasrcError, fail } from './status';
import { isObj, str } from './util';

export interface Params extends GetParams {
  url?: unknown;
  data?: unknown;
  target?: unknown;
  confirm?: unknown;
  [k: string]: unknown;
}

/** What the engine needs from the surrounding ADOM (references, ids). */
export interface TableEnv {
  refExists(tables: string[], name: string): boolean;
  /** Describes the first object referencing `name` in table `path`, if any. */
  usedBy(path: string, name: string): string | undefined;
  renameRefs(path: string, from: string, to: string): void;
  newOid(): number;
  newUuid(seed: string): string;
}

export interface Target {
  rows: Row[];
  def: TableDef;
  /** Table path for reference bookkeeping, e.g. "firewall/address". */
  path: string;
  key?: string;
  /** Member sub-url, e.g. `.../addrgrp/G/member`. */
  attr?: string;
}

const keyOf = (def: TableDef, row: Row) => str(row[def.key]);

export function tableOp(method: string, t: Target, p: Params, env: TableEnv): unknown {
  const idx = t.key === undefined ? -1 : t.rows.findIndex((r) => keyOf(t.def, r) === t.key);
  if (t.attr !== undefined) return memberOp(method, t, idx, p, env);
  if (t.key === undefined) return tableLevel(method, t, p, env);
  const ret = (row: Row) => ({ [t.def.key]: row[t.def.key] });
  switch (method) {
    case 'get':
      if (idx < 0) fail(E.NOT_FOUND);
      return viewObject(t.rows[idx], p, t.def.ordered ? idx + 1 : undefined);
    case 'add':
      if (idx >= 0) fail(E.EXISTS);
      return ret(upsert(t, withKey(t, p.data), env, 'create'));
    case 'set':
      return ret(upsert(t, withKey(t, p.data), env, 'set'));
    case 'update':
    case 'replace':
      if (idx < 0) fail(E.NOT_FOUND);
      return ret(modify(t, idx, asObj(p.data), env, method));
    case 'delete':
      if (idx < 0) fail(E.NOT_FOUND);
      removeRows(t, [idx], env);
      return undefined;
    case 'clone':
      if (idx < 0) fail(E.NOT_FOUND);
      return ret(cloneRow(t, idx, asObj(p.data), env));
    case 'move':
      return moveRow(t, idx, p);
    default:
      return fail(E.INVALID_CMD);
  }
}

function tableLevel(method: string, t: Target, p: Params, env: TableEnv): unknown {
  const many = (fn: (d: Row) => Row) => {
    const items = Array.isArray(p.data) ? p.data : [p.data];
    const out = items.map((d) => fn(asObj(d))).map((row) => ({ [t.def.key]: row[t.def.key] }));
    // [U] A list payload echoes a list of keys; a single object echoes one key.
    return Array.isArray(p.data) ? out : out[0];
  };
  switch (method) {
    case 'get':
      return queryTable(t.rows, p, !!t.def.ordered);
    case 'add':
      return many((d) => {
        if (d[t.def.key] !== undefined && find(t, str(d[t.def.key])) >= 0) fail(E.EXISTS);
        return upsert(t, d, env, 'create');
      });
    case 'set':
      return many((d) => upsert(t, d, env, 'set'));
    case 'update':
    case 'replace':
      return many((d) => {
        if (d[t.def.key] === undefined) fail(E.INVALID_DATA);
        const i = find(t, str(d[t.def.key]));
        if (i < 0) fail(E.NOT_FOUND);
        return modify(t, i, d, env, method);
      });
    case 'delete': {
      // Mass delete needs `confirm: 1` (docs/upstream-api.md §2); an optional filter narrows it.
      if (p.confirm !== 1 && p.confirm !== '1') fail(E.INVALID_CMD);
      let pred: (r: Row) => boolean = () => true;
      try {
        if (p.filter !== undefined) pred = compileFilter(p.filter);
      } catch (e) {
        if (e instanceof FilterError) fail(E.INVALID_PARAM);
        throw e;
      }
      const idxs = t.rows.flatMap((r, i) => (pred(r) ? [i] : []));
      removeRows(t, idxs, env, parseOptions(p.option).has('force'));
      return undefined;
    }
    default:
      return fail(E.INVALID_CMD);
  }
}

function memberOp(method: string, t: Target, idx: number, p: Params, env: TableEnv): unknown {
  if (!t.def.listAttrs?.includes(t.attr!)) fail(E.INVALID_URL);
  if (idx < 0) fail(E.NOT_FOUND);
  const row = t.rows[idx];
  const attr = t.attr!;
  const current = toList(row[attr]);
  if (method === 'get') return current;
  const names = toList(p.data);
  if (!Array.isArray(p.data) && typeof p.data !== 'string') fail(E.INVALID_DATA);
  let next: string[];
  if (method === 'add') next = [...current, ...names.filter((n) => !current.includes(n))];
  else if (method === 'set') next = names;
  else if (method === 'delete') next = current.filter((n) => !names.includes(n));
  else return fail(E.INVALID_CMD);
  modify(t, idx, { [attr]: next }, env, 'update');
  return { [t.def.key]: row[t.def.key] };
}

function find(t: Target, key: string): number {
  return t.rows.findIndex((r) => keyOf(t.def, r) === key);
}

function asObj(d: unknown): Row {
  return isObj(d) ? d : fail(E.INVALID_DATA);
}

function toList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map(str);
}

/** A url naming the object wins over any key in the body. */
function withKey(t: Target, data: unknown): Row {
  const d = data === undefined ? {} : asObj(data);
  return { ...d, [t.def.key]: t.def.intKey ? Number(t.key) : t.key };
}

/** Normalizes, validates and reference-checks a candidate row; throws on failure. */
function finish(t: Target, row: Row, env: TableEnv): Row {
  const { def } = t;
  delete row.oid;
  delete row['obj seq'];
  if (Array.isArray(row['unset attrs'])) for (const a of row['unset attrs']) delete row[str(a)];
  delete row['unset attrs'];
  for (const a of def.listAttrs ?? []) if (row[a] !== undefined) row[a] = toList(row[a]);
  const key = row[def.key];
  if (def.intKey) {
    if (!Number.isInteger(Number(key)) || Number(key) <= 0) fail(E.INVALID_DATA);
    row[def.key] = Number(key);
  } else if (typeof key !== 'string' || key === '' || key.length > 79) {
    // FortiOS names are at most 79 characters.
    fail(E.INVALID_DATA);
  }
  def.validate?.(row);
  for (const [attr, spec] of Object.entries(def.refs ?? {})) {
    const names = toList(row[attr]);
    // A group may not contain itself.
    if (attr === 'member' && names.includes(str(row[def.key]))) fail(E.INVALID_DATA);
    for (const name of names) {
      if (spec.builtin?.includes(name) || env.refExists(spec.tables, name)) continue;
      // FMG attaches the key of the object being written to a -10131 entry (docs/upstream-api.md §1.3).
      datasrcError(`${def.label} ${attr}`, name, { [def.key]: row[def.key] });
    }
  }
  return row;
}

function upsert(t: Target, data: Row, env: TableEnv, mode: 'create' | 'set'): Row {
  const d = structuredClone(data);
  const k = t.def.key;
  if (t.def.autoKey && (d[k] === undefined || d[k] === 0 || d[k] === '0')) {
    d[k] = t.rows.reduce((m, r) => Math.max(m, Number(r[k])), 0) + 1;
  }
  if (d[k] === undefined) fail(E.INVALID_DATA);
  const idx = find(t, str(d[k]));
  if (idx >= 0) {
    if (mode === 'create') fail(E.EXISTS);
    // `set` overwrites: omitted attributes fall back to defaults (docs/upstream-api.md §2).
    const row = finish(t, { ...structuredClone(t.def.defaults ?? {}), ...d }, env);
    row.oid = t.rows[idx].oid;
    if (t.rows[idx].uuid !== undefined && row.uuid === undefined) row.uuid = t.rows[idx].uuid;
    t.rows[idx] = row;
    return row;
  }
  const row = finish(t, { [k]: d[k], ...structuredClone(t.def.defaults ?? {}), ...d }, env);
  row.oid = env.newOid();
  if (t.def.uuid && row.uuid === undefined) {
    row.uuid = env.newUuid(`${t.path}/${str(row[k])}/${str(row.oid)}`);
  }
  t.rows.push(row);
  return row;
}

function modify(t: Target, idx: number, data: Row, env: TableEnv, mode: string): Row {
  const old = t.rows[idx];
  const merged = structuredClone(old);
  for (const [k, v] of Object.entries(structuredClone(data))) {
    merged[k] = mode === 'update' ? mergeSub(merged[k], v) : v;
  }
  const row = finish(t, merged, env);
  row.oid = old.oid;
  const from = keyOf(t.def, old);
  const to = keyOf(t.def, row);
  if (from !== to) {
    // Rename (Ansible renames through `update` with the new mkey in data).
    if (find(t, to) >= 0) fail(E.EXISTS);
    env.renameRefs(t.path, from, to);
  }
  t.rows[idx] = row;
  return row;
}

/** `update` keeps child-table entries not mentioned; entries with the same name are merged. */
function mergeSub(cur: unknown, next: unknown): unknown {
  const objs = (v: unknown): v is Row[] => Array.isArray(v) && v.length > 0 && v.every(isObj);
  if (!objs(cur) || !objs(next) || !next.every((e) => 'name' in e)) return next;
  const out = [...cur];
  for (const e of next) {
    const i = out.findIndex((o) => o.name === e.name);
    if (i >= 0) out[i] = { ...out[i], ...e };
    else out.push(e);
  }
  return out;
}

function removeRows(t: Target, idxs: number[], env: TableEnv, force = false): void {
  if (!force) {
    for (const i of idxs) {
      const user = env.usedBy(t.path, keyOf(t.def, t.rows[i]));
      if (user) fail(E.IN_USE);
    }
  }
  for (const i of [...idxs].sort((a, b) => b - a)) t.rows.splice(i, 1);
}

function cloneRow(t: Target, idx: number, data: Row, env: TableEnv): Row {
  const src = structuredClone(t.rows[idx]);
  delete src.uuid;
  if (t.def.autoKey) delete src[t.def.key];
  // Without a new name the clone collides with its source and gets -2.
  const d = { ...src, ...structuredClone(data) };
  // [U] The clone is appended at the end of an ordered table.
  return upsert(t, d, env, 'create');
}

function moveRow(t: Target, idx: number, p: Params): unknown {
  if (!t.def.ordered) fail(E.INVALID_CMD);
  if (p.option !== 'before' && p.option !== 'after') fail(E.INVALID_PARAM);
  if (p.target === undefined || p.target === null || isObj(p.target)) fail(E.INVALID_PARAM);
  if (idx < 0) fail(E.NOT_FOUND);
  if (find(t, str(p.target)) < 0) fail(E.NOT_FOUND);
  // [U] Moving an entry next to itself changes nothing and is accepted.
  if (str(p.target) === t.key) return { [t.def.key]: t.rows[idx][t.def.key] };
  const [row] = t.rows.splice(idx, 1);
  const tIdx = find(t, str(p.target));
  t.rows.splice(p.option === 'before' ? tIdx : tIdx + 1, 0, row);
  return { [t.def.key]: row[t.def.key] };
}
