/**
 * Device DB (docs/upstream-api.md §8.5): `pm/config/device/{device}/global/<cli path>` and
 * `pm/config/device/{device}/vdom/{vdom}/<cli path>`, for the devices in dvmdb.
 */
import { guardedWrite, type Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { viewObject } from '../core/query';
import {
  DEVICE_GLOBAL_SINGLES,
  DEVICE_GLOBAL_TABLES,
  DEVICE_VDOM_TABLES,
  type SingleDef,
  type TableDef,
} from '../core/schema';
import { E, fail } from '../core/status';
import { emptyDeviceConfig, emptyVdomTables, type DeviceConfig, type Store } from '../core/store';
import { tableOp, type Target } from '../core/table';
import { isObj, str } from '../core/util';

type Holder = { config: DeviceConfig };

/** Longest cli path first, so a longer table path wins over a shorter prefix. */
const byLength = (paths: string[]) =>
  paths.map((p) => ({ path: p, segs: p.split('/') })).sort((a, b) => b.segs.length - a.segs.length);

const GLOBAL_PATHS = byLength(Object.keys(DEVICE_GLOBAL_TABLES));
const VDOM_PATHS = byLength(Object.keys(DEVICE_VDOM_TABLES));

export function findDevice(store: Store, name: string): Row | undefined {
  for (const adom of store.adoms.values()) {
    const dev = adom.devices.find((d) => d.name === name);
    if (dev) return dev;
  }
  return undefined;
}

const vdomNames = (dev: Row): string[] =>
  Array.isArray(dev.vdom) ? (dev.vdom as Row[]).map((v) => str(v.name)) : [];

/**
 * The DB of a device, created with factory-like defaults on first use. [U] A device added through
 * dvmdb gets the same generic defaults as the seeded ones (FMG would retrieve its config).
 */
export function deviceScope(store: Store, dev: Row): Holder {
  const oid = Number(dev.oid);
  let holder = store.deviceDbs.get(oid);
  if (!holder) {
    holder = { config: emptyDeviceConfig() };
    store.deviceDbs.set(oid, holder);
    seedDeviceConfig(store, holder, dev);
  }
  // VDOMs can appear through a dvmdb `set` of the device; give them empty tables.
  for (const v of vdomNames(dev)) holder.config.vdoms[v] ??= emptyVdomTables();
  return holder;
}

export function deviceDbHandler(ctx: Ctx): unknown {
  const [, , , devName, scopeKind, ...rest] = ctx.segs;
  const dev = devName === undefined ? undefined : findDevice(ctx.store, devName);
  if (!dev) return fail(E.INVALID_URL);
  const holder = deviceScope(ctx.store, dev);
  if (scopeKind === 'global') {
    const single = Object.keys(DEVICE_GLOBAL_SINGLES).find((p) => rest.join('/') === p);
    if (single) return singleOp(ctx, holder, single, DEVICE_GLOBAL_SINGLES[single]);
    const hit = match(GLOBAL_PATHS, rest);
    return tableAt(ctx, holder, undefined, hit.path, DEVICE_GLOBAL_TABLES[hit.path], hit.tail);
  }
  if (scopeKind === 'vdom') {
    const [vdom, ...cli] = rest;
    if (vdom === undefined || !vdomNames(dev).includes(vdom)) return fail(E.INVALID_URL);
    const hit = match(VDOM_PATHS, cli);
    return tableAt(ctx, holder, vdom, hit.path, DEVICE_VDOM_TABLES[hit.path], hit.tail);
  }
  return fail(E.INVALID_URL);
}

function match(paths: { path: string; segs: string[] }[], cli: string[]): { path: string; tail: string[] } {
  const hit = paths.find((t) => t.segs.every((s, i) => cli[i] === s)) ?? fail(E.INVALID_URL);
  const tail = cli.slice(hit.segs.length);
  // {key} and {key}/{member attr} are the only deeper urls.
  if (tail.length > 2) fail(E.INVALID_URL);
  return { path: hit.path, tail };
}

function tableAt(
  ctx: Ctx,
  holder: Holder,
  vdom: string | undefined,
  path: string,
  def: TableDef,
  tail: string[],
): unknown {
  const env = ctx.store.deviceEnv(() => holder.config, vdom);
  // [U] Device DB writes need no ADOM workspace lock (per-device locks are not modelled).
  return guardedWrite(ctx, holder, () => {
    const cfg = holder.config;
    const rows = vdom === undefined ? cfg.global[path] : cfg.vdoms[vdom][path];
    const target: Target = { rows, def, path, key: tail[0], attr: tail[1] };
    return tableOp(ctx.method, target, ctx.p, env);
  });
}

/** A single object such as `system/dns`: get, set (omitted attributes reset) and update (merge). */
function singleOp(ctx: Ctx, holder: Holder, path: string, def: SingleDef): unknown {
  if (ctx.method === 'get') return viewObject(holder.config.singles[path], ctx.p);
  if (ctx.method !== 'set' && ctx.method !== 'update') fail(E.INVALID_CMD);
  return guardedWrite(ctx, holder, () => {
    const data = isObj(ctx.p.data) ? structuredClone(ctx.p.data) : fail(E.INVALID_DATA);
    const base = ctx.method === 'set' ? def.defaults : holder.config.singles[path];
    const row: Row = { ...structuredClone(base), ...data };
    delete row.oid;
    def.validate?.(row);
    holder.config.singles[path] = row;
    // [U] FMG's reply to a write on a single object is not in the reference; echo nothing.
    return undefined;
  });
}

/** Deterministic generic device config: four ports, a default route and `all` in every vdom. */
function seedDeviceConfig(store: Store, holder: Holder, dev: Row): void {
  const add = (rows: Row[], def: TableDef, path: string, vdom: string | undefined, data: Row) =>
    tableOp(
      'add',
      { rows, def, path },
      { data },
      store.deviceEnv(() => holder.config, vdom),
    );
  const cfg = holder.config;
  const ip = typeof dev.ip === 'string' && /^\d+\.\d+\.\d+\.\d+$/.test(dev.ip) ? dev.ip : '';
  const ifDef = DEVICE_GLOBAL_TABLES['system/interface'];
  const ports: Row[] = [
    // port1 faces the FortiManager, so it carries the device's management address.
    {
      name: 'port1',
      ip: [ip || '0.0.0.0', ip ? '255.255.255.0' : '0.0.0.0'],
      allowaccess: 'ping https ssh fgfm',
    },
    // 192.168.1.99/24 is the FortiGate factory address of its internal port.
    { name: 'port2', ip: ['192.168.1.99', '255.255.255.0'], allowaccess: 'ping https ssh http' },
    { name: 'port3', status: 'down' },
    { name: 'port4', status: 'down' },
  ];
  for (const p of ports) add(cfg.global['system/interface'], ifDef, 'system/interface', undefined, p);
  for (const v of vdomNames(dev)) {
    cfg.vdoms[v] = emptyVdomTables();
    const addrDef = DEVICE_VDOM_TABLES['firewall/address'];
    add(cfg.vdoms[v]['firewall/address'], addrDef, 'firewall/address', v, {
      name: 'all',
      subnet: ['0.0.0.0', '0.0.0.0'],
    });
  }
  if (ip && cfg.vdoms.root) {
    // Default route via the .1 of port1's /24.
    const gw = `${ip.split('.').slice(0, 3).join('.')}.1`;
    add(cfg.vdoms.root['router/static'], DEVICE_VDOM_TABLES['router/static'], 'router/static', 'root', {
      dst: '0.0.0.0 0.0.0.0',
      gateway: gw,
      device: 'port1',
      comment: 'default route',
    });
  }
}
