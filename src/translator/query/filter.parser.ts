import { badRequest } from '../../common/errors/gateway-error';
import type { FieldNames } from '../resource';

/**
 * The REST filter syntax, parsed into FortiManager's filter arrays (docs/upstream-api.md §3.1).
 *
 *   name==web*                      like "web%"  (a `*` in an == value is a wildcard)
 *   name!=default                   ["!", "name", "==", "default"]
 *   policyid>=10 and action==deny   [[...], "&&", [...]]
 *   type in (ipmask,fqdn) or not (comment==x)
 *   member contains web-01          ["member", "contain", "web-01"]
 *   name like "web%"                raw SQL-style pattern, passed through
 *
 * `and`/`&&`/`;` bind tighter than `or`/`||`; `not`/`!` negates; parentheses group. Values are bare words
 * or quoted with "..." / '...' (backslash escapes). Bare integers become numbers. Negation is pushed
 * down to single conditions (De Morgan), because `["!", cond]` is the only negated form FMG documents.
 */
export type FmgFilter = unknown[];

export interface FilterOptions {
  /** REST field name → FMG attribute name (or an open resource's resolver). Anything else is a 400. */
  fields: FieldNames;
}

const MAX_LENGTH = 2000;
const MAX_CONDITIONS = 50;
const MAX_DEPTH = 10;

type Op = '==' | '<' | '<=' | '>' | '>=' | 'like' | 'in' | 'contain';
type Node =
  | { kind: 'cond'; field: string; op: Op; values: (string | number)[]; negated: boolean }
  | { kind: 'and' | 'or'; items: Node[] };

type Token = { type: 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma'; text: string; pos: number };

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>'];

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, pos: i });
      i++;
    } else if (c === '"' || c === "'") {
      const start = i;
      let text = '';
      i++;
      while (i < input.length && input[i] !== c) {
        if (input[i] === '\\' && i + 1 < input.length) i++;
        text += input[i++];
      }
      if (i >= input.length) throw syntaxError(`unterminated string starting at ${start}`);
      i++;
      tokens.push({ type: 'string', text, pos: start });
    } else if (input.startsWith('&&', i) || input.startsWith('||', i)) {
      tokens.push({ type: 'word', text: input.slice(i, i + 2), pos: i });
      i += 2;
    } else if (c === ';') {
      tokens.push({ type: 'word', text: '&&', pos: i });
      i++;
    } else {
      const op = OPERATORS.find((o) => input.startsWith(o, i));
      if (op) {
        tokens.push({ type: 'op', text: op, pos: i });
        i += op.length;
      } else if (c === '!') {
        tokens.push({ type: 'word', text: '!', pos: i });
        i++;
      } else {
        const start = i;
        while (i < input.length && !/[\s(),;"'<>=!&|]/.test(input[i])) i++;
        // A bare value may contain characters that also start operators (e.g. a `!` mid-word is rare);
        // we keep the tokenizer strict and ask for quotes instead.
        if (i === start) throw syntaxError(`unexpected "${c}" at ${i}`);
        tokens.push({ type: 'word', text: input.slice(start, i), pos: start });
      }
    }
  }
  return tokens;
}

function syntaxError(message: string) {
  return badRequest(`Invalid filter: ${message}.`, { parameter: 'filter' });
}

class Parser {
  private i = 0;
  private conditions = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly options: FilterOptions,
  ) {}

  parse(): Node {
    const node = this.parseOr(0);
    const rest = this.tokens[this.i];
    if (rest) throw syntaxError(`unexpected "${rest.text}" at ${rest.pos}`);
    return node;
  }

  private peekWord(...words: string[]): boolean {
    const t = this.tokens[this.i];
    return !!t && t.type === 'word' && words.includes(t.text.toLowerCase());
  }

  private parseOr(depth: number): Node {
    return this.parseChain('or', ['or', '||'], () => this.parseAnd(depth));
  }

  private parseAnd(depth: number): Node {
    return this.parseChain('and', ['and', '&&'], () => this.parseUnary(depth));
  }

  /** `operand (word operand)*`: one `kind` node of the operands, or the operand alone. */
  private parseChain(kind: 'or' | 'and', words: string[], operand: () => Node): Node {
    const items = [operand()];
    while (this.peekWord(...words)) {
      this.i++;
      items.push(operand());
    }
    return items.length === 1 ? items[0] : { kind, items };
  }

  private parseUnary(depth: number): Node {
    if (depth > MAX_DEPTH) throw syntaxError(`nesting deeper than ${MAX_DEPTH}`);
    if (this.peekWord('not', '!')) {
      this.i++;
      return negate(this.parseUnary(depth + 1));
    }
    const t = this.tokens[this.i];
    if (t?.type === 'lparen') {
      this.i++;
      const inner = this.parseOr(depth + 1);
      this.expect('rparen', ')');
      return inner;
    }
    return this.parseCondition();
  }

  private expect(type: Token['type'], what: string): Token {
    const t = this.tokens[this.i];
    if (!t || t.type !== type) throw syntaxError(`expected "${what}"${t ? ` at ${t.pos}` : ' at end'}`);
    this.i++;
    return t;
  }

  private parseCondition(): Node {
    if (++this.conditions > MAX_CONDITIONS) throw syntaxError(`more than ${MAX_CONDITIONS} conditions`);
    const fieldToken = this.expect('word', 'field name');
    const { fields } = this.options;
    const attr = typeof fields === 'function' ? fields(fieldToken.text, 'filter') : fields[fieldToken.text];
    if (attr === undefined) {
      throw badRequest(
        `Unknown filter field "${fieldToken.text}". Allowed: ${Object.keys(fields).join(', ')}.`,
        { parameter: 'filter' },
      );
    }
    const t = this.tokens[this.i];
    if (t?.type === 'op') {
      this.i++;
      const value = this.parseValue();
      if (t.text === '==' || t.text === '!=') {
        const wildcard = typeof value === 'string' && value.includes('*');
        return {
          kind: 'cond',
          field: attr,
          op: wildcard ? 'like' : '==',
          values: [wildcard ? toLikePattern(value) : value],
          negated: t.text === '!=',
        };
      }
      return { kind: 'cond', field: attr, op: t.text as Op, values: [value], negated: false };
    }
    if (this.peekWord('in')) {
      this.i++;
      this.expect('lparen', '(');
      const values = [this.parseValue()];
      while (this.tokens[this.i]?.type === 'comma') {
        this.i++;
        values.push(this.parseValue());
      }
      this.expect('rparen', ')');
      return { kind: 'cond', field: attr, op: 'in', values, negated: false };
    }
    if (this.peekWord('contains', 'like')) {
      const op = this.tokens[this.i++].text.toLowerCase() === 'like' ? 'like' : 'contain';
      return { kind: 'cond', field: attr, op, values: [this.parseValue()], negated: false };
    }
    throw syntaxError(`expected an operator after "${fieldToken.text}"`);
  }

  private parseValue(): string | number {
    const t = this.tokens[this.i];
    if (!t || (t.type !== 'word' && t.type !== 'string')) {
      throw syntaxError(`expected a value${t ? ` at ${t.pos}` : ' at end'}`);
    }
    this.i++;
    if (t.type === 'word' && /^-?\d{1,15}$/.test(t.text)) return Number(t.text);
    return t.text;
  }
}

/** `*` is the REST wildcard; FMG's `like` uses SQL `%`. Literal `%`/`_` are kept as they are. */
function toLikePattern(value: string): string {
  return value.replace(/\*/g, '%');
}

function negate(node: Node): Node {
  if (node.kind === 'cond') return { ...node, negated: !node.negated };
  return { kind: node.kind === 'and' ? 'or' : 'and', items: node.items.map(negate) };
}

function toFmg(node: Node): FmgFilter {
  if (node.kind === 'cond') {
    const cond = [node.field, node.op, ...node.values];
    return node.negated ? ['!', ...cond] : cond;
  }
  const joiner = node.kind === 'and' ? '&&' : '||';
  const out: unknown[] = [];
  node.items.forEach((item, idx) => {
    if (idx > 0) out.push(joiner);
    out.push(toFmg(item));
  });
  return out;
}

/** Parses one or more `filter` query values (several are ANDed). Returns undefined when empty. */
export function parseFilter(
  input: string | string[] | undefined,
  options: FilterOptions,
): FmgFilter | undefined {
  const parts = (Array.isArray(input) ? input : input === undefined ? [] : [input]).filter(
    (p) => p.trim() !== '',
  );
  if (parts.length === 0) return undefined;
  const nodes = parts.map((part) => {
    if (part.length > MAX_LENGTH) throw syntaxError(`longer than ${MAX_LENGTH} characters`);
    return new Parser(tokenize(part), options).parse();
  });
  return toFmg(nodes.length === 1 ? nodes[0] : { kind: 'and', items: nodes });
}
