/**
 * A unified diff of two texts, line by line. FMG has no diff of device revisions in its API
 * (docs/upstream-api.md §8.9), so the gateway computes it from the two checked-out configurations.
 */
export interface LineDiff {
  /** Unified diff (`-`/`+`/` ` lines, `@@` hunks with 3 lines of context). */
  text: string;
  added: number;
  removed: number;
}

/** Above this many cells the LCS table is not built: the differing middle is shown as replaced. */
const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

type Op = [' ' | '-' | '+', string];

export function diffLines(before: string, after: string, labels: [string, string]): LineDiff {
  const a = split(before);
  const b = split(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [
    ...a.slice(0, start).map((l): Op => [' ', l]),
    ...middle(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map((l): Op => [' ', l]),
  ];
  const added = ops.filter((o) => o[0] === '+').length;
  const removed = ops.filter((o) => o[0] === '-').length;
  if (added + removed === 0) return { text: '', added, removed };
  return { text: [`--- ${labels[0]}`, `+++ ${labels[1]}`, ...hunks(ops)].join('\n') + '\n', added, removed };
}

function split(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Longest common subsequence of the differing middle; a plain replace when it would be too large. */
function middle(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map((l): Op => ['-', l]), ...b.map((l): Op => ['+', l])];
  }
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push([' ', a[i++]]);
      j++;
    } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) out.push(['-', a[i++]]);
    else out.push(['+', b[j++]]);
  }
  while (i < a.length) out.push(['-', a[i++]]);
  while (j < b.length) out.push(['+', b[j++]]);
  return out;
}

/** Groups changes with CONTEXT lines around them into `@@ -l,n +l,n @@` hunks. */
function hunks(ops: Op[]): string[] {
  const changed = ops.map((o, k) => (o[0] === ' ' ? -1 : k)).filter((k) => k >= 0);
  const out: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const first = Math.max(0, changed[k] - CONTEXT);
    let last = changed[k];
    while (k + 1 < changed.length && changed[k + 1] - last <= 2 * CONTEXT) last = changed[++k];
    k++;
    const end = Math.min(ops.length, last + CONTEXT + 1);
    const before = ops.slice(0, first);
    const lineA = before.filter((o) => o[0] !== '+').length + 1;
    const lineB = before.filter((o) => o[0] !== '-').length + 1;
    const body = ops.slice(first, end);
    const countA = body.filter((o) => o[0] !== '+').length;
    const countB = body.filter((o) => o[0] !== '-').length;
    out.push(`@@ -${lineA},${countA} +${lineB},${countB} @@`, ...body.map(([op, l]) => op + l));
  }
  return out;
}
