/**
 * A JQL tokenizer and recursive-descent parser for the subset the fake Jira understands
 * (docs/fake-jira.md). It knows syntax only; field names and values are checked when the query
 * is compiled against the data (jql-compile.ts).
 *
 *   query    := [or] [ORDER BY sort (',' sort)*]
 *   or       := and ((OR | '||') and)*
 *   and      := not ((AND | '&&') not)*
 *   not      := (NOT | '!') not | '(' or ')' | clause
 *   clause   := field op operand
 *   op       := = | != | < | <= | > | >= | ~ | !~ | IN | NOT IN | IS | IS NOT
 *   operand  := value | '(' value (',' value)* ')' | EMPTY | NULL
 *   value    := string | word | function '(' [value (',' value)*] ')'
 */

export class JqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlError';
  }
}

type TokenKind = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based character position, as Jira reports it. */
  position: number;
}

const OPERATOR_CHARS = new Set(['=', '!', '<', '>', '~']);
const WORD_STOP = new Set([' ', '\t', '\n', '\r', '(', ')', ',', '"', "'", '=', '!', '<', '>', '~', '&', '|']);

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const position = i + 1;
    if (c === '(') {
      tokens.push({ kind: 'lparen', text: c, position });
      i++;
    } else if (c === ')') {
      tokens.push({ kind: 'rparen', text: c, position });
      i++;
    } else if (c === ',') {
      tokens.push({ kind: 'comma', text: c, position });
      i++;
    } else if (c === '"' || c === "'") {
      let text = '';
      let j = i + 1;
      for (; j < input.length && input[j] !== c; j++) {
        if (input[j] === '\\' && j + 1 < input.length) j++;
        text += input[j];
      }
      if (j >= input.length) throw new JqlError(`Error in the JQL Query: The quoted string '${text}' has not been completed. (line 1, character ${position})`);
      tokens.push({ kind: 'string', text, position });
      i = j + 1;
    } else if (c === '&' || c === '|') {
      if (input[i + 1] !== c) {
        throw new JqlError(`Error in the JQL Query: The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}' instead. (line 1, character ${position})`);
      }
      tokens.push({ kind: 'word', text: c === '&' ? 'AND' : 'OR', position });
      i += 2;
    } else if (OPERATOR_CHARS.has(c)) {
      const two = input.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=' || two === '!~') {
        tokens.push({ kind: 'op', text: two, position });
        i += 2;
      } else {
        tokens.push({ kind: 'op', text: c, position });
        i++;
      }
    } else {
      let j = i;
      // `cf[10016]` is one word.
      while (j < input.length && !WORD_STOP.has(input[j] as string)) j++;
      const text = input.slice(i, j);
      tokens.push({ kind: 'word', text, position });
      i = j;
    }
  }
  tokens.push({ kind: 'eof', text: '', position: input.length + 1 });
  return tokens;
}

export type JqlOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type JqlValue =
  | { kind: 'literal'; text: string; quoted: boolean }
  | { kind: 'function'; name: string; args: string[] }
  | { kind: 'empty' };

export type JqlOperand = JqlValue | { kind: 'list'; items: JqlValue[] };

export interface JqlClause {
  kind: 'clause';
  field: string;
  operator: JqlOperator;
  operand: JqlOperand;
  position: number;
}

export type JqlNode = JqlClause | { kind: 'and'; children: JqlNode[] } | { kind: 'or'; children: JqlNode[] } | { kind: 'not'; child: JqlNode };

export interface JqlSort {
  field: string;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  where?: JqlNode;
  orderBy: JqlSort[];
}

const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc']);
const OPERATOR_LIST = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'";

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  private fail(expected: string, token: Token): never {
    const got = token.kind === 'eof' ? 'the end of the query' : `'${token.text}'`;
    throw new JqlError(`Error in the JQL Query: Expecting ${expected} but got ${got}. (line 1, character ${token.position})`);
  }

  parse(): JqlQuery {
    let where: JqlNode | undefined;
    if (this.peek().kind !== 'eof' && !(this.isWord('order') && this.isWord('by', 1))) where = this.parseOr();
    const orderBy: JqlSort[] = [];
    if (this.isWord('order')) {
      this.next();
      if (!this.isWord('by')) this.fail("'by'", this.peek());
      this.next();
      do {
        if (orderBy.length) this.next();
        const field = this.next();
        if (field.kind !== 'word' && field.kind !== 'string') this.fail('a field name', field);
        let direction: 'asc' | 'desc' = 'asc';
        if (this.isWord('asc') || this.isWord('desc')) direction = this.next().text.toLowerCase() as 'asc' | 'desc';
        orderBy.push({ field: field.text, direction });
      } while (this.peek().kind === 'comma');
    }
    const rest = this.peek();
    if (rest.kind !== 'eof') this.fail(where ? "either 'OR' or 'AND'" : 'a field name', rest);
    if (orderBy.length > 7) throw new JqlError('Error in the JQL Query: The ORDER BY clause can contain at most 7 fields.');
    return { ...(where ? { where } : {}), orderBy };
  }

  private parseOr(): JqlNode {
    const children = [this.parseAnd()];
    while (this.isWord('or')) {
      this.next();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? (children[0] as JqlNode) : { kind: 'or', children };
  }

  private parseAnd(): JqlNode {
    const children = [this.parseNot()];
    while (this.isWord('and')) {
      this.next();
      children.push(this.parseNot());
    }
    return children.length === 1 ? (children[0] as JqlNode) : { kind: 'and', children };
  }

  private parseNot(): JqlNode {
    const token = this.peek();
    if (this.isWord('not') || (token.kind === 'op' && token.text === '!')) {
      this.next();
      return { kind: 'not', child: this.parseNot() };
    }
    if (token.kind === 'lparen') {
      this.next();
      const inner = this.parseOr();
      if (this.peek().kind !== 'rparen') this.fail("')'", this.peek());
      this.next();
      return inner;
    }
    return this.parseClause();
  }

  private parseClause(): JqlClause {
    const fieldToken = this.next();
    if ((fieldToken.kind !== 'word' && fieldToken.kind !== 'string') || (fieldToken.kind === 'word' && RESERVED.has(fieldToken.text.toLowerCase()))) {
      this.fail('a field name', fieldToken);
    }
    const operator = this.parseOperator();
    let operand: JqlOperand;
    if (operator === 'is' || operator === 'is not') {
      if (!this.isWord('empty') && !this.isWord('null')) this.fail("'EMPTY' or 'NULL'", this.peek());
      this.next();
      operand = { kind: 'empty' };
    } else if (operator === 'in' || operator === 'not in') {
      if (this.peek().kind === 'lparen') {
        this.next();
        const items: JqlValue[] = [];
        if (this.peek().kind !== 'rparen') {
          items.push(this.parseValue());
          while (this.peek().kind === 'comma') {
            this.next();
            items.push(this.parseValue());
          }
        }
        if (this.peek().kind !== 'rparen') this.fail("')' or ','", this.peek());
        this.next();
        if (items.length === 0) this.fail('a value', this.peek(-1));
        operand = { kind: 'list', items };
      } else {
        const value = this.parseValue();
        if (value.kind !== 'function') this.fail("'('", this.peek(-1));
        operand = value;
      }
    } else {
      operand = this.parseValue();
    }
    return { kind: 'clause', field: fieldToken.text, operator, operand, position: fieldToken.position };
  }

  private parseOperator(): JqlOperator {
    const token = this.peek();
    if (token.kind === 'op' && token.text !== '!') {
      this.next();
      return token.text as JqlOperator;
    }
    if (this.isWord('in')) {
      this.next();
      return 'in';
    }
    if (this.isWord('not') && this.isWord('in', 1)) {
      this.next();
      this.next();
      return 'not in';
    }
    if (this.isWord('is')) {
      this.next();
      if (this.isWord('not')) {
        this.next();
        return 'is not';
      }
      return 'is';
    }
    const got = token.kind === 'eof' ? 'the end of the query' : `'${token.text}'`;
    throw new JqlError(`Error in the JQL Query: Expecting operator but got ${got}. The valid operators are ${OPERATOR_LIST}. (line 1, character ${token.position})`);
  }

  private parseValue(): JqlValue {
    const token = this.next();
    if (token.kind === 'string') return { kind: 'literal', text: token.text, quoted: true };
    if (token.kind !== 'word') this.fail('either a value, an empty value or a function', token);
    const lower = token.text.toLowerCase();
    if (lower === 'empty' || lower === 'null') return { kind: 'empty' };
    if (RESERVED.has(lower)) this.fail('either a value, an empty value or a function', token);
    if (this.peek().kind === 'lparen') {
      this.next();
      const args: string[] = [];
      while (this.peek().kind !== 'rparen') {
        const arg = this.next();
        if (arg.kind !== 'word' && arg.kind !== 'string') this.fail("a function argument or ')'", arg);
        args.push(arg.text);
        if (this.peek().kind === 'comma') this.next();
        else if (this.peek().kind !== 'rparen') this.fail("',' or ')'", this.peek());
      }
      this.next();
      return { kind: 'function', name: token.text, args };
    }
    return { kind: 'literal', text: token.text, quoted: false };
  }
}

/** Parses JQL; throws JqlError with a Jira-like message on bad syntax. */
export function parseJql(input: string): JqlQuery {
  return new Parser(tokenize(input)).parse();
}
