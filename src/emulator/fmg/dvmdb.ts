/** dvmdb: ADOMs, devices (per ADOM and global view) and the ADOM workspace urls. */
import type { Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { groupOp } from './groups';
import { newPackage } from './pkg';
import { revisionOp } from './revisions';
import { queryTable, viewObject } from '../core/query';
import { scriptOp } from './scripts';
import { DEVICE_TABLE } from '../core/schema';
import { E, fail } from '../core/status';
import { emptyConfig, type AdomState, type Store } from '../core/store';
import { tableOp } from '../core/table';
import { workspaceOp } from '../core/workspace';
import { str } from '../core/util';

export function dvmdbHandler(ctx: Ctx): unknown {
  const [, kind, ...rest] = ctx.segs;
  if (kind === 'device') return globalDevices(ctx, rest);
  if (kind !== 'adom') return fail(E.INVALID_URL);
  if (rest.length === 0) return adomTable(ctx);
  const adom = ctx.store.adoms.get(rest[0]);
  if (rest.length === 1) return adomObject(ctx, rest[0], adom);
  // Sub-urls of an unknown ADOM do not exist at all.
  if (!adom) return fail(E.INVALID_URL);
  if (rest[1] === 'device') return deviceOp(ctx, adom, rest.slice(2));
  if (rest[1] === 'group') return groupOp(ctx, adom, rest.slice(2));
  // [U] Revisions are a FortiManager feature.
  if (rest[1] === 'revision' && ctx.product.product === 'fortimanager') {
    return revisionOp(ctx, adom, rest.slice(2));
  }
  // [U] Scripts are a FortiManager feature; a FortiAnalyzer has none.
  if (rest[1] === 'script' && ctx.product.product === 'fortimanager') {
    return scriptOp(ctx, adom, rest.slice(2));
  }
  if (rest[1] === 'workspace' && rest.length === 3) {
    return workspaceOp(adom, rest[2], ctx.method, ctx.session);
  }
  return fail(E.INVALID_URL);
}

function adomTable(ctx: Ctx): unknown {
  const metas = [...ctx.store.adoms.values()].map((a) => a.meta);
  const data = ctx.p.data;
  const each = (fn: (d: Row) => Row) => {
    const out = (Array.isArray(data) ? data : [data]).map((d) => ({ name: fn(asObj(d)).name }));
    return Array.isArray(data) ? out : out[0];
  };
  switch (ctx.method) {
    case 'get':
      return queryTable(metas, ctx.p, false);
    case 'add':
      return each((d) => createAdom(ctx.store, d));
    case 'set':
      return each((d) => upsertAdom(ctx.store, str(d.name), d));
    default:
      return fail(E.INVALID_CMD);
  }
}

function adomObject(ctx: Ctx, name: string, adom: AdomState | undefined): unknown {
  const { store, method } = ctx;
  switch (method) {
    case 'get':
      // [U] An unknown ADOM answers -3 here (the ADOM object) but -6 for its sub-urls.
      return viewObject(adom?.meta ?? fail(E.NOT_FOUND), ctx.p);
    case 'add':
      if (adom) fail(E.EXISTS);
      return { name: createAdom(store, { ...asObj(ctx.p.data ?? {}), name }).name };
    case 'set':
      return { name: upsertAdom(store, name, { ...asObj(ctx.p.data ?? {}), name }).name };
    case 'update':
      if (!adom) fail(E.NOT_FOUND);
      return { name: updateAdom(adom, asObj(ctx.p.data)).name };
    case 'delete':
      if (!adom) fail(E.NOT_FOUND);
      if (adom.devices.length > 0) fail(E.ADOM_HAS_DEVICES);
      store.adoms.delete(name);
      store.scripts.delete(name);
      return undefined;
    default:
      return fail(E.INVALID_CMD);
  }
}

const asObj = (d: unknown): Row =>
  typeof d === 'object' && d !== null && !Array.isArray(d) ? (d as Row) : fail(E.INVALID_DATA);

function normalizeMeta(meta: Row): Row {
  const ws = meta.workspace_mode;
  // Writes accept symbolic or numeric enums (docs/upstream-api.md §1.2 verbose).
  if (ws === 'enable' || ws === 'disable') meta.workspace_mode = ws === 'enable' ? 1 : 0;
  if (![0, 1, '0', '1'].includes(meta.workspace_mode as number)) fail(E.INVALID_DATA);
  meta.workspace_mode = Number(meta.workspace_mode);
  // Non-verbose clients send os_ver as the major number (7 → "7.0") and mr as a string.
  if (typeof meta.os_ver === 'number') meta.os_ver = meta.os_ver.toFixed(1);
  if (typeof meta.mr === 'string' && /^\d+$/.test(meta.mr)) meta.mr = Number(meta.mr);
  if (typeof meta.mr !== 'number' || typeof meta.os_ver !== 'string') fail(E.INVALID_DATA);
  return meta;
}

export function createAdom(store: Store, d: Row, createTime = Math.floor(Date.now() / 1000)): Row {
  const name = d.name;
  // ADOM names end up in urls; a "/" would make them unaddressable.
  if (typeof name !== 'string' || name === '' || name.length > 35 || name.includes('/')) fail(E.INVALID_DATA);
  if (store.adoms.has(name)) fail(E.EXISTS);
  const oid = store.newOid();
  const meta = normalizeMeta({
    name,
    desc: '',
    os_ver: '7.0',
    mr: 6,
    state: 1,
    restricted_prds: 'fos',
    workspace_mode: 0,
    ...d,
    oid,
    uuid: store.newUuid(`adom/${name}`),
    create_time: createTime,
  });
  // [U] A new ADOM starts with an empty "default" package, as on a fresh FMG.
  const config = emptyConfig();
  config.pkgs.push(newPackage(store, 'default', {}));
  config.policies.default = [];
  store.adoms.set(name, { meta, devices: [], config, groups: [], revisions: [] });
  return meta;
}

function upsertAdom(store: Store, name: string, d: Row): Row {
  const adom = store.adoms.get(name);
  return adom ? updateAdom(adom, d) : createAdom(store, { ...d, name });
}

function updateAdom(adom: AdomState, d: Row): Row {
  // [U] ADOM rename is not supported (FMG has no rename either as far as we know).
  if (d.name !== undefined && d.name !== adom.meta.name) fail(E.INVALID_DATA);
  const rest = { ...d };
  for (const k of ['oid', 'uuid', 'create_time']) delete rest[k];
  const meta = normalizeMeta({ ...adom.meta, ...rest });
  adom.meta = meta;
  // Leaving workspace mode keeps the current config; the lock has nothing left to guard.
  if (meta.workspace_mode === 0) adom.lock = undefined;
  return meta;
}

function deviceOp(ctx: Ctx, adom: AdomState, rest: string[]): unknown {
  const { store, method } = ctx;
  if (rest.length >= 2) return vdomOp(ctx, adom.devices, rest);
  if (method === 'add' || method === 'set') {
    // Device names are unique across ADOMs (a device lives in exactly one ADOM).
    const names = rest.length === 1 ? [rest[0]] : [ctx.p.data].flat().map((d) => asObj(d).name);
    for (const [n, other] of store.adoms) {
      if (n !== adom.meta.name && other.devices.some((dv) => names.includes(dv.name))) fail(E.EXISTS);
    }
  }
  // [U] Device-level workspace locks are not modelled, so device writes need no lock.
  const before = structuredClone(adom.devices);
  try {
    const target = { rows: adom.devices, def: DEVICE_TABLE, path: 'device', key: rest[0] };
    return tableOp(
      method,
      target,
      ctx.p,
      store.env(() => adom.config),
    );
  } catch (e) {
    adom.devices.splice(0, adom.devices.length, ...before);
    throw e;
  }
}

function vdomOp(ctx: Ctx, devices: Row[], rest: string[]): unknown {
  const dev = devices.find((d) => d.name === rest[0]) ?? fail(E.INVALID_URL);
  if (rest[1] !== 'vdom' || rest.length > 3) fail(E.INVALID_URL);
  // [U] VDOMs are read-only here; FMG manages them through device sync.
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  const vdoms = (dev.vdom as Row[] | undefined) ?? [];
  if (rest.length === 2) return queryTable(vdoms, ctx.p, false);
  return viewObject(vdoms.find((v) => v.name === rest[2]) ?? fail(E.NOT_FOUND), ctx.p);
}

function globalDevices(ctx: Ctx, rest: string[]): unknown {
  // Unregistered devices belong to no ADOM yet; the global view lists them (`mgmt_mode` "unreg").
  const all = [...[...ctx.store.adoms.values()].flatMap((a) => a.devices), ...ctx.store.unregistered];
  if (rest.length >= 2) return vdomOp(ctx, all, rest);
  // [U] The global device view is read-only; devices are managed per ADOM.
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  if (rest.length === 0) return queryTable(all, ctx.p, false);
  return viewObject(all.find((d) => d.name === rest[0]) ?? fail(E.NOT_FOUND), ctx.p);
}
