/**
 * Firmware and device lifecycle (docs/upstream-api.md §8.9): the update manager's image catalogue
 * (`exec um/image/version/list`), upgrade paths and upgrades (`exec um/image/upgrade`, `f_preview` for the
 * path), device configuration revisions (`exec deployment/get/device/revision`, `deployment/checkout/revision`)
 * and "retrieve config" (`exec dvm/cmd/reload/dev-list`).
 */
import { execRoute, startAdomTask, type Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { SEED_TIME, type AdomState, type Store } from '../core/store';
import { E, fail } from '../core/status';
import type { TaskLineSpec } from '../core/tasks';
import { isObj, str } from '../core/util';
import { findDevice } from './devicedb';
import { adomOf, execData, scopeLines } from './securityconsole';

/** A FortiOS release as FMG prints it: `7.2.8-b1639`. */
interface Release {
  minor: number;
  patch: number;
  build: number;
}

/**
 * [U] The FortiGuard catalogue the emulator offers for every FortiGate platform: a made-up but plausible
 * set of FortiOS 7.x releases (the builds are those of the real releases where we know them).
 */
const FOS_RELEASES: Release[] = [
  { minor: 0, patch: 7, build: 367 },
  { minor: 0, patch: 12, build: 523 },
  { minor: 0, patch: 15, build: 632 },
  { minor: 2, patch: 5, build: 1517 },
  { minor: 2, patch: 8, build: 1639 },
  { minor: 2, patch: 10, build: 1706 },
  { minor: 4, patch: 3, build: 2573 },
  { minor: 4, patch: 4, build: 2662 },
  { minor: 4, patch: 7, build: 2731 },
  { minor: 6, patch: 0, build: 3401 },
  { minor: 6, patch: 1, build: 3525 },
];

/** [U] Small desktop models get no 7.6 image (as FortiOS dropped some of them), so catalogues differ. */
const NO_76 = new Set(['FortiGate-40F']);

/**
 * [U] The supported-upgrade rule: within a minor release any later patch is one step; to leave a minor the
 * device must first be on its "bridge" patch, and it enters the next minor on that minor's bridge patch
 * unless that minor is the target. This mimics the shape of Fortinet's upgrade path tool, not its data.
 */
const BRIDGE: Record<number, number> = { 0: 12, 2: 8, 4: 4 };

const PLATFORM_FDSID: Record<string, string> = {
  'FortiGate-40F': 'FGT40F',
  'FortiGate-60F': 'FGT60F',
  'FortiGate-100F': 'FGT100F',
  'FortiGate-600F': 'FGT600F',
  'FortiGate-1800F': 'FGT1800F',
  'FortiGate-VM64': 'FGVM64',
};

export const releaseName = (r: Release) => `7.${r.minor}.${r.patch}-b${String(r.build).padStart(4, '0')}`;
const cmp = (a: Release, b: Release) => a.minor - b.minor || a.patch - b.patch;

function catalogue(platform: string): Release[] {
  return FOS_RELEASES.filter((r) => !(r.minor === 6 && NO_76.has(platform)));
}

/** `7.4.4`, `7.4.4-b2662` or `7.4.4-b2662-GA` → the catalogue release of the platform, if any. */
export function parseRelease(platform: string, v: unknown): Release | undefined {
  const m = /^7\.(\d+)\.(\d+)(?:-b?(\d+))?(?:-[A-Za-z]+)?$/.exec(str(v));
  if (!m) return undefined;
  return catalogue(platform).find(
    (r) => r.minor === Number(m[1]) && r.patch === Number(m[2]) && (!m[3] || r.build === Number(m[3])),
  );
}

const current = (dev: Row): Release => ({
  minor: Number(dev.mr),
  patch: Number(dev.patch),
  build: Number(dev.build ?? 0),
});

/** The steps from the device's version to `target` (empty when already there); undefined: no path. */
export function upgradePath(platform: string, from: Release, target: Release): Release[] | undefined {
  if (cmp(target, from) < 0) return undefined;
  if (cmp(target, from) === 0) return [];
  const list = catalogue(platform);
  const find = (minor: number, patch: number) => list.find((r) => r.minor === minor && r.patch === patch);
  const path: Release[] = [];
  let cur = from;
  while (cur.minor < target.minor) {
    const bridge = find(cur.minor, BRIDGE[cur.minor] ?? -1);
    if (!bridge) return undefined;
    if (cmp(cur, bridge) < 0) path.push((cur = bridge));
    const next = cur.minor + 2;
    if (next >= target.minor) break;
    const entry = find(next, BRIDGE[next] ?? -1);
    if (!entry) return undefined;
    path.push((cur = entry));
  }
  path.push(target);
  return path;
}

export function umHandler(ctx: Ctx): unknown {
  return execRoute(ctx, { 'image/version/list': versionList, 'image/upgrade': upgrade });
}

/** `{product, platform}` → `{status, version_list: [{platform, product, fdsid, versions: [{version, type}]}]}`. */
function versionList(ctx: Ctx): unknown {
  const d = isObj(ctx.p.data) ? ctx.p.data : {};
  // [U] Only FortiGate images are emulated: other products answer an empty list.
  if (d.product !== undefined && d.product !== 'FGT') return { status: 'success', version_list: [] };
  const platforms = Object.keys(PLATFORM_FDSID).filter((p) => d.platform === undefined || p === d.platform);
  return {
    status: 'success',
    version_list: platforms.map((platform) => ({
      fdsid: PLATFORM_FDSID[platform],
      platform,
      product: 'FGT',
      versions: catalogue(platform).map((r) => ({ type: 'GA', version: releaseName(r) })),
    })),
  };
}

/** Numeric flags (1 boot alt, 2 skip retrieve, 4 skip multi steps, 8 FortiGuard image, 16 preview) or names. */
const FLAG_BITS: Record<string, number> = {
  f_boot_alt_partition: 1,
  f_skip_retrieve: 2,
  f_skip_multi_steps: 4,
  f_skip_fortiguard_img: 8,
  f_preview: 16,
};

function flagBits(v: unknown): number {
  if (typeof v === 'number') return v;
  const names = Array.isArray(v) ? v.map(str) : v === undefined ? [] : [str(v)];
  return names.reduce((bits, n) => bits | (FLAG_BITS[n] ?? (n === 'none' ? 0 : fail(E.INVALID_DATA))), 0);
}

function upgrade(ctx: Ctx): unknown {
  const d = execData(ctx);
  const adom = adomOf(ctx, d.adom);
  const flags = flagBits(d.flags);
  const image = isObj(d.image) ? d.image : fail(E.INVALID_DATA, 'image.release is required');
  // A device group (a name without vdom) stands for its members, as in any scope.
  const lines = scopeLines(adom, d.device, false);
  const devices = lines.map((l) => adom.devices.find((x) => x.name === l.name)!);
  const plans = devices.map((dev) => {
    const platform = str(dev.platform_str);
    const target = parseRelease(platform, image.release);
    return { dev, target, path: target ? upgradePath(platform, current(dev), target) : undefined };
  });
  if (flags & 16) {
    return {
      upgrade_path: plans.map(({ dev, path }) => ({
        name: dev.name,
        oid: dev.oid,
        path: (path ?? []).map(releaseName),
        // [U] HOWTO names a `no-path` attribute when FMG has no path; its value is not shown.
        ...(path ? {} : { 'no-path': 1 }),
      })),
    };
  }
  const store = ctx.store;
  lines.forEach((line, i) => plan(store, line, plans[i], flags));
  const taskid = startAdomTask(ctx, adom, {
    title: `Upgrade firmware to ${str(image.release)}`,
    src: 'firmware manager',
    lines,
  });
  return { taskid };
}

/** Sets up one device's task line: its failure, its progress through the path and its final version. */
function plan(
  store: Store,
  line: TaskLineSpec,
  { dev, target, path }: { dev: Row; target?: Release; path?: Release[] },
  flags: number,
): void {
  const from = releaseName(current(dev));
  // [U] Failure texts are ours; FMG's wording is not documented.
  if (Number(dev.conn_status) === 2) line.fail = `step 1: device unreachable, still on ${from}`;
  else if (!target) line.fail = `no ${str(dev.platform_str)} image for the requested release`;
  else if (!path) line.fail = `no upgrade path from ${from} to ${releaseName(target)}`;
  else if (path.length > 1 && flags & 4) {
    line.fail = `direct upgrade from ${from} to ${releaseName(target)} is not supported`;
  }
  if (line.fail || !path) return;
  const steps = path;
  const n = steps.length;
  // Each step moves the device; the last one is applied when the line completes, so a line that fails
  // (e.g. an injected failure) leaves the device on the step it had reached: a failed mid-upgrade.
  line.progress = (percent) => {
    const done = Math.min(n - 1, Math.floor((percent * n) / 100));
    if (done > 0) setVersion(dev, steps[done - 1]);
    return n === 0 ? undefined : `step ${done + 1}/${n}: upgrading to ${releaseName(steps[done])}`;
  };
  line.run = () => {
    if (n > 0) setVersion(dev, steps[n - 1]);
    // [U] Unless told to skip it, FMG retrieves the configuration after an upgrade: a new revision.
    if (!(flags & 2)) {
      addRevision(store, dev, `Retrieved after upgrade to ${releaseName(steps[n - 1] ?? current(dev))}`);
    }
    return undefined;
  };
}

function setVersion(dev: Row, r: Release): void {
  Object.assign(dev, { os_ver: '7.0', mr: r.minor, patch: r.patch, build: r.build });
}

// ─── Device revisions ────────────────────────────────────────────────────────────────────────────

interface DeviceRevision {
  row: Row;
  content: string;
}

/** Revisions per device name, per store (a reset builds a new store and so starts afresh). */
const revisionsByStore = new WeakMap<Store, Map<string, DeviceRevision[]>>();

/** [U] Two revisions per device to begin with: the import, and a later retrieve with small changes. */
function revisionsOf(store: Store, dev: Row): DeviceRevision[] {
  let byDev = revisionsByStore.get(store);
  if (!byDev) revisionsByStore.set(store, (byDev = new Map()));
  const name = str(dev.name);
  let revs = byDev.get(name);
  if (!revs) {
    revs = [];
    byDev.set(name, revs);
    revs.push(revision(1, 'Initial import', 'admin', SEED_TIME, configText(dev, false)));
    revs.push(revision(2, 'Retrieved from device', 'admin', SEED_TIME + 86_400, configText(dev, true)));
  }
  return revs;
}

function revision(n: number, comments: string, user: string, time: number, content: string): DeviceRevision {
  const instime = new Date(time * 1000).toISOString().replace('T', ' ').slice(0, 19);
  return { row: { revision: n, comments, instusr: user, instime }, content };
}

function addRevision(store: Store, dev: Row, comments: string): void {
  const revs = revisionsOf(store, dev);
  const n = Math.max(0, ...revs.map((r) => Number(r.row.revision))) + 1;
  revs.push(revision(n, comments, 'admin', Math.floor(Date.now() / 1000), configText(dev, true)));
}

/** [U] A short FortiOS-like configuration; `later` adds what an admin changed on the box since the import. */
function configText(dev: Row, later: boolean): string {
  const fds = PLATFORM_FDSID[str(dev.platform_str)] ?? 'FGT';
  const v = current(dev);
  const lines = [
    `#config-version=${fds}-7.0${v.minor}-FW-build${String(v.build).padStart(4, '0')}:opmode=0:vdom=0`,
    'config system global',
    `    set hostname "${str(dev.hostname ?? dev.name)}"`,
    `    set admintimeout ${later ? 15 : 5}`,
    '    set timezone "Europe/Berlin"',
    'end',
    'config system interface',
    '    edit "wan1"',
    `        set ip ${str(dev.ip)} 255.255.255.0`,
    '        set allowaccess ping https ssh fgfm',
    '    next',
    'end',
  ];
  if (later) lines.push('config system ntp', '    set ntpsync enable', '    set type fortiguard', 'end');
  return lines.join('\n') + '\n';
}

export function deploymentHandler(ctx: Ctx): unknown {
  if (ctx.method !== 'exec') fail(E.INVALID_CMD);
  const d = execData(ctx);
  const dev = findDevice(ctx.store, str(d.device)) ?? fail(E.NOT_FOUND, `device ${str(d.device)} not found`);
  const revs = revisionsOf(ctx.store, dev);
  switch (ctx.segs.slice(1).join('/')) {
    case 'get/device/revision': {
      const base = Math.max(...revs.map((r) => Number(r.row.revision)));
      // [U] Newest first, as the revision history in the GUI.
      return { base_ver: base, revinfo: [...revs].reverse().map((r) => ({ ...r.row })) };
    }
    case 'checkout/revision': {
      // -1 is the latest revision (docs/upstream-api.md §8.9).
      const want = Number(d.revision);
      if (!Number.isInteger(want)) return fail(E.INVALID_DATA, 'revision must be an integer');
      const rev = want === -1 ? revs[revs.length - 1] : revs.find((r) => r.row.revision === want);
      // [U] The checked-out text is answered as `content`, like deployment/export/config.
      return { content: (rev ?? fail(E.NOT_FOUND, `revision ${want} not found`)).content };
    }
    default:
      return fail(E.INVALID_URL);
  }
}

/**
 * `exec dvm/cmd/reload/dev-list {adom, flags, reload-dev-member-list: [{name}]}`: retrieves each device's
 * configuration into a new revision, as a task (`{taskid, pid}` with `create_task`).
 */
export function reloadDevices(ctx: Ctx): unknown {
  const d = execData(ctx);
  const adom: AdomState = adomOf(ctx, d.adom);
  const members = d['reload-dev-member-list'];
  if (!Array.isArray(members)) return fail(E.INVALID_DATA, 'reload-dev-member-list is required');
  // Retrieving talks to the device: an unreachable one fails its line.
  const lines = scopeLines(
    adom,
    members.map((m) => (isObj(m) ? { name: m.name, vdom: 'global' } : m)),
  );
  const store = ctx.store;
  for (const line of lines) {
    const dev = adom.devices.find((x) => x.name === line.name)!;
    line.vdom = undefined;
    line.run = () => {
      addRevision(store, dev, 'Retrieved from device');
      return undefined;
    };
  }
  const taskid = startAdomTask(ctx, adom, {
    title: 'Retrieve device configuration',
    src: 'device manager',
    lines,
  });
  // [U] pid is the worker's process id on FMG; a stable fake here.
  return { taskid, pid: 5000 + taskid };
}
