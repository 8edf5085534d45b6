import { hash } from 'node:crypto';

/**
 * Key-order independent JSON, so the same object always hashes the same. Built in one string, without
 * entry arrays and their sorted copies (every response with an ETag goes through here).
 */
function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + stable(value[i]);
    return `${out}]`;
  }
  const fields = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(fields).sort()) {
    const v = fields[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${stable(v)}`;
  }
  return `${out}}`;
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
