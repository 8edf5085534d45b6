/**
 * Control API `POST /__emulator/tables/seed`: appends N generated objects to an ADOM object table in
 * one step, for scale tests and `npm run bench -- --scale` (100k addresses through JSON-RPC `add` would
 * take minutes and measure the emulator's validation, not the gateway). Not part of FMG.
 */
import { OBJ_TABLES } from '../core/schema';
import type { Store } from '../core/store';
import type { Row } from '../core/filter';

export const MAX_SEED_ROWS = 1_000_000;

export interface SeedRequest {
  adom: string;
  /** An ADOM object table by cli path, e.g. `firewall/address`. */
  table: string;
  count: number;
  /** Names are `{prefix}-1`, `{prefix}-2` …, skipping names already there; default `bulk`. */
  prefix?: string;
}

/** What is wrong with the request, or undefined when it is valid. */
export function seedError(store: Store, b: Partial<SeedRequest>): string | undefined {
  if (typeof b.adom !== 'string' || !store.adoms.has(b.adom)) return 'adom must name an existing ADOM';
  if (typeof b.table !== 'string' || !OBJ_TABLES[b.table]) {
    return `table must be an object table: ${Object.keys(OBJ_TABLES).join(', ')}`;
  }
  if (!Number.isInteger(b.count) || b.count! < 1 || b.count! > MAX_SEED_ROWS) {
    return `count must be from 1 to ${MAX_SEED_ROWS}`;
  }
  if (b.prefix !== undefined && (typeof b.prefix !== 'string' || !/^[\w.-]{1,40}$/.test(b.prefix))) {
    return 'prefix must be 1-40 letters, digits, `_`, `.` or `-`';
  }
  return undefined;
}

/** Appends the rows (with oid and, where the table has them, uuids) and answers the table's new size. */
export function seedRows(store: Store, b: SeedRequest): { table: string; added: number; size: number } {
  const def = OBJ_TABLES[b.table];
  const rows = store.adoms.get(b.adom)!.config.obj[b.table];
  const taken = new Set(rows.map((r) => String(r[def.key])));
  const prefix = b.prefix ?? 'bulk';
  let n = 0;
  for (let added = 0; added < b.count; n++) {
    const name = `${prefix}-${n + 1}`;
    if (taken.has(name)) continue;
    const row: Row = { ...structuredClone(def.defaults ?? {}), name, ...extra(b.table, n) };
    row.oid = store.newOid();
    if (def.uuid) row.uuid = store.newUuid(`${b.table}/${name}/${String(row.oid)}`);
    rows.push(row);
    added++;
  }
  return { table: b.table, added: b.count, size: rows.length };
}

/** Valid attributes per table where the defaults alone are not a valid object: a /32 host per address. */
function extra(table: string, n: number): Row {
  if (table !== 'firewall/address') return { comment: `seeded ${n + 1}` };
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  return { subnet: [ip, '255.255.255.255'], comment: `seeded host ${n + 1}` };
}
