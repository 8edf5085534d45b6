/**
 * Provisioning (docs/upstream-api.md §8.11): templates (`pm/devprof`, `pm/wanprof`, `pm/tmplgrp`) with their
 * `scope member`, package and device status after installs and edits, bulk add and authorize
 * (`dvm/cmd/add/dev-list`), and the two-step policy import (`securityconsole/import/dev/objs`).
 */
import { guardedWrite, startAdomTask, type Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { queryTable, viewObject } from '../core/query';
import { E, fail } from '../core/status';
import type { AdomState, Store } from '../core/store';
import { isObj, str } from '../core/util';
import { deviceScope, findDevice } from './devicedb';
import { allPackages, changeScope, findPackage } from './pkg';

export const TEMPLATE_KINDS = ['devprof', 'wanprof', 'tmplgrp'] as const;

const asObj = (d: unknown): Row => (isObj(d) ? d : fail(E.INVALID_DATA));
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function scopeMembers(v: unknown): Row[] {
  const list = asList(v);
  if (!list.every((m) => isObj(m) && typeof m.name === 'string' && m.name !== '')) fail(E.INVALID_DATA);
  return (list as Row[]).map((m) =>
    m.vdom === undefined ? { name: m.name } : { name: m.name, vdom: m.vdom },
  );
}

/** `pm/{devprof|wanprof|tmplgrp}/adom/{adom}[/{name}[/scope member]]`. */
export function templateHandler(ctx: Ctx): unknown {
  const kind = ctx.segs[1];
  if (ctx.segs[2] !== 'adom' || ctx.segs.length < 4 || ctx.segs.length > 6) fail(E.INVALID_URL);
  const adom = ctx.store.adoms.get(ctx.segs[3]) ?? fail(E.INVALID_URL);
  const key = `${kind}/${ctx.segs[3]}`;
  if (!ctx.store.templates.has(key)) ctx.store.templates.set(key, []);
  const rows = ctx.store.templates.get(key)!;
  const [name, sub] = ctx.segs.slice(4);
  if (sub !== undefined && sub !== 'scope member') fail(E.INVALID_URL);
  // [U] Templates take part in the ADOM workspace lock, but an unlock without commit does not roll them back.
  return guardedWrite(ctx, adom, () => {
    if (name === undefined) return templateTable(ctx, rows, kind);
    const row = rows.find((r) => r.name === name);
    if (sub) return templateScope(ctx, row ?? fail(E.NOT_FOUND));
    switch (ctx.method) {
      case 'get':
        return viewObject(row ?? fail(E.NOT_FOUND), ctx.p);
      case 'set':
      case 'update':
        if (!row) {
          return ctx.method === 'set'
            ? addTemplate(ctx.store, rows, kind, { ...asObj(ctx.p.data), name })
            : fail(E.NOT_FOUND);
        }
        return patchTemplate(row, asObj(ctx.p.data));
      case 'delete':
        rows.splice(rows.indexOf(row ?? fail(E.NOT_FOUND)), 1);
        return undefined;
      default:
        return fail(E.INVALID_CMD);
    }
  });
}

function templateTable(ctx: Ctx, rows: Row[], kind: string): unknown {
  if (ctx.method === 'get') return queryTable(rows, ctx.p, false);
  if (ctx.method !== 'add') fail(E.INVALID_CMD);
  const items = asList(ctx.p.data).map(asObj);
  const out = items.map((d) => addTemplate(ctx.store, rows, kind, d));
  return Array.isArray(ctx.p.data) ? out : out[0];
}

function addTemplate(store: Store, rows: Row[], kind: string, d: Row): Row {
  if (typeof d.name !== 'string' || d.name === '' || d.name.includes('/')) fail(E.INVALID_DATA);
  if (rows.some((r) => r.name === d.name)) fail(E.EXISTS);
  const row: Row = {
    name: d.name,
    type: kind,
    oid: store.newOid(),
    description: str(d.description ?? ''),
    'scope member': scopeMembers(d['scope member']),
  };
  // [U] A template group lists its member templates in `member`; FMG's attribute name is not confirmed.
  if (kind === 'tmplgrp') row.member = asList(d.member).map(str);
  rows.push(row);
  return { name: row.name, oid: row.oid };
}

function patchTemplate(row: Row, d: Row): Row {
  if (d.name !== undefined && d.name !== row.name) fail(E.INVALID_DATA);
  if (d.description !== undefined) row.description = str(d.description);
  if (d['scope member'] !== undefined) row['scope member'] = scopeMembers(d['scope member']);
  if (d.member !== undefined && row.type === 'tmplgrp') row.member = asList(d.member).map(str);
  return { name: row.name };
}

function templateScope(ctx: Ctx, row: Row): unknown {
  if (ctx.method === 'get') return queryTable(row['scope member'] as Row[], ctx.p, false);
  changeScope(ctx.method, row, scopeMembers(ctx.p.data));
  return { name: row.name };
}

// ---- package and device status --------------------------------------------------------------------

const installKey = (adom: string, dev: string, vdom: string) => `${adom}/${dev}/${vdom}`;

/** Records a finished install of `pkg` on a device/VDOM and marks the device in sync. */
export function recordInstall(
  store: Store,
  adom: AdomState,
  pkgName: string,
  dev: string,
  vdom?: string,
): void {
  const pkg = findPackage(adom.config, pkgName);
  if (!pkg) return;
  store.installs.set(installKey(str(adom.meta.name), dev, vdom ?? 'root'), {
    pkg: pkgName,
    ver: Number(pkg['obj ver']),
  });
  const row = adom.devices.find((d) => d.name === dev);
  // Field names and values as dvmdb reports them (docs/upstream-api.md §8.11).
  if (row) Object.assign(row, { conf_status: 'insync', db_status: 'nomod', dev_status: 'installed' });
}

/** A package edit after an install: the devices it was installed on now have a modified database. */
export function markPackageModified(store: Store, adom: AdomState, pkgName: string): void {
  const prefix = `${str(adom.meta.name)}/`;
  for (const [key, rec] of store.installs) {
    if (!key.startsWith(prefix) || rec.pkg !== pkgName) continue;
    const dev = adom.devices.find((d) => d.name === key.slice(prefix.length).split('/')[0]);
    // [U] FMG reports "mod" in db_status; conf_status keeps its last sync result until a retrieve.
    if (dev) dev.db_status = 'mod';
  }
}

/**
 * `pm/config/adom/{adom}/_package/status[/{dev}/{vdom}]`: one row per package scope member.
 * [U] Status values: "installed", "modified" (edited since its install), "never" (never installed),
 * "outofsync" (the device has another package installed since).
 */
export function packageStatus(ctx: Ctx, adom: AdomState, rest: string[]): unknown {
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  if (rest.length !== 0 && rest.length !== 2) fail(E.INVALID_URL);
  const adomName = str(adom.meta.name);
  const rows: Row[] = [];
  for (const pkg of allPackages(adom.config.pkgs)) {
    for (const m of (pkg['scope member'] as Row[] | undefined) ?? []) {
      const dev = adom.devices.find((d) => d.name === m.name);
      if (!dev) continue;
      const vdom = str(m.vdom ?? 'root');
      const rec = ctx.store.installs.get(installKey(adomName, str(m.name), vdom));
      let status = 'never';
      if (rec && rec.pkg !== pkg.name) status = 'outofsync';
      else if (rec) status = rec.ver === Number(pkg['obj ver']) ? 'installed' : 'modified';
      rows.push({ dev: m.name, vdom, pkg: pkg.name, status, oid: dev.oid, ...(rec ? { rev: rec.ver } : {}) });
    }
  }
  const picked = rest.length === 2 ? rows.filter((r) => r.dev === rest[0] && r.vdom === rest[1]) : rows;
  return queryTable(picked, ctx.p, false);
}

// ---- dvm/cmd/add/dev-list: bulk add and authorize ---------------------------------------------------

/**
 * `exec dvm/cmd/add/dev-list {adom, flags, add-dev-list: [...]}`: one task, one line per device. A device with
 * `device action: "promote_unreg"` is an unregistered device authorized into the ADOM; `add_model` a model
 * device; [U] anything else needs `ip` and `adm_usr`, like `dvm/cmd/add/device`.
 */
export function addDevList(
  ctx: Ctx,
  d: Row,
  adom: AdomState,
  newDevice: (d: Row, model: boolean) => Row,
): number {
  const list = asList(d['add-dev-list']).map(asObj);
  if (list.length === 0) fail(E.INVALID_DATA, 'add-dev-list is empty');
  const names = list.map((x) => x.name);
  if (names.some((n) => typeof n !== 'string' || n === '' || n.includes('/'))) fail(E.INVALID_DATA);
  if (new Set(names).size !== names.length) fail(E.INVALID_DATA, 'a device is listed twice');
  const store = ctx.store;
  return startAdomTask(ctx, adom, {
    title: `Add ${list.length} device(s)`,
    src: 'device manager',
    lines: list.map((dev) => ({
      name: str(dev.name),
      vdom: 'root',
      ip: str(dev.ip ?? ''),
      run: () => addOne(store, adom, dev, newDevice),
    })),
  });
}

function addOne(
  store: Store,
  adom: AdomState,
  dev: Row,
  newDevice: (d: Row, model: boolean) => Row,
): string | undefined {
  const name = str(dev.name);
  const action = dev['device action'];
  if (!store.adoms.has(str(adom.meta.name))) return 'ADOM is gone';
  if (action === 'promote_unreg') {
    const i = store.unregistered.findIndex((u) => u.name === name);
    if (i < 0) return `unregistered device ${name} not found`;
    const [row] = store.unregistered.splice(i, 1);
    // [U] Authorizing keeps the device's reported identity and makes it a managed, connected device.
    Object.assign(row, {
      mgmt_mode: 'fmg',
      conn_status: 1,
      conf_status: 'unknown',
      db_status: 'nomod',
      dev_status: 'none',
    });
    adom.devices.push(row);
    deviceScope(store, row);
    return undefined;
  }
  if (findDevice(store, name)) return `device ${name} already exists`;
  const model = action === 'add_model';
  if (!model && (typeof dev.ip !== 'string' || typeof dev.adm_usr !== 'string')) {
    return 'ip and adm_usr are required';
  }
  const row = newDevice(dev, model);
  adom.devices.push(row);
  deviceScope(store, row);
  return undefined;
}

/** Unregistered devices a seeded emulator starts with. [U] Their attributes are made up. */
export function seedUnregistered(store: Store): void {
  for (const [i, name] of ['FGT-NEW-BRANCH-01', 'FGT-NEW-BRANCH-02'].entries()) {
    store.unregistered.push({
      name,
      hostname: name,
      sn: `FGT60FTK2309000${i + 1}`,
      ip: `203.0.113.${11 + i}`,
      platform_str: 'FortiGate-60F',
      os_type: 'fos',
      os_ver: '7.0',
      mr: 4,
      patch: 3,
      conn_status: 1,
      mgmt_mode: 'unreg',
      ha_mode: 'standalone',
      desc: '',
      oid: store.newOid(),
      vdom: [{ name: 'root', opmode: 'nat', status: 'enable', oid: store.newOid() }],
    });
  }
}

// ---- policy import ---------------------------------------------------------------------------------

/**
 * `exec securityconsole/import/dev/objs {adom, dst_name, name, vdom, import_action, ...}`. Step 1
 * (`import_action: "policy_search"`, `add_mappings: "enable"`) maps the device's interfaces to dynamic
 * interfaces; step 2 (`"do"`) imports the device's objects and policies into package `dst_name`.
 * [U] The emulated device DB has addresses but no firewall policies: step 2 copies its addresses into the
 * ADOM (a same-named ADOM address with another subnet is a conflict; the ADOM's one is kept) and imports
 * no policy; the line `detail` carries the summary. Step 2 without step 1 fails.
 */
export function importDevObjs(ctx: Ctx, d: Row, adom: AdomState): number {
  const action = str(d.import_action ?? 'do');
  if (action !== 'policy_search' && action !== 'do') {
    fail(E.INVALID_DATA, 'import_action must be policy_search or do');
  }
  const devName = typeof d.name === 'string' ? d.name : fail(E.INVALID_DATA);
  const dev =
    adom.devices.find((x) => x.name === devName) ?? fail(E.NOT_FOUND, `device ${devName} not found`);
  const vdom = str(d.vdom ?? 'root');
  if (!((dev.vdom as Row[] | undefined) ?? []).some((v) => v.name === vdom)) {
    fail(E.NOT_FOUND, `vdom ${vdom} not found`);
  }
  const pkgName = str(d.dst_name ?? '');
  if (action === 'do' && !findPackage(adom.config, pkgName)) {
    fail(E.NOT_FOUND, `package ${pkgName} not found`);
  }
  const store = ctx.store;
  const key = `${str(adom.meta.name)}/${devName}/${vdom}`;
  let summary = '';
  return startAdomTask(ctx, adom, {
    title:
      action === 'do'
        ? `Import policy package ${pkgName} from ${devName}`
        : `Interface mapping of ${devName}`,
    src: 'import',
    lines: [
      {
        name: devName,
        vdom,
        ip: str(dev.ip ?? ''),
        oid: Number(dev.oid),
        run: () => {
          const cfg = store.deviceDbs.get(Number(dev.oid))?.config;
          if (action === 'policy_search') {
            const intfs = (cfg?.global['system/interface'] ?? []).map((r) => str(r.name));
            store.importMappings.set(key, intfs);
            summary = `mapped ${intfs.length} interface(s)`;
            return undefined;
          }
          // [U] Importing without step 1 fails like a GUI import without interface mapping.
          if (!store.importMappings.has(key)) return 'run the interface mapping (policy_search) first';
          const addrs = cfg?.vdoms[vdom]?.['firewall/address'] ?? [];
          const target = adom.config.obj['firewall/address'];
          let imported = 0;
          let conflicts = 0;
          for (const a of addrs) {
            const have = target.find((t) => t.name === a.name);
            if (!have) {
              target.push(structuredClone(a));
              imported++;
            } else if (JSON.stringify(have.subnet) !== JSON.stringify(a.subnet)) conflicts++;
          }
          summary = `objects imported: ${imported}, conflicts: ${conflicts}, policies imported: 0`;
          return undefined;
        },
      },
    ],
    onEnd: (task) => {
      const line = (task.line as Row[])[0];
      if (line.state === 'done' && summary) line.detail = summary;
    },
  });
}
