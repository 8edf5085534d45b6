import { hash } from 'node:crypto';

/** Key-order independent JSON, so the same object always hashes the same. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A strong ETag from the object as the client sees it. FMG keeps no per-object version we could use
 * cheaply, so the representation itself is the version: any change to it changes the tag.
 */
export function etagOf(representation: unknown): string {
  // The one-shot hash (Node 21.7+): a Hash object per response cost more than the hashing itself.
  return `"${hash('sha256', stable(representation), 'base64url').slice(0, 27)}"`;
}

/** RFC 9110 If-Match: `*` or a list of tags; weak tags never match for a write. */
export function etagMatches(ifMatch: string, current: string): boolean {
  const tags = ifMatch.split(',').map((t) => t.trim());
  return tags.includes('*') || tags.includes(current);
}
