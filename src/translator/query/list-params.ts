import { badRequest } from '../../common/errors/gateway-error';
import type { FieldNames } from '../resource';

/** Per-parameter translators for `?fields=` and `?sort=` (docs/upstream-api.md §3.2). Pure, unit-tested. */

export function splitList(input: string | string[] | undefined): string[] {
  const raw = Array.isArray(input) ? input.join(',') : (input ?? '');
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function resolve(field: string, fields: FieldNames, parameter: 'fields' | 'sort'): string {
  if (typeof fields === 'function') return fields(field, parameter);
  const attr = fields[field];
  if (attr === undefined) {
    throw badRequest(
      `Unknown field "${field}" in ${parameter}. Allowed: ${Object.keys(fields).join(', ')}.`,
      {
        parameter,
      },
    );
  }
  return attr;
}

/**
 * `?fields=name,subnet` → `["name","subnet"]`; the key field is always included so items stay
 * addressable (open resources have none to add).
 */
export function parseFields(
  input: string | string[] | undefined,
  fields: FieldNames,
  keyField: string | undefined,
): string[] | undefined {
  const list = splitList(input);
  if (list.length === 0) return undefined;
  const attrs = new Set(list.map((f) => resolve(f, fields, 'fields')));
  if (keyField !== undefined) attrs.add(resolve(keyField, fields, 'fields'));
  return [...attrs];
}

/** `?sort=-name,policyid` → `[{"name":-1},{"policyid":1}]`. */
export function parseSort(
  input: string | string[] | undefined,
  fields: FieldNames,
): Record<string, 1 | -1>[] | undefined {
  const list = splitList(input);
  if (list.length === 0) return undefined;
  return list.map((item) => {
    const desc = item.startsWith('-');
    const name = item.replace(/^[-+]/, '');
    return { [resolve(name, fields, 'sort')]: desc ? -1 : 1 };
  });
}
