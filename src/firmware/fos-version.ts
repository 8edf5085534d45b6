/**
 * FortiOS versions as FMG writes them (docs/upstream-api.md §8.9): catalogue and path entries are
 * `7.2.8-b1639` (sometimes with `-GA`), a device record splits them into `os_ver` ("7.0": the major),
 * `mr`, `patch` and `build`.
 */
export interface FosVersion {
  /** `7.2.8`. */
  version: string;
  build?: number;
}

export function parseFmgVersion(text: string): FosVersion | undefined {
  const m = /^(\d+\.\d+\.\d+)(?:-b?(\d+))?/.exec(text.trim());
  if (!m) return undefined;
  return { version: m[1], ...(m[2] ? { build: Number(m[2]) } : {}) };
}

/** The version of a dvmdb device record, or undefined when FMG does not know it. */
export function deviceVersion(dev: Record<string, unknown>): FosVersion | undefined {
  const major = parseInt(typeof dev.os_ver === 'string' ? dev.os_ver : '', 10);
  const [mr, patch] = [Number(dev.mr), Number(dev.patch)];
  if (!Number.isInteger(major) || !Number.isInteger(mr) || !Number.isInteger(patch)) return undefined;
  const build = Number(dev.build);
  return { version: `${major}.${mr}.${patch}`, ...(build > 0 ? { build } : {}) };
}

/** Numeric order of `a.b.c` versions. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
