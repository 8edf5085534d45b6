/**
 * FMG urls travel inside the JSON body, so a `/` inside a name is escaped as `\/` and a literal
 * backslash as `\\` (docs/upstream-api.md §10.7). Split on unescaped `/` only, then unescape each segment.
 */

/** Splits a url into unescaped segments. Leading and trailing `/` are ignored; inner `//` yields ''. */
export function splitUrl(url: string): string[] {
  const segs: string[] = [];
  let cur = '';
  for (let i = 0; i < url.length; i++) {
    const ch = url[i];
    if (ch === '\\' && i + 1 < url.length) {
      const next = url[i + 1];
      // Only `\/` and `\\` are known escapes; keep any other backslash literally ([U] reference is silent).
      cur += next === '/' || next === '\\' ? next : ch + next;
      i++;
    } else if (ch === '/') {
      segs.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  segs.push(cur);
  if (segs.length > 1 && segs[0] === '') segs.shift();
  if (segs.length > 0 && segs[segs.length - 1] === '') segs.pop();
  return segs;
}

/** Escapes one name so it can be embedded as a single url segment. */
export function escapeSegment(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/\//g, '\\/');
}

/** Url form used by the calls log and fault matching: no leading `/`, no trailing unescaped `/`. */
export function normalizeUrl(url: string): string {
  let u = url.replace(/^\/+/, '');
  while (u.endsWith('/') && !isEscapedAt(u, u.length - 1)) u = u.slice(0, -1);
  return u;
}

function isEscapedAt(s: string, idx: number): boolean {
  let n = 0;
  for (let i = idx - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}
