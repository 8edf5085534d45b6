/** In-memory FMG state: ADOMs (meta, devices, policy config, workspace lock) and the Global ADOM. */
import { createHash } from 'node:crypto';
import type { Row } from './filter';
import {
  DEVICE_GLOBAL_SINGLES,
  DEVICE_GLOBAL_TABLES,
  DEVICE_VDOM_TABLES,
  OBJ_TABLES,
  POLICY_TABLE,
  type TableDef,
} from './schema';
import type { TableEnv } from './table';
import { str } from './util';

/** Fixed clock for seeded timestamps (2025-01-06T09:00:00Z). */
export const SEED_TIME = 1736154000;

/** Everything a workspace lock snapshots and an unlock-without-commit restores. */
export interface AdomConfig {
  /** Package tree: `{name, type: "pkg"|"folder", subobj?}` nodes. */
  pkgs: Row[];
  /** Policies by package name (package names are unique per ADOM). */
  policies: Record<string, Row[]>;
  /** Object tables by cli path, e.g. "firewall/address". */
  obj: Record<string, Row[]>;
}

export interface LockState {
  sid: string;
  /** Small integer shown as `lock_sid`; the real session token is never exposed to other users. */
  sessionNo: number;
  user: string;
  /** Epoch seconds. [U] The reference does not give the lock_time format. */
  time: number;
  snapshot: AdomConfig;
  dirty: boolean;
}

export interface AdomState {
  meta: Row;
  devices: Row[];
  config: AdomConfig;
  lock?: LockState;
  /** Device groups (`dvmdb/adom/{adom}/group`); they live outside the workspace. */
  groups: Row[];
  /** ADOM revisions (`dvmdb/adom/{adom}/revision`), each with the config it captured. */
  revisions: Revision[];
}

export interface Revision {
  row: Row;
  snapshot: AdomConfig;
}

/** Device DB of one managed device (docs/upstream-api.md §8.5): global scope plus one table set per vdom. */
export interface DeviceConfig {
  /** Global tables by cli path, e.g. "system/interface". */
  global: Record<string, Row[]>;
  /** Global single objects by cli path, e.g. "system/dns". */
  singles: Record<string, Row>;
  /** Per-vdom tables by vdom name, then cli path. */
  vdoms: Record<string, Record<string, Row[]>>;
}

export function emptyDeviceConfig(): DeviceConfig {
  return {
    global: Object.fromEntries(Object.keys(DEVICE_GLOBAL_TABLES).map((k) => [k, []])),
    singles: Object.fromEntries(
      Object.entries(DEVICE_GLOBAL_SINGLES).map(([k, d]) => [k, structuredClone(d.defaults)]),
    ),
    vdoms: {},
  };
}

export const emptyVdomTables = (): Record<string, Row[]> =>
  Object.fromEntries(Object.keys(DEVICE_VDOM_TABLES).map((k) => [k, []]));

export function emptyConfig(): AdomConfig {
  return { pkgs: [], policies: {}, obj: Object.fromEntries(Object.keys(OBJ_TABLES).map((k) => [k, []])) };
}

export class Store {
  readonly adoms = new Map<string, AdomState>();
  /** Global ADOM objects (`pm/config/global/obj/...`); it has no devices and no workspace lock. */
  readonly globalScope: { config: AdomConfig } = { config: emptyConfig() };
  /**
   * Device DBs by device oid, so a renamed device keeps its config and a deleted-then-re-added one
   * starts afresh. Created on first use (see devicedb.ts).
   */
  readonly deviceDbs = new Map<number, { config: DeviceConfig }>();
  /**
   * Install previews by `{adom}/{device}`: prepared by `install/package` with `flags: ["preview"]`,
   * `message` set once `install/preview` has finished for the device.
   */
  readonly previews = new Map<string, { pkg: string; vdom?: string; message?: string }>();
  /** CLI scripts by ADOM name (`dvmdb/adom/{adom}/script`). */
  readonly scripts = new Map<string, Row[]>();
  /** Latest script run per `{adom}/{device}` (`.../script/log/latest/device/{dev}`). */
  readonly scriptLogs = new Map<string, Row>();
  /** Open `cache/diff` runs by token. */
  readonly diffs = new Map<string, { summary: unknown; polls: number }>();
  /** Provisioning templates (`pm/devprof`, `pm/wanprof`, `pm/tmplgrp`) by `{kind}/{adom}`. */
  readonly templates = new Map<string, Row[]>();
  /** Last install per `{adom}/{device}/{vdom}`: the package and its `obj ver` at that time. */
  readonly installs = new Map<string, { pkg: string; ver: number }>();
  /** Devices that asked to be managed and are not yet authorized (`mgmt_mode` "unreg"). */
  readonly unregistered: Row[] = [];
  /** Interface mappings of the policy import's step 1, by `{adom}/{device}/{vdom}`. */
  readonly importMappings = new Map<string, string[]>();
  private oidSeq = 1000;

  newOid(): number {
    return ++this.oidSeq;
  }

  /** Deterministic (name-based, SHA-1) uuid so seeded data is stable across runs. */
  newUuid(seed: string): string {
    const h = createHash('sha1').update(seed).digest('hex');
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Table-engine environment bound to one ADOM's config (references stay within the ADOM). */
  env(cfg: () => AdomConfig): TableEnv {
    return this.scopedEnv(
      (path) => cfg().obj[path],
      () => [
        ...Object.entries(OBJ_TABLES).map(([p, def]): Source => [def, cfg().obj[p] ?? []]),
        ...Object.values(cfg().policies).map((rows): Source => [POLICY_TABLE, rows]),
      ],
    );
  }

  /**
   * Environment for one vdom of a device DB: names resolve in that vdom's tables, then in the global
   * scope; in-use checks and renames cover the whole device.
   */
  deviceEnv(cfg: () => DeviceConfig, vdom?: string): TableEnv {
    return this.scopedEnv(
      (path) => (vdom === undefined ? undefined : cfg().vdoms[vdom]?.[path]) ?? cfg().global[path],
      () => [
        ...Object.entries(DEVICE_GLOBAL_TABLES).map(([p, def]): Source => [def, cfg().global[p] ?? []]),
        ...Object.values(cfg().vdoms).flatMap((tables) =>
          Object.entries(DEVICE_VDOM_TABLES).map(([p, def]): Source => [def, tables[p] ?? []]),
        ),
      ],
    );
  }

  /**
   * `rowsOf` finds the rows a reference may point into; `sources` lists every table whose rows may
   * hold references.
   */
  private scopedEnv(rowsOf: (path: string) => Row[] | undefined, sources: () => Source[]): TableEnv {
    return {
      refExists: (tables, name) => tables.some((t) => rowsOf(t)?.some((r) => r.name === name)),
      usedBy: (path, name) => {
        for (const ref of referrers(sources(), path)) {
          if (list(ref.row[ref.attr]).includes(name)) {
            return `${ref.def.label} ${str(ref.row[ref.def.key])}`;
          }
        }
        return undefined;
      },
      renameRefs: (path, from, to) => {
        for (const ref of referrers(sources(), path)) {
          const v = ref.row[ref.attr];
          if (Array.isArray(v)) ref.row[ref.attr] = v.map((n) => (n === from ? to : n));
          else if (v === from) ref.row[ref.attr] = to;
        }
      },
      newOid: () => this.newOid(),
      newUuid: (seed) => this.newUuid(seed),
    };
  }
}

/** A table that may hold references: its definition and rows. */
type Source = [def: TableDef, rows: Row[]];

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

interface Referrer {
  def: TableDef;
  row: Row;
  attr: string;
}

/** Every (row, attribute) among `sources` that may point at objects of table `path`. */
function referrers(sources: Source[], path: string): Referrer[] {
  const out: Referrer[] = [];
  for (const [def, rows] of sources) {
    for (const [attr, spec] of Object.entries(def.refs ?? {})) {
      if (!spec.tables.includes(path)) continue;
      for (const row of rows) out.push({ def, row, attr });
    }
  }
  return out;
}
