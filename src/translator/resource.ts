/**
 * How a REST resource maps onto an FMG table: field names both ways and value conversions.
 * One declaration per resource drives `fields`, `sort`, `filter`, and the body mapping, so the
 * allowed names can never drift between them.
 */
export interface FieldMapping {
  /** FMG attribute name. */
  fmg: string;
  toRest?: (value: unknown) => unknown;
  toFmg?: (value: unknown) => unknown;
}

export type FieldSpec = string | FieldMapping;

export interface ResourceDef<TRest> {
  /** Human name used in messages. */
  readonly label: string;
  /** REST key field (must be in `fields`). */
  readonly key: keyof TRest & string;
  readonly fields: Readonly<Record<keyof TRest & string, FieldSpec>>;
  /** Load sub-tables in lists (FMG `loadsub`). Off by default: much faster on big tables (docs/upstream-api.md §3.2). */
  readonly loadSubTables?: boolean;
  /**
   * An open resource (any FMG table by cli path) names no fields up front: each name a query uses is
   * checked and resolved by this function instead, and no key is added to `fields`.
   */
  readonly resolve?: FieldResolver;
  /** Derived REST fields a `?fields=` answer keeps besides the key (e.g. a package's `path`, its address). */
  readonly alsoKeep?: readonly string[];
}

/** Resolves a REST name used in `fields`, `sort` or `filter` to the FMG attribute, or throws a 400. */
export type FieldResolver = (name: string, parameter: 'fields' | 'sort' | 'filter') => string;

/** What the query translators resolve names with: a static map, or an open resource's resolver. */
export type FieldNames = Readonly<Record<string, string>> | FieldResolver;

const fmgName = (spec: FieldSpec): string => (typeof spec === 'string' ? spec : spec.fmg);

const attributeMaps = new WeakMap<object, Readonly<Record<string, string>>>();

/** REST field → FMG attribute, for the query translators: static, so built once per resource. */
export function attributeMap<T>(def: ResourceDef<T>): Readonly<Record<string, string>> {
  const known = attributeMaps.get(def.fields);
  if (known) return known;
  // No prototype: `?fields=constructor` must be an unknown field, not Object's constructor.
  const map = Object.create(null) as Record<string, string>;
  for (const [rest, spec] of Object.entries<FieldSpec>(def.fields)) map[rest] = fmgName(spec);
  attributeMaps.set(def.fields, Object.freeze(map));
  return map;
}

/** The names a resource's queries may use (see FieldNames). */
export function fieldNames<T>(def: ResourceDef<T>): FieldNames {
  return def.resolve ?? attributeMap(def);
}

type FieldMap = Readonly<Record<string, FieldSpec>>;

/** FMG object → REST object; unknown FMG attributes are dropped so nothing unmapped leaks. */
export function toRest<T>(def: ResourceDef<T>, fmg: Record<string, unknown>): T {
  return mapToRest(def.fields, fmg) as T;
}

interface CompiledField {
  rest: string;
  fmg: string;
  toRest?: (value: unknown) => unknown;
}

/** Field maps are static: flattened once, so mapping a 500-row list allocates only the rows themselves. */
const compiled = new WeakMap<FieldMap, CompiledField[]>();

function compile(fields: FieldMap): CompiledField[] {
  let list = compiled.get(fields);
  if (!list) {
    list = Object.entries(fields).map(([rest, spec]) => ({
      rest,
      fmg: fmgName(spec),
      toRest: typeof spec === 'string' ? undefined : spec.toRest,
    }));
    compiled.set(fields, list);
  }
  return list;
}

function mapToRest(fields: FieldMap, fmg: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of compile(fields)) {
    const value = fmg[field.fmg];
    if (value === undefined) continue;
    out[field.rest] = field.toRest ? field.toRest(value) : value;
  }
  return out;
}

/** REST body → FMG data; only declared fields that the client actually sent. */
export function toFmg<T>(def: ResourceDef<T>, body: object): Record<string, unknown> {
  return mapToFmg(def.fields, body);
}

function mapToFmg(fields: FieldMap, body: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = body as Record<string, unknown>;
  for (const [rest, spec] of Object.entries(fields)) {
    const value = source[rest];
    if (value === undefined) continue;
    out[fmgName(spec)] = typeof spec !== 'string' && spec.toFmg ? spec.toFmg(value) : value;
  }
  return out;
}

/** A nested FMG object (e.g. `package settings`) with its own field renames. */
export function nested(fmg: string, fields: FieldMap): FieldMapping {
  return {
    fmg,
    toRest: (v) => mapToRest(fields, (v ?? {}) as Record<string, unknown>),
    toFmg: (v) => mapToFmg(fields, v as object),
  };
}

/**
 * An FMG list attribute (members, days, port ranges). FMG accepts and may return a space-separated
 * string where a list is meant; REST always shows a list of single items.
 */
export function list(fmg: string): FieldMapping {
  return { fmg, toRest: listToRest };
}

const SPACE = /\s/;

function listToRest(v: unknown): unknown[] {
  const items = Array.isArray(v) ? (v as unknown[]) : [v];
  // The common case, a list of single names (every row of a 500-policy page has five or six): kept as
  // it came, not rebuilt item by item. The answer is this request's own parse (or frozen, if shared).
  if (items.every((item) => typeof item !== 'string' || (item !== '' && !SPACE.test(item)))) return items;
  return items.flatMap((item) =>
    typeof item === 'string' ? item.split(/\s+/).filter((s) => s !== '') : [item],
  );
}
