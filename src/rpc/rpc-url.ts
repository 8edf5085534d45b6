import { isAdomName, quoteName } from '../auth/adom-name';
import { invalidAdomName, nonCanonicalRpcUrl } from '../common/errors/request-errors';

const CONTROL = /[\u0000-\u001f\u007f]/;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

export interface CanonicalRpcUrl {
  /** The url as sent (already canonical: nothing is rewritten). */
  url: string;
  /** Every ADOM the url names (`…/adom/<name>/…`); empty when it names none (it spans all ADOMs). */
  adoms: string[];
}

/**
 * A passthrough url is checked as FortiManager will read it, not as a string: `/`-separated segments,
 * none of them empty, `.` or `..`, percent-encoded or holding a backslash or a control character.
 * Such urls are refused (400) rather than normalised, so the url that is checked against the allow
 * and deny lists and the caller's ADOMs is exactly the url that goes upstream. Every segment after an
 * `adom` segment (any case) is an ADOM name and must be a valid one.
 */
export function canonicalRpcUrl(url: string, index: number): CanonicalRpcUrl {
  const refuse = (reason: string) => nonCanonicalRpcUrl(index, reason);
  if (CONTROL.test(url)) throw refuse('contains a control character');
  if (url.includes('\\')) throw refuse('contains a backslash (names with "/" cannot be used through /rpc)');
  if (PERCENT_ESCAPE.test(url)) throw refuse('contains a percent-encoded character (send it as it is)');
  const segments = (url.startsWith('/') ? url.slice(1) : url).split('/');
  segments.forEach((segment, i) => {
    if (segment === '') throw refuse(`has an empty segment at position ${i + 1} ("//" or a trailing "/")`);
    if (segment === '.' || segment === '..') throw refuse(`has a "${segment}" segment`);
  });
  const adoms: string[] = [];
  segments.forEach((segment, i) => {
    if (segment.toLowerCase() !== 'adom' || i + 1 >= segments.length) return;
    const name = segments[i + 1];
    if (!isAdomName(name)) throw invalidAdomName(`params[${index}].url: ADOM ${quoteName(name)}`);
    adoms.push(name);
  });
  return { url, adoms };
}
