/** Policy package tree: pm/pkg/adom/{adom}[/{folder}...][/{pkg}[/scope member]] (docs/upstream-api.md §8.2). */
import { guardedWrite, type Ctx } from '../core/context';
import { changeMembers } from './groups';
import type { Row } from '../core/filter';
import { queryTable, viewObject } from '../core/query';
import { E, fail } from '../core/status';
import type { AdomConfig, Store } from '../core/store';
import { isObj, str } from '../core/util';

const SETTINGS_DEFAULTS = {
  'central-nat': 'disable',
  'ngfw-mode': 'profile-based',
  'consolidated-firewall-mode': 'disable',
};

const asObj = (d: unknown): Row => (isObj(d) ? d : fail(E.INVALID_DATA));

export function newPackage(store: Store, name: string, d: Row): Row {
  return {
    name,
    type: 'pkg',
    oid: store.newOid(),
    'obj ver': 1,
    'package settings': {
      ...SETTINGS_DEFAULTS,
      ...(isObj(d['package settings']) ? d['package settings'] : {}),
    },
    'scope member': scopeList(d['scope member'] ?? []),
  };
}

function newFolder(store: Store, name: string): Row {
  return { name, type: 'folder', oid: store.newOid(), subobj: [] };
}

function scopeList(v: unknown): Row[] {
  const list = Array.isArray(v) ? v : [v];
  // `{name}` without `vdom` means a device group (docs/upstream-api.md §3.3); both shapes are stored as given.
  if (!list.every((m) => isObj(m) && typeof m.name === 'string')) fail(E.INVALID_DATA);
  return structuredClone(list as Row[]);
}

/** Every package node of an ADOM, depth first. */
export function allPackages(nodes: Row[]): Row[] {
  return nodes.flatMap((n) => (n.type === 'folder' ? allPackages((n.subobj as Row[]) ?? []) : [n]));
}

export function findPackage(cfg: AdomConfig, name: string): Row | undefined {
  return allPackages(cfg.pkgs).find((n) => n.name === name);
}

interface Resolved {
  /** Sibling list the last segment lives in (undefined if an intermediate folder is missing). */
  parent?: Row[];
  node?: Row;
}

function resolve(cfg: AdomConfig, path: string[]): Resolved {
  let list = cfg.pkgs;
  for (let i = 0; i < path.length; i++) {
    const node = list.find((n) => n.name === path[i]);
    if (i === path.length - 1) return { parent: list, node };
    if (!node || node.type !== 'folder') return {};
    list = node.subobj as Row[];
  }
  return { parent: list };
}

export function pkgHandler(ctx: Ctx): unknown {
  // [U] The Global ADOM's packages (pm/pkg/global) are not emulated.
  if (ctx.segs[2] !== 'adom' || ctx.segs.length < 4) fail(E.INVALID_URL);
  const adom = ctx.store.adoms.get(ctx.segs[3]) ?? fail(E.INVALID_URL);
  let path = ctx.segs.slice(4);
  const scope = path[path.length - 1] === 'scope member';
  if (scope) path = path.slice(0, -1);
  return guardedWrite(ctx, adom, () => {
    const cfg = adom.config;
    if (scope) return scopeOp(ctx, resolve(cfg, path).node);
    if (path.length === 0) return containerOp(ctx, cfg, cfg.pkgs);
    const { parent, node } = resolve(cfg, path);
    if (!parent) fail(E.NOT_FOUND);
    const name = path[path.length - 1];
    switch (ctx.method) {
      case 'get':
        return viewObject(node ?? fail(E.NOT_FOUND), ctx.p);
      case 'add':
        // add on a folder creates inside it; add on a free name creates that name.
        if (node?.type === 'folder') return containerOp(ctx, cfg, node.subobj as Row[]);
        if (node) fail(E.EXISTS);
        return create(ctx.store, cfg, parent, { ...asObj(ctx.p.data ?? {}), name });
      case 'set':
        if (!node) return create(ctx.store, cfg, parent, { ...asObj(ctx.p.data ?? {}), name });
        return modify(cfg, parent, node, asObj(ctx.p.data ?? {}));
      case 'update':
      case 'replace':
        return modify(cfg, parent, node ?? fail(E.NOT_FOUND), asObj(ctx.p.data));
      case 'delete':
        return remove(cfg, parent, node ?? fail(E.NOT_FOUND));
      default:
        return fail(E.INVALID_CMD);
    }
  });
}

function containerOp(ctx: Ctx, cfg: AdomConfig, list: Row[]): unknown {
  if (ctx.method === 'get') return queryTable(list, ctx.p, false);
  if (ctx.method !== 'add' && ctx.method !== 'set') fail(E.INVALID_CMD);
  const items = Array.isArray(ctx.p.data) ? ctx.p.data : [ctx.p.data];
  const out = items.map((d) => {
    const data = asObj(d);
    const existing = list.find((n) => n.name === data.name);
    if (existing && ctx.method === 'set') return modify(cfg, list, existing, data);
    return create(ctx.store, cfg, list, data);
  });
  return Array.isArray(ctx.p.data) ? out : out[0];
}

function create(store: Store, cfg: AdomConfig, parent: Row[], d: Row): Row {
  const name = d.name;
  const type = d.type ?? 'pkg';
  if (typeof name !== 'string' || name === '' || (type !== 'pkg' && type !== 'folder')) fail(E.INVALID_DATA);
  if (parent.some((n) => n.name === name)) fail(E.EXISTS);
  // Package names are unique across the whole ADOM: pm/config urls address packages by name.
  if (type === 'pkg' && findPackage(cfg, name)) fail(E.EXISTS);
  const node = type === 'pkg' ? newPackage(store, name, d) : newFolder(store, name);
  parent.push(node);
  if (type === 'pkg') cfg.policies[name] = [];
  // [U] FMG 7.0.1+ also returns the new package's oid; the exact shape is not documented.
  return { name, oid: node.oid };
}

function modify(cfg: AdomConfig, parent: Row[], node: Row, d: Row): Row {
  if (d.type !== undefined && d.type !== node.type) fail(E.INVALID_DATA);
  const from = str(node.name);
  if (d.name !== undefined && d.name !== from) {
    if (typeof d.name !== 'string' || d.name === '') fail(E.INVALID_DATA);
    if (parent.some((n) => n.name === d.name)) fail(E.EXISTS);
    if (node.type === 'pkg' && findPackage(cfg, d.name)) fail(E.EXISTS);
    node.name = d.name;
    if (node.type === 'pkg') {
      cfg.policies[d.name] = cfg.policies[from] ?? [];
      delete cfg.policies[from];
    }
  }
  if (node.type === 'pkg') {
    if (d['package settings'] !== undefined) {
      node['package settings'] = { ...(node['package settings'] as Row), ...asObj(d['package settings']) };
    }
    if (d['scope member'] !== undefined) node['scope member'] = scopeList(d['scope member']);
    bumpVersion(node);
  }
  return { name: node.name };
}

function remove(cfg: AdomConfig, parent: Row[], node: Row): undefined {
  // [U] A folder must be emptied first; FMG's exact behaviour is not in the reference.
  if (node.type === 'folder' && (node.subobj as Row[]).length > 0) fail(E.IN_USE);
  parent.splice(parent.indexOf(node), 1);
  if (node.type === 'pkg') delete cfg.policies[str(node.name)];
  return undefined;
}

function scopeOp(ctx: Ctx, node: Row | undefined): unknown {
  if (!node || node.type !== 'pkg') return fail(E.NOT_FOUND);
  if (ctx.method === 'get') return queryTable(node['scope member'] as Row[], ctx.p, false);
  changeScope(ctx.method, node, scopeList(ctx.p.data));
  bumpVersion(node);
  return { name: node.name };
}

/** add / set / delete of `{name, vdom}` members on a node's `scope member` (packages, templates). */
export function changeScope(method: string, node: Row, items: Row[]): void {
  const current = node['scope member'] as Row[];
  node['scope member'] = method === 'set' ? items : changeMembers(method, current, items);
}

/** `obj ver` counts changes to a package and its policies. */
export function bumpVersion(node: Row | undefined): void {
  if (node) node['obj ver'] = Number(node['obj ver'] ?? 0) + 1;
}
