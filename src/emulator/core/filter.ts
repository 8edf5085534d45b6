/**
 * FMG `filter` grammar (docs/upstream-api.md §3.1):
 *   condition  [attr, op, value, ...]
 *   negation   ["!", attr, op, ...] | ["!", [expr]]
 *   compound   [[expr], "&&", [expr], "||", [expr]]   (&& binds tighter than ||)
 * Malformed expressions throw FilterError, which the caller maps to -8.
 */
import { str, type Row } from './util';

export type { Row } from './util';
export type Predicate = (row: Row) => boolean;

export class FilterError extends Error {}

const OPS = new Set(['==', '!=', '<', '<=', '>', '>=', 'like', 'in', 'contain', '&']);

export function compileFilter(expr: unknown): Predicate {
  if (!Array.isArray(expr)) throw new FilterError('filter must be an array');
  // [U] An empty filter is treated as "no filter" rather than an error.
  if (expr.length === 0) return () => true;
  const head: unknown = expr[0];
  if (head === '!') {
    const rest = expr.slice(1);
    // ["!", [expr]] and ["!", [c1], "&&", [c2]] negate an expression; ["!", attr, op, ...] a condition.
    const inner = Array.isArray(rest[0])
      ? compileFilter(rest.length === 1 ? rest[0] : rest)
      : compileCondition(rest);
    return (row) => !inner(row);
  }
  if (Array.isArray(head)) return compileCompound(expr);
  return compileCondition(expr);
}

function compileCompound(expr: unknown[]): Predicate {
  if (expr.length % 2 === 0) {
    throw new FilterError('compound filter must alternate expressions and operators');
  }
  // Collect OR-groups of AND-chains so && binds tighter than ||.
  const groups: Predicate[][] = [[compileFilter(expr[0])]];
  for (let i = 1; i < expr.length; i += 2) {
    const op = expr[i];
    if (op !== '&&' && op !== '||') throw new FilterError(`unknown logical operator ${str(op)}`);
    if (!Array.isArray(expr[i + 1])) throw new FilterError('operand must be an array');
    const p = compileFilter(expr[i + 1]);
    if (op === '&&') groups[groups.length - 1].push(p);
    else groups.push([p]);
  }
  return (row) => groups.some((and) => and.every((p) => p(row)));
}

function compileCondition(cond: unknown[]): Predicate {
  const [attr, op, ...values] = cond;
  if (typeof attr !== 'string' || typeof op !== 'string' || !OPS.has(op)) {
    throw new FilterError(`invalid condition ${JSON.stringify(cond)}`);
  }
  if (values.length === 0) throw new FilterError(`missing value in ${JSON.stringify(cond)}`);
  if (op === 'in') {
    // Values follow as extra items; a single array value is accepted too.
    const set = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    return (row) => elements(row[attr]).some((e) => set.some((v) => scalarEq(e, v)));
  }
  if (values.length !== 1) throw new FilterError(`operator ${op} takes one value`);
  const value = values[0];
  switch (op) {
    case '==':
      return (row) => equals(row[attr], value);
    case '!=':
      return (row) => !equals(row[attr], value);
    case 'like': {
      const re = likeToRegExp(str(value));
      return (row) => elements(row[attr]).some((e) => e !== undefined && re.test(str(e)));
    }
    case 'contain':
      return (row) => contains(row[attr], value);
    case '&':
      return (row) => bitmask(row[attr], value);
    default:
      return (row) => ordered(row[attr], op, value);
  }
}

/** Scalar attributes become a one-element list so list attributes match if any element matches. */
function elements(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v)));
}

function scalarEq(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return false;
  if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
  return str(a) === str(b);
}

function equals(attr: unknown, value: unknown): boolean {
  if (Array.isArray(value)) {
    // Whole-list comparison, e.g. subnet == ["10.0.0.0", "255.255.255.0"].
    return Array.isArray(attr) && attr.length === value.length && attr.every((a, i) => scalarEq(a, value[i]));
  }
  return elements(attr).some((e) => scalarEq(e, value));
}

function contains(attr: unknown, value: unknown): boolean {
  if (Array.isArray(attr)) return attr.some((e) => scalarEq(e, value));
  // [U] On a plain string attribute `contain` is treated as a substring test.
  return typeof attr === 'string' && attr.includes(str(value));
}

function bitmask(attr: unknown, value: unknown): boolean {
  if (isNumeric(attr) && isNumeric(value)) return (Number(attr) & Number(value)) !== 0;
  // Symbolic flags (verbose mode) are modelled as a string or list of flag names.
  return elements(attr).some((e) => e === value);
}

function ordered(attr: unknown, op: string, value: unknown): boolean {
  const sub = toSubnet(value);
  const own = sub ? toSubnet(attr) : undefined;
  if (sub && own) return subnetCompare(own, sub, op);
  return elements(attr).some((e) => {
    if (e === undefined || e === null) return false;
    const cmp = isNumeric(e) && isNumeric(value) ? Number(e) - Number(value) : compareStr(str(e), str(value));
    return op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '>' ? cmp > 0 : cmp >= 0;
  });
}

function compareStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SQL LIKE: % = any run, _ = one char. [U] Case-insensitive, as in SQLite's LIKE. */
function likeToRegExp(pattern: string): RegExp {
  let src = '';
  for (const ch of pattern) {
    if (ch === '%') src += '.*';
    else if (ch === '_') src += '.';
    else src += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 'is');
}

// On subnets `<=` means "inside" (docs/upstream-api.md §3.1); the other orderings follow by analogy [U].
interface Net {
  addr: number;
  mask: number;
}

function ipToInt(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

function toSubnet(v: unknown): Net | undefined {
  let ip: unknown;
  let mask: unknown;
  if (Array.isArray(v) && v.length === 2) [ip, mask] = v;
  else if (typeof v === 'string' && /[ /]/.test(v.trim())) [ip, mask] = v.trim().split(/[ /]+/);
  else return undefined;
  const addr = ipToInt(ip);
  let m = ipToInt(mask);
  if (m === undefined && typeof mask === 'string' && /^\d{1,2}$/.test(mask) && Number(mask) <= 32) {
    m = Number(mask) === 0 ? 0 : (0xffffffff << (32 - Number(mask))) >>> 0;
  }
  if (addr === undefined || m === undefined) return undefined;
  return { addr: (addr & m) >>> 0, mask: m };
}

function inside(inner: Net, outer: Net): boolean {
  return (inner.mask & outer.mask) >>> 0 === outer.mask && (inner.addr & outer.mask) >>> 0 === outer.addr;
}

function subnetCompare(own: Net, other: Net, op: string): boolean {
  const same = own.addr === other.addr && own.mask === other.mask;
  if (op === '<=') return inside(own, other);
  if (op === '<') return inside(own, other) && !same;
  if (op === '>=') return inside(other, own);
  return inside(other, own) && !same;
}
