import { advancedQueryRequired, GraphRequestError, unknownProperty } from './errors.js';

/**
 * OData $filter for directory objects, as Graph supports it on users and groups
 * (https://learn.microsoft.com/graph/filter-query-parameter, https://learn.microsoft.com/graph/aad-advanced-queries):
 * eq, ne, ge, le, in, startsWith, endsWith, not, and, or, parentheses, null. String comparisons ignore case.
 * Operators that Graph serves only as advanced queries (ne, not, endsWith, ge, le, null) need ConsistencyLevel: eventual and $count=true.
 */
export type FilterOperator = 'eq' | 'ne' | 'ge' | 'le' | 'in' | 'startsWith' | 'endsWith' | 'null';

export interface FilterField<T> {
  get(item: T): string | boolean | null;
  type: 'string' | 'boolean';
  operators: readonly FilterOperator[];
}

const ADVANCED: ReadonlySet<string> = new Set(['ne', 'not', 'endsWith', 'ge', 'le', 'null']);

type Token =
  | { kind: 'punct'; value: '(' | ')' | ',' }
  | { kind: 'string'; value: string }
  | { kind: 'word'; value: string };
type Literal = string | boolean | null;
type Predicate<T> = (item: T) => boolean;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) i++;
    else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', value: ch });
      i++;
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw syntax(`Unterminated string literal at position ${i} in '${source}'.`);
        if (source[i] === "'" && source[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (source[i] === "'") break;
        else value += source[i++];
      }
      i++;
      tokens.push({ kind: 'string', value });
    } else {
      const match = /^[A-Za-z0-9_.$/:@+-]+/.exec(source.slice(i));
      if (!match)
        throw syntax(`Syntax error: character '${ch}' is not valid at position ${i} in '${source}'.`);
      tokens.push({ kind: 'word', value: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

function syntax(message: string): GraphRequestError {
  return new GraphRequestError(400, 'BadRequest', `Invalid filter clause: ${message}`);
}

const lower = (v: string | boolean | null): string | boolean | null =>
  typeof v === 'string' ? v.toLowerCase() : v;

class Parser<T> {
  private pos = 0;
  readonly used = new Set<string>();

  constructor(
    private readonly tokens: Token[],
    private readonly fields: Record<string, FilterField<T>>,
    private readonly resource: string,
  ) {}

  parse(): Predicate<T> {
    const predicate = this.or();
    if (this.pos < this.tokens.length) throw syntax(`unexpected '${this.tokens[this.pos]!.value}'.`);
    return predicate;
  }

  private peekWord(...words: string[]): boolean {
    const token = this.tokens[this.pos];
    return token?.kind === 'word' && words.includes(token.value.toLowerCase());
  }

  private expectPunct(value: string): void {
    const token = this.tokens[this.pos++];
    if (token?.kind !== 'punct' || token.value !== value) throw syntax(`expected '${value}'.`);
  }

  // or binds looser than and: each level is a list of the next level's terms joined by its word.
  private or(): Predicate<T> {
    const parts = this.joined('or', () => this.and());
    return parts.length === 1 ? parts[0]! : (item) => parts.some((p) => p(item));
  }

  private and(): Predicate<T> {
    const parts = this.joined('and', () => this.unary());
    return parts.length === 1 ? parts[0]! : (item) => parts.every((p) => p(item));
  }

  private joined(word: 'or' | 'and', term: () => Predicate<T>): Predicate<T>[] {
    const parts = [term()];
    while (this.peekWord(word)) {
      this.pos++;
      parts.push(term());
    }
    return parts;
  }

  private unary(): Predicate<T> {
    if (this.peekWord('not')) {
      this.pos++;
      this.used.add('not');
      const inner = this.unary();
      return (item) => !inner(item);
    }
    const token = this.tokens[this.pos];
    if (token?.kind === 'punct' && token.value === '(') {
      this.pos++;
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    if (this.peekWord('startswith', 'endswith')) return this.stringFunction();
    return this.comparison();
  }

  private field(name: string | undefined, operator: FilterOperator): FilterField<T> {
    if (!name) throw syntax('expected a property name.');
    const key = Object.keys(this.fields).find((k) => k.toLowerCase() === name.toLowerCase());
    if (!key) throw unknownProperty(name, this.resource.toLowerCase());
    const field = this.fields[key]!;
    if (!field.operators.includes(operator)) {
      throw new GraphRequestError(
        400,
        'Request_UnsupportedQuery',
        `Unsupported or invalid query filter clause specified for property '${key}' of resource '${this.resource}'.`,
      );
    }
    this.used.add(operator);
    return field;
  }

  private stringFunction(): Predicate<T> {
    const name = this.tokens[this.pos++]!.value.toLowerCase();
    const operator: FilterOperator = name === 'startswith' ? 'startsWith' : 'endsWith';
    this.expectPunct('(');
    const field = this.field(this.tokens[this.pos++]?.value, operator);
    this.expectPunct(',');
    const literal = this.literal();
    this.expectPunct(')');
    if (typeof literal !== 'string') throw syntax(`${operator} needs a string literal.`);
    const needle = literal.toLowerCase();
    return operator === 'startsWith'
      ? (item) => String(lower(field.get(item)) ?? '').startsWith(needle) && field.get(item) !== null
      : (item) => String(lower(field.get(item)) ?? '').endsWith(needle) && field.get(item) !== null;
  }

  private literal(): Literal {
    const token = this.tokens[this.pos++];
    if (!token) throw syntax('expected a literal.');
    if (token.kind === 'string') return token.value;
    if (token.kind === 'word') {
      const word = token.value.toLowerCase();
      if (word === 'true' || word === 'false') return word === 'true';
      if (word === 'null') return null;
      if (/^-?\d+(\.\d+)?$/.test(word)) return token.value;
    }
    throw syntax(`'${token.value}' is not a valid literal.`);
  }

  private comparison(): Predicate<T> {
    const name = this.tokens[this.pos++];
    if (name?.kind !== 'word') throw syntax('expected a property name.');
    const opToken = this.tokens[this.pos++];
    const op = opToken?.kind === 'word' ? opToken.value.toLowerCase() : '';
    if (op === 'in') {
      const field = this.field(name.value, 'in');
      this.expectPunct('(');
      const values: Literal[] = [this.literal()];
      while (this.tokens[this.pos]?.value === ',') {
        this.pos++;
        values.push(this.literal());
      }
      this.expectPunct(')');
      const wanted = new Set(values.map(lower));
      return (item) => wanted.has(lower(field.get(item)));
    }
    if (op !== 'eq' && op !== 'ne' && op !== 'ge' && op !== 'le') {
      throw syntax(`'${opToken?.value ?? ''}' is not a supported comparison operator (eq, ne, ge, le, in).`);
    }
    const literal = this.literal();
    const field = this.field(name.value, literal === null ? 'null' : op);
    if (literal === null) {
      if (op !== 'eq' && op !== 'ne') throw syntax(`null can only be compared with eq or ne.`);
      this.used.add(op);
      return op === 'eq' ? (item) => field.get(item) === null : (item) => field.get(item) !== null;
    }
    if (field.type === 'boolean' && typeof literal !== 'boolean')
      throw syntax(`property '${name.value}' is a Boolean.`);
    if (field.type === 'string' && typeof literal !== 'string')
      throw syntax(`property '${name.value}' is a String; quote the value.`);
    const value = lower(literal);
    switch (op) {
      case 'eq':
        return (item) => lower(field.get(item)) === value;
      case 'ne':
        return (item) => lower(field.get(item)) !== value;
      case 'ge':
        return (item) => {
          const v = lower(field.get(item));
          return v !== null && String(v) >= String(value);
        };
      default:
        return (item) => {
          const v = lower(field.get(item));
          return v !== null && String(v) <= String(value);
        };
    }
  }
}

export interface CompiledFilter<T> {
  predicate: Predicate<T>;
  /** True when the expression uses an operator Graph serves only as an advanced query. */
  advanced: boolean;
}

/** Compiles a $filter expression; throws GraphRequestError with Graph's code for bad or unsupported clauses. */
export function compileFilter<T>(
  expression: string,
  fields: Record<string, FilterField<T>>,
  resource: string,
  advancedAllowed: boolean,
): CompiledFilter<T> {
  const parser = new Parser(tokenize(expression), fields, resource);
  const predicate = parser.parse();
  const advancedOperator = [...parser.used].find((op) => ADVANCED.has(op));
  if (advancedOperator && !advancedAllowed)
    throw advancedQueryRequired(advancedOperator === 'null' ? 'eq' : advancedOperator);
  return { predicate, advanced: !!advancedOperator };
}
