/**
 * Install and install preview (docs/upstream-api.md §8.6): `exec securityconsole/...`, answering `{task: N}`.
 * Shared helpers for the other task-producing urls (scripts, dvm) live here too.
 */
import { execRoute, startAdomTask, type Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { groupMembers } from './groups';
import { findPackage } from './pkg';
import { importDevObjs, recordInstall } from './provisioning';
import { E, fail } from '../core/status';
import type { AdomState } from '../core/store';
import type { TaskLineSpec } from '../core/tasks';
import { isObj, str } from '../core/util';

/** [U] Line detail for a device that is down (`conn_status` 2); FMG's wording is not in the reference. */
export const UNREACHABLE = 'device is unreachable';

/** The `data` object of an exec (a one-element list is accepted as well). */
export function execData(ctx: Ctx): Row {
  const d = Array.isArray(ctx.p.data) ? (ctx.p.data[0] as unknown) : ctx.p.data;
  return isObj(d) ? d : fail(E.INVALID_DATA);
}

/** The ADOM named by `data.adom` (or the url); unknown → -6 like its urls. */
export function adomOf(ctx: Ctx, name: unknown): AdomState {
  if (typeof name !== 'string' || name === '') fail(E.INVALID_DATA);
  return ctx.store.adoms.get(name) ?? fail(E.INVALID_URL);
}

/**
 * Task lines for a scope `[{name, vdom}]` of devices in the ADOM. An unknown device or vdom → -3
 * [U]; `vdom` "global" (scripts) or absent stands for the device itself. A device that is down
 * gets a line that fails, unless `needsLink` is false (work on FMG's own database).
 */
export function scopeLines(adom: AdomState, scope: unknown, needsLink = true): TaskLineSpec[] {
  const list = Array.isArray(scope) ? scope : scope === undefined ? [] : [scope];
  // [U] An empty scope is rejected: there would be nothing to do.
  if (list.length === 0) fail(E.INVALID_DATA, 'no device in scope');
  return list.flatMap((m): TaskLineSpec[] => {
    if (!isObj(m) || typeof m.name !== 'string') return fail(E.INVALID_DATA);
    // A name without vdom that is no device names a device group (docs/upstream-api.md §8.7): its members.
    const group = m.vdom === undefined && !adom.devices.some((d) => d.name === m.name);
    const members = group ? groupMembers(adom, m.name) : undefined;
    if (members) return scopeLines(adom, members, needsLink);
    const dev =
      adom.devices.find((d) => d.name === m.name) ?? fail(E.NOT_FOUND, `device ${m.name} not found`);
    const vdom = m.vdom === undefined ? undefined : str(m.vdom);
    const vdoms = ((dev.vdom as Row[] | undefined) ?? []).map((v) => v.name);
    if (vdom !== undefined && vdom !== 'global' && !vdoms.includes(vdom)) {
      fail(E.NOT_FOUND, `vdom ${vdom} not found on ${m.name}`);
    }
    return [deviceLine(dev, vdom, needsLink)];
  });
}

export function deviceLine(dev: Row, vdom: string | undefined, needsLink = true): TaskLineSpec {
  return {
    name: str(dev.name),
    vdom,
    ip: str(dev.ip ?? ''),
    oid: Number(dev.oid),
    fail: needsLink && Number(dev.conn_status) === 2 ? UNREACHABLE : undefined,
  };
}

const flagList = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : v === undefined ? [] : [str(v)]);

export function securityConsoleHandler(ctx: Ctx): unknown {
  return execRoute(ctx, {
    'install/package': installPackage,
    'install/device': installDevice,
    'install/preview': installPreview,
    'preview/result': previewResult,
    'package/cancel/install': cancelInstall,
    abort: abortInstalls,
    'import/dev/objs': (c) => {
      const d = execData(c);
      return { task: importDevObjs(c, d, adomOf(c, d.adom)) };
    },
  });
}

const previewKey = (adom: string, dev: string) => `${adom}/${dev}`;

function installPackage(ctx: Ctx): unknown {
  const d = execData(ctx);
  const adom = adomOf(ctx, d.adom);
  const adomName = str(adom.meta.name);
  if (typeof d.pkg !== 'string' || d.pkg === '') fail(E.INVALID_DATA);
  const pkgName = d.pkg.split('/').pop()!;
  const pkg = findPackage(adom.config, pkgName) ?? fail(E.NOT_FOUND, `package ${d.pkg} not found`);
  const preview = flagList(d.flags).includes('preview');
  let lines: TaskLineSpec[];
  if (d.scope !== undefined) lines = scopeLines(adom, d.scope);
  else {
    // Without scope the package's own scope members are installed; [U] a member that is no device
    // of the ADOM (a device group, a deleted device) gets a failing line.
    const members = (pkg['scope member'] as Row[] | undefined) ?? [];
    if (members.length === 0) fail(E.INVALID_DATA, 'package has no installation targets');
    lines = members.map((m) => {
      const dev = adom.devices.find((x) => x.name === m.name);
      if (!dev) return { name: str(m.name), vdom: str(m.vdom ?? ''), fail: 'device not found' };
      return deviceLine(dev, m.vdom === undefined ? undefined : str(m.vdom));
    });
  }
  const store = ctx.store;
  for (const l of lines) {
    const ok = l.fail === undefined;
    l.run = () => {
      if (preview && ok) store.previews.set(previewKey(adomName, l.name), { pkg: pkgName, vdom: l.vdom });
      if (!preview && ok) recordInstall(store, adom, pkgName, l.name, l.vdom);
      return undefined;
    };
  }
  const task = startAdomTask(ctx, adom, {
    title: preview ? `Install preview of policy package ${pkgName}` : `Install policy package ${pkgName}`,
    src: 'security console',
    lines,
    extra: { preview: preview ? 1 : 0 },
  });
  return { task };
}

function installDevice(ctx: Ctx): unknown {
  const d = execData(ctx);
  const adom = adomOf(ctx, d.adom);
  const preview = flagList(d.flags).includes('preview');
  const task = startAdomTask(ctx, adom, {
    title: 'Install device settings',
    src: 'install device',
    lines: scopeLines(adom, d.scope),
    extra: { preview: preview ? 1 : 0 },
  });
  return { task };
}

/**
 * Step 2 of the preview flow: `{adom, device, vdoms}` (≤ 7.4.3) or `{adom, scope}` (7.4.4+). Every
 * device needs a finished `install/package` with `flags: ["preview"]` first; otherwise -1 [U].
 */
function installPreview(ctx: Ctx): unknown {
  const d = execData(ctx);
  const adom = adomOf(ctx, d.adom);
  const adomName = str(adom.meta.name);
  let scope = d.scope;
  if (scope === undefined && d.device !== undefined) {
    const vdoms = flagList(d.vdoms);
    scope = (vdoms.length ? vdoms : [undefined]).map((v) => ({ name: d.device, vdom: v }));
  }
  const lines = scopeLines(adom, scope);
  const store = ctx.store;
  for (const l of lines) {
    const prepared = store.previews.get(previewKey(adomName, l.name));
    if (!prepared) fail(-1, `no install preview prepared for device ${l.name}`);
    l.run = () => {
      prepared.message = previewText(adom, prepared.pkg, l.name, prepared.vdom ?? l.vdom);
      return undefined;
    };
  }
  const task = startAdomTask(ctx, adom, {
    title: 'Install preview',
    src: 'security console',
    lines,
    extra: { preview: 1 },
  });
  return { task };
}

/**
 * Step 3: the CLI text of a finished preview. [U] Before the `install/preview` task of the device has
 * finished (or without one) the answer is -1 "preview result is not ready"; the reference does not say
 * what FMG answers.
 */
function previewResult(ctx: Ctx): unknown {
  const d = execData(ctx);
  const adom = adomOf(ctx, d.adom);
  let dev = d.device;
  if (dev === undefined && Array.isArray(d.scope) && isObj(d.scope[0])) dev = d.scope[0].name;
  if (typeof dev !== 'string') fail(E.INVALID_DATA);
  const prepared = ctx.store.previews.get(previewKey(str(adom.meta.name), dev));
  if (prepared?.message === undefined) fail(-1, 'preview result is not ready');
  return { message: prepared.message };
}

/**
 * Step 4: drops the ADOM's prepared previews and cancels its unfinished install tasks.
 * [U] The answer carries no data.
 */
function cancelInstall(ctx: Ctx): unknown {
  const d = execData(ctx);
  const adom = adomOf(ctx, d.adom);
  const name = str(adom.meta.name);
  for (const key of [...ctx.store.previews.keys()]) {
    if (key.startsWith(`${name}/`)) ctx.store.previews.delete(key);
  }
  const oid = Number(adom.meta.oid);
  ctx.tasks.cancel((t) => t.adom === oid && (t.src === 'security console' || t.src === 'install device'));
  return undefined;
}

/**
 * `exec /securityconsole/abort {adom}` (docs/upstream-api.md §8.6): stops the ADOM's unfinished install tasks.
 * [U] The answer carries no data; previews are kept (only cancel/install drops them).
 */
function abortInstalls(ctx: Ctx): unknown {
  const adom = adomOf(ctx, execData(ctx).adom);
  const oid = Number(adom.meta.oid);
  ctx.tasks.cancel((t) => t.adom === oid && (t.src === 'security console' || t.src === 'install device'));
  return undefined;
}

const SKIP = new Set(['policyid', 'oid', 'uuid', 'obj seq', '_last-modified', '_created']);

const cliValue = (v: unknown): string =>
  Array.isArray(v) ? v.map((x) => `"${str(x)}"`).join(' ') : typeof v === 'string' ? `"${v}"` : str(v);

/** [U] Fake but plausible FortiOS CLI for what an install would push: the package's policies. */
function previewText(adom: AdomState, pkg: string, dev: string, vdom?: string): string {
  const out = [`# install preview: package ${pkg} → ${dev}${vdom ? ` (vdom ${vdom})` : ''}`];
  if (vdom && vdom !== 'global') out.push('config vdom', `edit ${vdom}`);
  out.push('config firewall policy');
  for (const p of adom.config.policies[pkg] ?? []) {
    out.push(`    edit ${str(p.policyid)}`);
    for (const [k, v] of Object.entries(p)) {
      if (SKIP.has(k) || isObj(v) || v === undefined || v === null) continue;
      if (Array.isArray(v) && v.some(isObj)) continue;
      out.push(`        set ${k} ${cliValue(v)}`);
    }
    out.push('    next');
  }
  out.push('end');
  if (vdom && vdom !== 'global') out.push('end');
  return out.join('\n');
}
