/**
 * What an ADOM name can be: FortiManager accepts letters, digits, `_`, `-` and `.` (not first), up to
 * 64 characters. Anything else (`*`, `/`, `\`, `%`, spaces, control characters, `.` / `..`) is no ADOM,
 * so it is refused before it is matched against an allow-list glob such as `branch-*` or put in a url.
 */
const ADOM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export function isAdomName(name: unknown): name is string {
  return typeof name === 'string' && ADOM_NAME.test(name);
}

/** For messages: the name as a JSON string, so control characters are shown escaped. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}
