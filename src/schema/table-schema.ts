import { GatewayError } from '../common/errors/gateway-error';

/**
 * FortiManager describes its own tables: `get` with `option: syntax` on a database url answers one
 * category per table ("firewall address"), each with its attributes (docs/upstream-api.md §3.5). This
 * file turns that answer into rules, once per (upstream, firmware version), so checking a body is a
 * map lookup per attribute: O(body size).
 */

/** One attribute as FMG's syntax answer gives it (only the members the gateway reads). */
export interface RawAttr {
  type?: unknown;
  help?: unknown;
  default?: unknown;
  opts?: unknown;
  max?: unknown;
  min?: unknown;
  max_argv?: unknown;
  ref?: unknown;
  category?: unknown;
}

export interface RawCategory {
  alimit?: unknown;
  mkey?: unknown;
  attr?: unknown;
}

/** What the gateway makes of an FMG attribute type. */
export type AttributeKind = 'string' | 'integer' | 'enum' | 'reference' | 'address' | 'table' | 'other';

/** An attribute's rules, as `GET .../schema/{table}` shows them. */
export interface AttributeRule {
  name: string;
  /** FMG's own type name (`uint32`, `string`, `datasrc`, `ipv4-classnet`, ...). */
  type: string;
  kind: AttributeKind;
  /** A list attribute (FMG `max_argv`): one value or a list of them. */
  list: boolean;
  maxItems?: number;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  /** Tables (cli paths) whose keys the value names. */
  references?: string[];
  /** A child table (cli path); its rows are checked against its own schema. */
  table?: string;
  default?: unknown;
  help?: string;
}

export interface TableSchema {
  /** The cli path, e.g. `firewall/address`. */
  table: string;
  key?: string;
  /** Most objects the table may hold (FMG `alimit`). */
  limit?: number;
  attributes: AttributeRule[];
}

/** A table's schema with its lookups built once. */
export interface CompiledTable extends TableSchema {
  byName: ReadonlyMap<string, AttributeRule>;
  enums: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Names every row has without being attributes of the table (FMG adds them to answers). */
export const META_ATTRIBUTES: ReadonlySet<string> = new Set(['oid', 'obj seq']);

const INTEGER_TYPES = /^(u?int(8|16|32|64)?|integer)$/;
const ADDRESS_TYPES = /^ipv[46]/;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** "firewall address" → "firewall/address". */
export const cliPath = (category: string): string => category.trim().split(/\s+/).join('/');

function kindOf(type: string, raw: RawAttr): AttributeKind {
  if (raw.opts !== null && typeof raw.opts === 'object') return 'enum';
  if (type === 'datasrc') return 'reference';
  if (type === 'table' || type === 'subobj') return 'table';
  if (type === 'string' || type === 'password') return 'string';
  if (INTEGER_TYPES.test(type)) return 'integer';
  if (ADDRESS_TYPES.test(type)) return 'address';
  return 'other';
}

function compileAttr(name: string, raw: RawAttr): AttributeRule {
  const type = text(raw.type) ?? 'unknown';
  const kind = kindOf(type, raw);
  const maxArgv = num(raw.max_argv);
  const rule: AttributeRule = { name, type, kind, list: maxArgv !== undefined && maxArgv !== 1 };
  if (maxArgv !== undefined && maxArgv > 1) rule.maxItems = maxArgv;
  if (kind === 'enum') rule.enum = Object.keys(raw.opts as object);
  if (kind === 'integer') {
    rule.minimum = num(raw.min);
    rule.maximum = num(raw.max);
  }
  if (kind === 'string' && num(raw.max) !== undefined) rule.maxLength = num(raw.max);
  if (kind === 'reference' && Array.isArray(raw.ref)) {
    rule.references = raw.ref.flatMap((r: { category?: unknown }) =>
      typeof r?.category === 'string' ? [cliPath(r.category)] : [],
    );
  }
  if (kind === 'table' && typeof raw.category === 'string') rule.table = cliPath(raw.category);
  if (raw.default !== undefined) rule.default = raw.default;
  if (typeof raw.help === 'string') rule.help = raw.help;
  for (const k of Object.keys(rule) as (keyof AttributeRule)[]) if (rule[k] === undefined) delete rule[k];
  return rule;
}

export function compileTable(category: string, raw: RawCategory): CompiledTable {
  const attrs =
    raw.attr !== null && typeof raw.attr === 'object' ? (raw.attr as Record<string, RawAttr>) : {};
  const attributes = Object.entries(attrs)
    .filter(([, a]) => a !== null && typeof a === 'object')
    .map(([name, a]) => compileAttr(name, a));
  const table: CompiledTable = {
    table: cliPath(category),
    attributes,
    byName: new Map(attributes.map((a) => [a.name, a])),
    enums: new Map(attributes.flatMap((a) => (a.enum ? [[a.name, new Set(a.enum)]] : []))),
  };
  if (typeof raw.mkey === 'string') table.key = raw.mkey;
  if (num(raw.alimit) !== undefined) table.limit = num(raw.alimit);
  return table;
}

/** Every category of one syntax answer (`data: {"firewall address": {...}, ...}`), by cli path. */
export function compileDatabase(data: unknown): Map<string, CompiledTable> {
  const out = new Map<string, CompiledTable>();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return out;
  for (const [category, raw] of Object.entries(data as Record<string, RawCategory>)) {
    if (raw !== null && typeof raw === 'object') {
      const t = compileTable(category, raw);
      out.set(t.table, t);
    }
  }
  return out;
}

/** The table without its lookups, as the API shows it. */
export function describeTable({ byName: _b, enums: _e, ...table }: CompiledTable): TableSchema {
  return table;
}

function violation(path: string, attribute: string, rule: string, message: string): GatewayError {
  return new GatewayError('SCHEMA_VIOLATION', `${path}: ${message}`, {
    extensions: { attribute, rule, errors: [{ field: path, messages: [message] }] },
  });
}

/** Why one value breaks its attribute's rule, or undefined. */
function checkValue(
  rule: AttributeRule,
  enums: ReadonlySet<string> | undefined,
  v: unknown,
): [string, string] | undefined {
  switch (rule.kind) {
    case 'enum':
      return typeof v === 'string' && enums?.has(v)
        ? undefined
        : ['enum', `must be one of ${rule.enum!.map((e) => `"${e}"`).join(', ')}`];
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return ['type', 'must be an integer'];
      if (rule.minimum !== undefined && v < rule.minimum) {
        return ['minimum', `must be at least ${rule.minimum}`];
      }
      if (rule.maximum !== undefined && v > rule.maximum) {
        return ['maximum', `must be at most ${rule.maximum}`];
      }
      return undefined;
    case 'string':
      if (typeof v !== 'string') return ['type', 'must be a string'];
      return rule.maxLength !== undefined && v.length > rule.maxLength
        ? ['maxLength', `must be at most ${rule.maxLength} characters long`]
        : undefined;
    case 'reference':
      return typeof v === 'string' ? undefined : ['type', 'must name an object (a string)'];
    case 'address':
    case 'other':
    case 'table':
      // Addresses come as strings or [ip, mask] pairs, other FMG types vary: FMG itself judges them.
      return undefined;
  }
}

/**
 * Checks a write body against its table: every attribute known, every value of the right type, in
 * its enum, range and length; child-table rows against their own table. One pass over the body.
 */
export function checkBody(
  table: CompiledTable,
  body: Record<string, unknown>,
  child: (table: string) => CompiledTable | undefined,
  path = 'body',
): void {
  for (const [name, value] of Object.entries(body)) {
    const at = `${path}.${name}`;
    const rule = table.byName.get(name);
    if (!rule) {
      if (META_ATTRIBUTES.has(name)) continue;
      throw violation(at, name, 'unknown', `"${name}" is not an attribute of ${table.table}`);
    }
    if (rule.kind === 'table') {
      const sub = rule.table ? child(rule.table) : undefined;
      const rows = Array.isArray(value) ? value : [value];
      rows.forEach((row, i) => {
        if (row === null || typeof row !== 'object' || Array.isArray(row)) {
          throw violation(`${at}[${i}]`, name, 'type', 'must be an object (a row of the child table)');
        }
        if (sub) checkBody(sub, row as Record<string, unknown>, child, `${at}[${i}]`);
      });
      continue;
    }
    const values = rule.list && Array.isArray(value) ? value : [value];
    if (rule.maxItems !== undefined && values.length > rule.maxItems) {
      throw violation(at, name, 'maxItems', `takes at most ${rule.maxItems} values`);
    }
    if (!rule.list && Array.isArray(value) && rule.kind !== 'address' && rule.kind !== 'other') {
      throw violation(at, name, 'type', 'takes one value, not a list');
    }
    const enums = table.enums.get(name);
    for (const v of values) {
      const bad = checkValue(rule, enums, v);
      if (bad) throw violation(at, name, bad[0], `${JSON.stringify(v)} ${bad[1]}`);
    }
  }
}

/** A name used in `fields`, `sort` or `filter` must be an attribute of the table. */
export function checkAttributeName(table: CompiledTable, name: string, parameter: string): void {
  if (table.byName.has(name) || META_ATTRIBUTES.has(name)) return;
  throw violation(
    parameter,
    name,
    'unknown',
    `"${name}" in ${parameter} is not an attribute of ${table.table}`,
  );
}
