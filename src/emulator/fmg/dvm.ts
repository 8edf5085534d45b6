/**
 * Device manager commands (docs/upstream-api.md §8.1): `exec dvm/cmd/add/device` and `exec dvm/cmd/del/device`,
 * run as tasks (`{taskid: N}`). The device appears (or goes) when the task has finished.
 */
import { execRoute, startAdomTask, type Ctx } from '../core/context';
import { deviceScope, findDevice } from './devicedb';
import { reloadDevices } from './firmware';
import type { Row } from '../core/filter';
import { adomOf, execData } from './securityconsole';
import { addDevList } from './provisioning';
import { E, fail } from '../core/status';
import type { AdomState, Store } from '../core/store';
import { isObj, str } from '../core/util';

export function dvmHandler(ctx: Ctx): unknown {
  return execRoute(ctx, {
    'cmd/add/device': addDevice,
    'cmd/del/device': delDevice,
    'cmd/add/dev-list': (c) => {
      const d = execData(c);
      const id = addDevList(c, d, adomOf(c, d.adom), (dev, model) => newDevice(c.store, dev, model));
      return answer(c, id, flagList(d.flags), () => undefined);
    },
    'cmd/reload/dev-list': reloadDevices,
  });
}

const flagList = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : v === undefined ? [] : [str(v)]);

/**
 * Without `nonblocking` the call blocks until the task has ended (docs/upstream-api.md §10.10): here the task
 * runs to its end at once. `{taskid}` is answered with `create_task`; [U] a blocking call also
 * answers the device (`{device: {name, oid}}`), and -1 with the line detail if it failed.
 */
function answer(ctx: Ctx, id: number, flags: string[], done: (task: Row) => Row | undefined): unknown {
  const out: Row = {};
  if (flags.includes('create_task')) out.taskid = id;
  if (!flags.includes('nonblocking')) {
    const task = ctx.tasks.finishNow(id)!;
    if (task.state === 'error') fail(-1, str((task.line as Row[])[0]?.detail), out);
    const extra = done(task);
    if (extra) Object.assign(out, extra);
  }
  return Object.keys(out).length ? out : undefined;
}

function addDevice(ctx: Ctx): unknown {
  const d = execData(ctx);
  const adom = adomOf(ctx, d.adom);
  const dev = isObj(d.device) ? d.device : fail(E.INVALID_DATA);
  const flags = flagList(d.flags);
  const name = dev.name;
  if (typeof name !== 'string' || name === '' || name.includes('/')) fail(E.INVALID_DATA);
  const model = dev['device action'] === 'add_model';
  // [U] A real device needs its address and admin credentials; a model device needs neither.
  if (!model && (typeof dev.ip !== 'string' || typeof dev.adm_usr !== 'string')) fail(E.INVALID_DATA);
  if (findDevice(ctx.store, name)) fail(E.EXISTS);
  const store = ctx.store;
  const id = startAdomTask(ctx, adom, {
    title: `Add device ${name}`,
    src: 'device manager',
    lines: [{ name, vdom: 'root', ip: str(dev.ip ?? '') }],
    onEnd: (task) => {
      const line = (task.line as Row[])[0];
      if (line.state !== 'done') return;
      const current = store.adoms.get(str(adom.meta.name));
      // The ADOM may be gone, or another request took the name meanwhile: the line is failed then.
      if (!current || findDevice(store, name)) {
        Object.assign(line, { state: 'error', err: 1, detail: 'device already exists or ADOM is gone' });
        Object.assign(task, { state: 'error', num_err: Number(task.num_err) + 1 });
        return;
      }
      const row = newDevice(store, dev, model);
      current.devices.push(row);
      deviceScope(store, row);
      line.oid = row.oid;
    },
  });
  return answer(ctx, id, flags, () => {
    const row = findDevice(store, name);
    return row ? { device: { name: row.name, oid: row.oid } } : undefined;
  });
}

function newDevice(store: Store, d: Row, model: boolean): Row {
  const osVer = typeof d.os_ver === 'number' ? d.os_ver.toFixed(1) : str(d.os_ver ?? '7.0');
  const name = str(d.name);
  return {
    name,
    hostname: name,
    // [U] A device without serial number gets a made-up VM one.
    sn: str(d.sn ?? `FGVM00UNLICENSED${String(store.newOid()).padStart(4, '0')}`),
    ip: str(d.ip ?? ''),
    platform_str: str(d.platform_str ?? 'FortiGate-VM64'),
    os_type: str(d.os_type ?? 'fos'),
    os_ver: osVer,
    mr: Number(d.mr ?? 4),
    patch: Number(d.patch ?? 0),
    // [U] A model device has never connected (0); a real one is up (1) after a successful add.
    conn_status: model ? 0 : 1,
    // [U] Before its first install a device's config and database status are unknown / unmodified.
    conf_status: 'unknown',
    db_status: 'nomod',
    dev_status: 'none',
    ha_mode: 'standalone',
    mgmt_mode: str(d.mgmt_mode ?? 'fmg'),
    desc: str(d.desc ?? ''),
    oid: store.newOid(),
    vdom: [{ name: 'root', opmode: 'nat', status: 'enable', oid: store.newOid() }],
  };
}

function delDevice(ctx: Ctx): unknown {
  const d = execData(ctx);
  const adom = adomOf(ctx, d.adom);
  const name = isObj(d.device) ? d.device.name : d.device;
  if (typeof name !== 'string' || name === '') fail(E.INVALID_DATA);
  const dev = adom.devices.find((x) => x.name === name) ?? fail(E.NOT_FOUND);
  const store = ctx.store;
  const id = startAdomTask(ctx, adom, {
    title: `Delete device ${name}`,
    src: 'device manager',
    // Deleting needs no connection to the device.
    lines: [{ name, vdom: 'root', ip: str(dev.ip ?? ''), oid: Number(dev.oid) }],
    onEnd: (task) => {
      if ((task.line as Row[])[0].state === 'done') removeDevice(store, adom, Number(dev.oid));
    },
  });
  return answer(ctx, id, flagList(d.flags), () => undefined);
}

/** Removes the device (by oid), its device DB and [U] its package scope memberships. */
function removeDevice(store: Store, adom: AdomState, oid: number): void {
  const i = adom.devices.findIndex((x) => Number(x.oid) === oid);
  if (i < 0) return;
  const [dev] = adom.devices.splice(i, 1);
  store.deviceDbs.delete(oid);
  const prune = (nodes: Row[]) => {
    for (const n of nodes) {
      if (n.type === 'folder') prune((n.subobj as Row[]) ?? []);
      else if (Array.isArray(n['scope member'])) {
        n['scope member'] = (n['scope member'] as Row[]).filter((m) => m.name !== dev.name);
      }
    }
  };
  prune(adom.config.pkgs);
  for (const key of [...store.previews.keys()]) {
    if (key === `${str(adom.meta.name)}/${str(dev.name)}`) store.previews.delete(key);
  }
}
