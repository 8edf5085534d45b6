import { badRequest } from '../../common/errors/gateway-error';

/**
 * Builds FortiManager JSON-RPC urls so that nothing a client sends can change which url family is hit.
 *
 * FMG splits `params[].url` on `/`; a `/` inside a name must be sent as `\/` (docs/upstream-api.md §10.7). We also
 * escape a literal backslash as `\\` so a name ending in `\` cannot swallow the next separator.
 * `.` and `..` are refused outright: no source says FMG never normalises them, so they never go out.
 */
const FORBIDDEN = /[\u0000-\u001f\u007f]/;

export function escapeSegment(value: string): string {
  if (value.length === 0) throw badRequest('A name in the path must not be empty.');
  if (value === '.' || value === '..') throw badRequest(`"${value}" is not a valid name.`);
  if (FORBIDDEN.test(value)) throw badRequest('Names must not contain control characters.');
  return value.replace(/\\/g, '\\\\').replace(/\//g, '\\/');
}

/** A value that is itself a `/`-separated path (policy package folders); each part is escaped. */
export class PathValue {
  constructor(readonly parts: readonly string[]) {}
  static of(path: string): PathValue {
    return new PathValue(path.split('/'));
  }
  toString(): string {
    return this.parts.join('/');
  }
}

type UrlValue = string | number | PathValue;

/**
 * Tagged template: the literal parts are trusted, every interpolated value is escaped.
 *   fmgUrl`/pm/config/adom/${adom}/obj/firewall/address/${name}`
 */
export function fmgUrl(literals: TemplateStringsArray, ...values: UrlValue[]): string {
  let out = literals[0];
  values.forEach((value, i) => {
    out += encodeValue(value) + literals[i + 1];
  });
  return out;
}

function encodeValue(value: UrlValue): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw badRequest(`${value} is not a valid identifier.`);
    return String(value);
  }
  if (value instanceof PathValue) return value.parts.map(escapeSegment).join('/');
  return escapeSegment(value);
}
