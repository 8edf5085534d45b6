/**
 * `exec sys/proxy/json`: FortiManager forwarding a FortiOS REST call to managed FortiGates
 * (docs/upstream-api.md §8.10). Each target answers `{target, status, response}`; `response` is the
 * FortiOS REST body. Devices with `conn_status` 2 are offline; devices put on the timeout list
 * (control API) answer as if FortiOS never replied within `timeout`.
 */
import type { Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { E, fail } from '../core/status';
import type { DeviceConfig, Store } from '../core/store';
import { isObj, str } from '../core/util';
import { deviceScope } from './devicedb';
import { MONITOR_BODIES } from './fortios-monitor';

/** FortiOS build of every emulated FortiGate ([U] one firmware for all; FMG's dvmdb says 7.0 MR4 patch 7). */
const FOS_VERSION = 'v7.0.7';
const FOS_BUILD = 157;
/** Upper bound of `timeout` (HOWTO 016: default 60 s, at most 28800 s). */
const MAX_TIMEOUT = 28800;

/** Per emulator store: devices that time out, and each device's running configuration. */
interface ProxyState {
  timeouts: Set<string>;
  running: Map<string, DeviceConfig>;
}
const states = new WeakMap<Store, ProxyState>();

function state(store: Store): ProxyState {
  let s = states.get(store);
  if (!s) {
    s = { timeouts: new Set(), running: new Map() };
    states.set(store, s);
  }
  return s;
}

/** Control API: make `device` time out on every proxied call (until the emulator is reset). */
export function setProxyTimeout(store: Store, device: string): { device: string } {
  state(store).timeouts.add(device);
  return { device };
}

interface Target {
  adom?: string;
  device: Row;
}

export function proxyHandler(ctx: Ctx): unknown {
  const d = isObj(ctx.p.data) ? ctx.p.data : fail(E.INVALID_PARAM);
  const action = str(d.action).toLowerCase();
  if (!['get', 'post', 'put', 'delete'].includes(action)) fail(E.INVALID_PARAM, 'Invalid action');
  const resource = typeof d.resource === 'string' ? d.resource : fail(E.INVALID_PARAM, 'Invalid resource');
  if (d.timeout !== undefined) {
    const t = d.timeout;
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > MAX_TIMEOUT) fail(E.INVALID_DATA);
  }
  const targets = Array.isArray(d.target) ? d.target : [d.target];
  if (targets.length === 0 || targets.some((t) => typeof t !== 'string')) fail(E.INVALID_PARAM);
  const seen = new Set<string>();
  const out: Row[] = [];
  for (const t of targets as string[]) {
    for (const target of resolve(ctx.store, t)) {
      const name = str(target.device.name);
      // FMG sends one request per device even when targets overlap (HOWTO 016).
      if (seen.has(name)) continue;
      seen.add(name);
      out.push(answer(ctx.store, target.device, action, resource, d.payload));
    }
  }
  return out;
}

/** `adom/{adom}/device/{dev}`, `adom/{adom}/group/{group}` (All_FortiGate too), `device/{dev}`. */
function resolve(store: Store, target: string): Target[] {
  const segs = target.replace(/^\/+/, '').split('/');
  if (segs.length === 2 && segs[0] === 'device') {
    for (const adom of store.adoms.values()) {
      const dev = adom.devices.find((x) => x.name === segs[1]);
      if (dev) return [{ device: dev }];
    }
    fail(E.INVALID_PARAM, `Invalid target: ${target}`);
  }
  if (segs.length !== 4 || segs[0] !== 'adom') fail(E.INVALID_PARAM, `Invalid target: ${target}`);
  const adom = store.adoms.get(segs[1]) ?? fail(E.INVALID_PARAM, `Invalid target: ${target}`);
  if (segs[2] === 'device') {
    const dev = adom.devices.find((x) => x.name === segs[3]);
    // [U] An unknown device fails the whole call with -8, like any other invalid parameter.
    return [{ adom: segs[1], device: dev ?? fail(E.INVALID_PARAM, `Invalid target: ${target}`) }];
  }
  if (segs[2] === 'group') {
    if (segs[3] === 'All_FortiGate') return adom.devices.map((device) => ({ adom: segs[1], device }));
    const group =
      adom.groups.find((g) => g.name === segs[3]) ?? fail(E.INVALID_PARAM, `Invalid target: ${target}`);
    const members = Array.isArray(group['object member']) ? (group['object member'] as Row[]) : [];
    return members.flatMap((m) => {
      const dev = adom.devices.find((x) => x.name === m.name);
      return dev ? [{ adom: segs[1], device: dev }] : [];
    });
  }
  return fail(E.INVALID_PARAM, `Invalid target: ${target}`);
}

/** One device's entry of the answer. */
function answer(store: Store, dev: Row, action: string, resource: string, payload: unknown): Row {
  const name = str(dev.name);
  // [U] The wording and codes FMG uses for an offline or silent device are not documented; a
  // non-zero per-target status without `response` is what the field reports describe.
  if (Number(dev.conn_status) !== 1) {
    return {
      target: name,
      status: { code: -1, message: 'Failed to connect to the device: device is offline' },
    };
  }
  if (state(store).timeouts.has(name)) {
    return { target: name, status: { code: -1, message: 'Request to the device timed out' } };
  }
  return {
    target: name,
    status: { code: 0, message: 'OK' },
    response: fortios(store, dev, action, resource, payload),
  };
}

/** What FortiOS's REST API answers `action resource`. */
function fortios(store: Store, dev: Row, action: string, resource: string, payload: unknown): Row {
  const url = new URL(resource, 'https://fortigate.invalid');
  const m = /^\/api\/v2\/(monitor|cmdb)\/(.+)$/.exec(url.pathname);
  const vdom = url.searchParams.get('vdom') ?? 'root';
  const segs = m ? m[2].split('/').filter(Boolean).map(decodeURIComponent) : [];
  const base: Row = {
    http_method: action.toUpperCase(),
    vdom,
    path: segs[0] ?? '',
    name: segs[1] ?? '',
    serial: dev.sn,
    version: FOS_VERSION,
    build: FOS_BUILD,
  };
  const error = (httpStatus: number, code?: number): Row => ({
    ...base,
    status: 'error',
    http_status: httpStatus,
    ...(code !== undefined ? { error: code } : {}),
  });
  if (!m || segs.length < 2) return error(404);
  const vdoms = Array.isArray(dev.vdom) ? (dev.vdom as Row[]).map((v) => str(v.name)) : [];
  // [U] FortiOS answers an unknown vdom with 404 (seen as "vdom not found" in the GUI).
  if (!vdoms.includes(vdom)) return error(404);
  if (m[1] === 'monitor') {
    if (action !== 'get') return error(405);
    const make = MONITOR_BODIES[segs.join('/')];
    if (!make) return error(404);
    return { ...base, results: make(dev, vdom, url.searchParams), status: 'success', http_status: 200 };
  }
  return cmdb(store, dev, vdom, action, segs, payload, base, error);
}

/**
 * The device's running configuration: [U] it starts as a copy of its device DB (as right after an
 * install) and then only changes through the proxy, so FMG's device DB and the device can drift apart.
 */
function running(store: Store, dev: Row): DeviceConfig {
  const s = state(store);
  const name = str(dev.name);
  let cfg = s.running.get(name);
  if (!cfg) {
    cfg = structuredClone(deviceScope(store, dev).config);
    s.running.set(name, cfg);
  }
  return cfg;
}

const KEYS: Record<string, string> = { 'router/static': 'seq-num' };

function cmdb(
  store: Store,
  dev: Row,
  vdom: string,
  action: string,
  segs: string[],
  payload: unknown,
  base: Row,
  error: (httpStatus: number, code?: number) => Row,
): Row {
  const cfg = running(store, dev);
  // The longest known table path wins; what follows it is the key (mkey).
  let path = '';
  let rows: Row[] | undefined;
  for (let n = Math.min(segs.length, 3); n >= 2 && rows === undefined; n--) {
    path = segs.slice(0, n).join('/');
    rows = cfg.vdoms[vdom]?.[path] ?? cfg.global[path];
    if (rows === undefined && cfg.singles[path] && n === segs.length) {
      if (action === 'get') {
        return { ...base, results: cfg.singles[path], status: 'success', http_status: 200 };
      }
      if (action !== 'put' || !isObj(payload)) return error(405);
      cfg.singles[path] = { ...cfg.singles[path], ...payload };
      return { ...base, status: 'success', http_status: 200, revision_changed: true };
    }
  }
  if (rows === undefined) return error(404);
  const key = KEYS[path] ?? 'name';
  const mkey = segs.slice(path.split('/').length).join('/');
  const idx = mkey ? rows.findIndex((r) => str(r[key]) === mkey) : -1;
  const strip = (r: Row): Row => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'oid'));
  switch (action) {
    case 'get':
      if (!mkey) return { ...base, results: rows.map(strip), status: 'success', http_status: 200 };
      if (idx < 0) return error(404, -3);
      return { ...base, results: [strip(rows[idx])], mkey, status: 'success', http_status: 200 };
    case 'post': {
      if (mkey || !isObj(payload) || typeof payload[key] !== 'string') return error(400, -651);
      // FortiOS refuses a duplicate key with 500 and error -5 (the field reports show the code).
      if (rows.some((r) => str(r[key]) === payload[key])) return error(500, -5);
      rows.push({ ...payload });
      return { ...base, mkey: payload[key], status: 'success', http_status: 200, revision_changed: true };
    }
    case 'put':
      if (idx < 0) return error(404, -3);
      if (!isObj(payload)) return error(400, -651);
      rows[idx] = { ...rows[idx], ...payload, [key]: rows[idx][key] };
      return { ...base, mkey, status: 'success', http_status: 200, revision_changed: true };
    case 'delete':
      if (idx < 0) return error(404, -3);
      rows.splice(idx, 1);
      return { ...base, mkey, status: 'success', http_status: 200, revision_changed: true };
    default:
      return error(405);
  }
}
