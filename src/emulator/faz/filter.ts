/**
 * FAZ log filter strings (docs/upstream-api.md §9.2, community article 356468): `srcip==10.0.0.1 and action==deny`,
 * `dstip = '8.8.8.8'`, `msg = "Health Check*"`. Operators `==`/`=`, `!=`, `<`, `<=`, `>`, `>=`;
 * `*` is a wildcard; `and`/`or` (also `&&`/`||`), `not`, parentheses. A malformed filter throws
 * FilterError (the caller answers -8). Precedence details and other operators (`~`, `in`) are [U].
 */
import { FilterError, type Predicate, type Row } from '../core/filter';
import { str } from '../core/util';

type Tok = { k: 'lp' | 'rp' | 'and' | 'or' | 'not' } | { k: 'cmp'; field: string; op: string; value: string };

const CMP =
  /^([A-Za-z_][\w.-]*)\s*(==|!=|>=|<=|=|<|>)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()=!<>][^\s()]*)/;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let s = src.trim();
  while (s.length > 0) {
    let m: RegExpMatchArray | null;
    if (s[0] === '(') {
      out.push({ k: 'lp' });
      s = s.slice(1);
    } else if (s[0] === ')') {
      out.push({ k: 'rp' });
      s = s.slice(1);
    } else if ((m = /^(and\b|&&)/i.exec(s))) {
      out.push({ k: 'and' });
      s = s.slice(m[0].length);
    } else if ((m = /^(or\b|\|\|)/i.exec(s))) {
      out.push({ k: 'or' });
      s = s.slice(m[0].length);
    } else if ((m = /^(not\b|!(?!=))/i.exec(s))) {
      out.push({ k: 'not' });
      s = s.slice(m[0].length);
    } else if ((m = CMP.exec(s))) {
      let value = m[3];
      if (/^["']/.test(value)) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
      out.push({ k: 'cmp', field: m[1], op: m[2] === '=' ? '==' : m[2], value });
      s = s.slice(m[0].length);
    } else {
      throw new FilterError(`cannot parse filter near "${s.slice(0, 20)}"`);
    }
    s = s.trimStart();
  }
  return out;
}

function wildcard(pattern: string, flags: string): RegExp {
  const body = pattern
    .split('*')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, flags);
}

function condition(t: { field: string; op: string; value: string }, caseSensitive: boolean): Predicate {
  const { field, op, value } = t;
  const num = Number(value);
  const numeric = value !== '' && Number.isFinite(num);
  if (op === '==' || op === '!=') {
    const re = wildcard(value, caseSensitive ? '' : 'i');
    const eq = (row: Row) => row[field] !== undefined && re.test(str(row[field]));
    return op === '==' ? eq : (row) => !eq(row);
  }
  return (row) => {
    const v = row[field];
    if (v === undefined) return false;
    const a = numeric ? Number(v) : str(v);
    const b = numeric ? num : value;
    return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
  };
}

/** Compiles a FAZ filter string; empty or absent means every row. */
export function compileFazFilter(filter: unknown, caseSensitive = false): Predicate {
  if (filter === undefined || filter === null || filter === '') return () => true;
  if (typeof filter !== 'string') throw new FilterError('filter must be a string');
  const toks = tokenize(filter);
  let i = 0;
  // or-expr := and-expr (or and-expr)*; and-expr := unary ((and)? unary)*; unary := not unary | ( or ) | cmp
  const orExpr = (): Predicate => {
    const parts = [andExpr()];
    while (toks[i]?.k === 'or') {
      i++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? parts[0] : (row) => parts.some((p) => p(row));
  };
  const andExpr = (): Predicate => {
    const parts = [unary()];
    // [U] Juxtaposed conditions ("a==1 b==2") are read as "and", as the FAZ GUI search bar does.
    while (
      toks[i] &&
      (toks[i].k === 'and' || toks[i].k === 'cmp' || toks[i].k === 'not' || toks[i].k === 'lp')
    ) {
      if (toks[i].k === 'and') i++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0] : (row) => parts.every((p) => p(row));
  };
  const unary = (): Predicate => {
    const t = toks[i++];
    if (!t) throw new FilterError('filter ends too early');
    if (t.k === 'not') {
      const inner = unary();
      return (row) => !inner(row);
    }
    if (t.k === 'lp') {
      const inner = orExpr();
      if (toks[i++]?.k !== 'rp') throw new FilterError('missing ")" in filter');
      return inner;
    }
    if (t.k === 'cmp') return condition(t, caseSensitive);
    throw new FilterError(`unexpected "${t.k}" in filter`);
  };
  const pred = orExpr();
  if (i !== toks.length) throw new FilterError('unexpected ")" in filter');
  return pred;
}
