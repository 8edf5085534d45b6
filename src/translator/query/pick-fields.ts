/**
 * `?fields=` answers exactly what was asked plus the resource's key (`name`; `policyid` for policies,
 * `id` for tasks and revisions; packages also keep `path`, their address). FortiManager adds attributes
 * of its own to a `fields` read (`oid`, `obj seq`, ...); they are dropped here.
 */
export function fieldSelection(
  input: string | string[] | undefined,
  keys: string[],
): Set<string> | undefined {
  const raw = Array.isArray(input) ? input.join(',') : (input ?? '');
  const asked = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (asked.length === 0) return undefined;
  return new Set([...keys, ...asked]);
}

export function pickFields<R>(row: R, wanted: Set<string> | undefined): R {
  if (!wanted || row === null || typeof row !== 'object' || Array.isArray(row)) return row;
  const picked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row as Record<string, unknown>)) {
    if (wanted.has(name)) picked[name] = value;
  }
  return picked as R;
}
