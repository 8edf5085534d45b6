import type { Type } from '@nestjs/common';

/** A flat record of a path or query string: string values (an array for a repeated query key). */
type Flat = Record<string, string | string[]>;

/** What one validated argument became: the DTO's own enumerable values, all primitives (or lists of them). */
type Validated = Record<string, unknown>;

const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');

/** The key of a flat input, or undefined when it is not flat (then it is not cached). */
function keyOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  // Any prototype: find-my-way's params and the query parser's records have prototypes without keys.
  for (const name of Object.keys(value)) {
    const v = (value as Flat)[name];
    if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
      return undefined;
    }
  }
  // JSON text: unambiguous whatever characters the strings hold (a separator could be forged).
  return JSON.stringify(value);
}

/**
 * Path parameters and query strings repeat: every GET of one address validates `{adom, name}` and `{}`
 * again (class-transformer builds the DTO, class-validator runs its rules, ~5 % of a small GET). The
 * answer depends only on the DTO class and the strings, so a success is kept (bounded, least recently
 * used first out) and each later identical argument gets its own fresh copy of it. Failures are not
 * kept: they are rare and their problem is built each time. Bodies never come here (they are nested,
 * large and rarely repeated).
 */
export class ValidatedArgsCache {
  private readonly entries = new Map<string, { type: Type<unknown>; value: Validated }>();
  private readonly ids = new WeakMap<Type<unknown>, number>();
  private nextId = 0;

  constructor(private readonly maxEntries = 2_000) {}

  /** The key of `value` as an argument of `type`, or undefined when it cannot be cached. */
  key(type: Type<unknown>, value: unknown): string | undefined {
    const flat = keyOf(value);
    if (flat === undefined) return undefined;
    let id = this.ids.get(type);
    if (id === undefined) this.ids.set(type, (id = this.nextId++));
    return `${id} ${flat}`;
  }

  /** A fresh instance equal to the one validated before, or undefined. */
  get(key: string): unknown {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Most recently used last: the first entry is the one to evict.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return copy(hit.type, hit.value);
  }

  /** Keeps a validated result when it is flat (primitives or lists of them); returns it. */
  set(key: string, type: Type<unknown>, result: unknown): void {
    if (typeof result !== 'object' || result === null || Object.getPrototypeOf(result) !== type.prototype) {
      return;
    }
    const own = result as Validated;
    for (const name of Object.keys(own)) {
      const v = own[name];
      if (!isPrimitive(v) && !(Array.isArray(v) && v.every(isPrimitive))) return;
    }
    this.entries.set(key, { type, value: copy(type, own) as Validated });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** An instance of `type` with the same own values (lists copied), so no caller can alter another's. */
function copy(type: Type<unknown>, value: Validated): unknown {
  const out = Object.create(type.prototype as object) as Validated;
  for (const name of Object.keys(value)) {
    const v = value[name];
    out[name] = Array.isArray(v) ? [...(v as unknown[])] : v;
  }
  return out;
}
