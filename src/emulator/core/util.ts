/** Tiny helpers for loosely typed JSON payloads. */
/** A loosely typed JSON object: a table row, a params element. */
export type Row = Record<string, unknown>;

export const isObj = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/** String form of a JSON value: scalars as-is, anything else as JSON (never "[object Object]"). */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? '';
}
