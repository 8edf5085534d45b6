/**
 * Policy hit counts (`exec sys/hitcount` → task, then `exec sys/task/result`) and the FortiManager's
 * own HA status (`get sys/ha/status`), docs/upstream-api.md §8.10.
 */
import { startAdomTask, type Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { viewObject } from '../core/query';
import { E, fail } from '../core/status';
import type { Store } from '../core/store';
import { isObj, str } from '../core/util';
import { findPackage } from './pkg';

/** Finished hit-count tasks' results, per emulator store (a reset forgets them). */
const results = new WeakMap<Store, Map<number, Row>>();

function resultsOf(store: Store): Map<number, Row> {
  let m = results.get(store);
  if (!m) {
    m = new Map();
    results.set(store, m);
  }
  return m;
}

/** Monday 2026-11-30 00:00 UTC: the counters' reference time, so answers stay the same across runs. */
const EPOCH = 1_764_460_800;

export function hitcountHandler(ctx: Ctx): unknown {
  if (ctx.method !== 'exec') fail(E.INVALID_CMD);
  const d = isObj(ctx.p.data) ? ctx.p.data : fail(E.INVALID_PARAM);
  const adom = ctx.store.adoms.get(str(d.adom)) ?? fail(E.INVALID_DATA, 'Invalid adom');
  // [U] A package in a folder may be named by its path; names are unique in an ADOM, so the last part counts.
  const pkgName = str(d.pkg).split('/').pop() ?? '';
  const pkg = findPackage(adom.config, pkgName) ?? fail(E.INVALID_DATA, 'Invalid package');
  const rows = adom.config.policies[pkgName] ?? [];
  const scope = Array.isArray(pkg['scope member']) ? (pkg['scope member'] as Row[]) : [];
  const devices = scope.flatMap((m) => adom.devices.filter((x) => x.name === m.name));
  const online = devices.filter((x) => Number(x.conn_status) === 1);
  const id = startAdomTask(ctx, adom, {
    title: 'Policy hitcount',
    src: 'hitcount',
    // [U] One line per installation target; FMG's actual task lines are not documented.
    lines: devices.map((x) => ({
      name: str(x.name),
      vdom: 'root',
      ip: str(x.ip),
      ...(Number(x.conn_status) === 1 ? {} : { fail: 'Device is offline' }),
    })),
  });
  resultsOf(ctx.store).set(id, {
    'firewall policy': rows.map((p) => counters(p, online.length)),
    'firewall policy6': [],
    'firewall proxy-policy': [],
    'firewall security-policy': [],
    'global footer policy': [],
    'global header policy': [],
  });
  // The field report (FortiManager MCP) finds the id in `data.task`; HOWTO shows `taskid` beside
  // `status`. The emulator answers the former, the gateway reads both.
  return { task: id };
}

/** Counters of one policy, summed over the package's online devices ([U] values are made up). */
function counters(p: Row, devices: number): Row {
  const id = Number(p.policyid);
  // Every third policy has never been hit: it shows what "unused" looks like.
  const hits = id % 3 === 0 ? 0 : devices * id * 137;
  return {
    policyid: id,
    name: p.name ?? '',
    uuid: p.uuid ?? '',
    srcintf: Array.isArray(p.srcintf) ? p.srcintf.join(' ') : str(p.srcintf),
    dstintf: Array.isArray(p.dstintf) ? p.dstintf.join(' ') : str(p.dstintf),
    hitcount: hits,
    pkts: hits * 9,
    byte: hits * 9 * 612,
    sesscount: Math.floor(hits / 4),
    first_hit: hits ? EPOCH - 86_400 * id : 0,
    last_hit: hits ? EPOCH + 3_600 * id : 0,
    first_session: hits ? EPOCH - 86_400 * id : 0,
    last_session: hits ? EPOCH + 3_600 * id : 0,
  };
}

export function taskResultHandler(ctx: Ctx): unknown {
  if (ctx.segs.join('/') !== 'sys/task/result') fail(E.INVALID_URL);
  if (ctx.method !== 'exec') fail(E.INVALID_CMD);
  const d = isObj(ctx.p.data) ? ctx.p.data : fail(E.INVALID_PARAM);
  const id = Number(d.taskid);
  const task = ctx.tasks.get(id);
  // [U] A task that is unknown, still running or not a hit-count task has no result: -3.
  if (!task || !['done', 'error'].includes(str(task.state))) fail(E.NOT_FOUND);
  return resultsOf(ctx.store).get(id) ?? fail(E.NOT_FOUND);
}

/** A standalone FortiManager's HA status ([U] the fields of a non-HA unit; HOWTO 017 shows a cluster). */
export function haStatusHandler(ctx: Ctx): unknown {
  if (ctx.segs.join('/') !== 'sys/ha/status') fail(E.INVALID_URL);
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  const body: Row = {
    'Cluster-ID': 0,
    'FMG-HA Status': 'Standalone',
    'HA Health Status': 'OK',
    'HA Role': 'Standalone',
    'HB-Interval': 10,
    'HB-Lost-Threshold': 30,
    Model: ctx.product.platform,
    Primary: `${ctx.product.hostname}, ${ctx.product.serial}`,
    members: [],
  };
  return viewObject(body, ctx.p);
}
