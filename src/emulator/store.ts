/** In-memory FMG state: ADOMs (meta, devices, policy config, workspace lock) and the Global ADOM. */
import { createHash } from 'node:crypto';
import type { Row } from './filter';
import { OBJ_TABLES, POLICY_TABLE, type TableDef } from './schema';
import type { TableEnv } from './table';
import { str } from './util';

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
}

export function emptyConfig(): AdomConfig {
  return { pkgs: [], policies: {}, obj: Object.fromEntries(Object.keys(OBJ_TABLES).map((k) => [k, []])) };
}

export class Store {
  readonly adoms = new Map<string, AdomState>();
  /** Global ADOM objects (`pm/config/global/obj/...`); it has no devices and no workspace lock. */
  readonly globalScope: { config: AdomConfig } = { config: emptyConfig() };
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
    return {
      refExists: (tables, name) => tables.some((t) => cfg().obj[t]?.some((r) => r.name === name)),
      usedBy: (path, name) => {
        for (const ref of referrers(cfg(), path)) {
          if (list(ref.row[ref.attr]).includes(name)) {
            return `${ref.def.label} ${str(ref.row[ref.def.key])}`;
          }
        }
        return undefined;
      },
      renameRefs: (path, from, to) => {
        for (const ref of referrers(cfg(), path)) {
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

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

interface Referrer {
  def: TableDef;
  row: Row;
  attr: string;
}

/** Every (row, attribute) in the ADOM that may point at objects of table `path`. */
function referrers(cfg: AdomConfig, path: string): Referrer[] {
  const out: Referrer[] = [];
  const scan = (def: TableDef, rows: Row[]) => {
    for (const [attr, spec] of Object.entries(def.refs ?? {})) {
      if (!spec.tables.includes(path)) continue;
      for (const row of rows) out.push({ def, row, attr });
    }
  };
  for (const [p, def] of Object.entries(OBJ_TABLES)) scan(def, cfg.obj[p] ?? []);
  for (const rows of Object.values(cfg.policies)) scan(POLICY_TABLE, rows);
  return out;
}
