import type { Stack } from './stack';

/** Scrapes /metrics and returns the value of the series whose labels include `labels` (sum if several). */
export async function scrape(
  stack: Stack,
): Promise<(name: string, labels?: Record<string, string>) => number> {
  const res = await stack.anonymous().get('/metrics').expect(200);
  const lines = res.text.split('\n').filter((l) => l && !l.startsWith('#'));
  return (name, labels = {}) => {
    let total = 0;
    let found = false;
    for (const line of lines) {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m || m[1] !== name) continue;
      const have = Object.fromEntries(
        [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]),
      );
      if (Object.entries(labels).every(([k, v]) => have[k] === v)) {
        total += Number(m[3]);
        found = true;
      }
    }
    return found ? total : NaN;
  };
}
