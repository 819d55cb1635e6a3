import type { StoredIssue } from './jira-model';
import type { JiraState } from './jira-state';
import { Evaluator, JqlError } from './jira-jql-evaluator';

export { JqlError };

type Token = { kind: 'word' | 'string' | 'op' | 'punct'; text: string };
export type Value =
  { kind: 'literal'; text: string } | { kind: 'function'; name: string } | { kind: 'empty' };
export type Node =
  | { kind: 'and'; left: Node; right: Node }
  | { kind: 'or'; left: Node; right: Node }
  | { kind: 'not'; inner: Node }
  | { kind: 'clause'; field: string; op: string; values: Value[] };

export interface JqlQuery {
  /** False for queries without any search restriction (Jira's enhanced search refuses them). */
  bounded: boolean;
  matches(issue: StoredIssue): boolean;
  compare(a: StoredIssue, b: StoredIssue): number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc']);

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(!=|>=|<=|!~|=|>|<|~)|([(),])|([^\s(),=!<>~"']+))/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < jql.length && (match = pattern.exec(jql))) {
    if (match[1]) tokens.push({ kind: 'string', text: match[1].slice(1, -1).replace(/\\(.)/g, '$1') });
    else if (match[2]) tokens.push({ kind: 'op', text: match[2] });
    else if (match[3]) tokens.push({ kind: 'punct', text: match[3] });
    else if (match[4]) tokens.push({ kind: 'word', text: match[4] });
    else break;
  }
  if (jql.slice(pattern.lastIndex).trim() !== '') {
    throw new JqlError(
      `Error in the JQL Query: The character '${jql[pattern.lastIndex]}' is a reserved JQL character.`,
    );
  }
  return tokens;
}

/** A parser for the part of JQL the definitions use: clauses, AND/OR/NOT, parentheses, ORDER BY. */
class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }
  private isWord(word: string, token = this.peek()): boolean {
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }
  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new JqlError('Error in the JQL Query: Expecting more of the query.');
    return token;
  }

  parse(): { where?: Node; order: { field: string; desc: boolean }[] } {
    const where = this.peek() && !this.isWord('order') ? this.or() : undefined;
    const order: { field: string; desc: boolean }[] = [];
    if (this.isWord('order')) {
      this.next();
      if (!this.isWord('by')) throw new JqlError("Error in the JQL Query: Expecting 'by' after 'order'.");
      this.next();
      do {
        if (this.peek()?.text === ',') this.next();
        const field = this.next().text.toLowerCase();
        const desc = this.isWord('desc');
        if (desc || this.isWord('asc')) this.next();
        order.push({ field, desc });
      } while (this.peek()?.text === ',');
    }
    if (this.peek())
      throw new JqlError(`Error in the JQL Query: Expecting end of query but got '${this.peek()?.text}'.`);
    return { where, order };
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): Node {
    let left = this.unary();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }
  private unary(): Node {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', inner: this.unary() };
    }
    if (this.peek()?.text === '(') {
      this.next();
      const inner = this.or();
      if (this.next().text !== ')') throw new JqlError("Error in the JQL Query: Expecting ')'.");
      return inner;
    }
    return this.clause();
  }
  private clause(): Node {
    const field = this.next();
    if (field.kind !== 'word' && field.kind !== 'string')
      throw new JqlError(`Error in the JQL Query: Expecting a field name but got '${field.text}'.`);
    let op = this.next().text.toLowerCase();
    if (op === 'not' || op === 'is') {
      const second = this.peek();
      if (this.isWord('in', second) || this.isWord('not', second))
        op = `${op} ${this.next().text.toLowerCase()}`;
    }
    if (!['=', '!=', '>', '>=', '<', '<=', '~', '!~', 'in', 'not in', 'is', 'is not'].includes(op)) {
      throw new JqlError(`Error in the JQL Query: Expecting operator but got '${op}'.`);
    }
    const values = op.endsWith('in') ? this.list() : [this.value()];
    return { kind: 'clause', field: field.text.toLowerCase(), op, values };
  }
  private list(): Value[] {
    // `in subTaskIssueTypes()`: a function standing for a list.
    if (this.peek()?.kind === 'word' && this.tokens[this.position + 1]?.text === '(') return [this.value()];
    if (this.next().text !== '(') throw new JqlError("Error in the JQL Query: Expecting '(' after 'in'.");
    const values = [this.value()];
    while (this.peek()?.text === ',') {
      this.next();
      values.push(this.value());
    }
    if (this.next().text !== ')') throw new JqlError("Error in the JQL Query: Expecting ')'.");
    return values;
  }
  private value(): Value {
    const token = this.next();
    if (token.kind === 'word' && (this.isWord('empty', token) || this.isWord('null', token)))
      return { kind: 'empty' };
    if (token.kind === 'word' && this.peek()?.text === '(') {
      this.next();
      if (this.next().text !== ')')
        throw new JqlError('Error in the JQL Query: functions take no arguments here.');
      return { kind: 'function', name: token.text.toLowerCase() };
    }
    if (token.kind === 'word' && KEYWORDS.has(token.text.toLowerCase())) {
      throw new JqlError(`Error in the JQL Query: '${token.text}' is a reserved JQL word.`);
    }
    if (token.kind !== 'word' && token.kind !== 'string')
      throw new JqlError(`Error in the JQL Query: unexpected '${token.text}'.`);
    return { kind: 'literal', text: token.text };
  }
}

export function parseJql(jql: string, state: JiraState, currentUser: string): JqlQuery {
  const { where, order } = new Parser(tokenize(jql)).parse();
  const evaluator = new Evaluator(state, currentUser);
  if (where) evaluator.check(where);
  return {
    bounded: where !== undefined,
    matches: (issue) => (where ? evaluator.test(where, issue) : true),
    compare: (a, b) => {
      for (const { field, desc } of [...order, { field: 'id', desc: false }]) {
        const difference =
          evaluator.sortKey(field, a) < evaluator.sortKey(field, b)
            ? -1
            : evaluator.sortKey(field, a) > evaluator.sortKey(field, b)
              ? 1
              : 0;
        if (difference !== 0) return desc ? -difference : difference;
      }
      return 0;
    },
  };
}
