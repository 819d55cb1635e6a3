import { Unsupported } from './ast';
import type { Evaluator } from './runtime';
import { isDeepEqual, isNumeric, JsonataError, toBoolean, toJsonataString } from './values';

/**
 * Binary operators, ported from jsonata 2.2.2 (evaluateNumericExpression, evaluateEqualityExpression,
 * evaluateComparisonExpression, evaluateStringConcat, evaluateIncludesExpression,
 * evaluateBooleanExpression). Both operands are evaluated before the operator (except `and`/`or`, which
 * short-circuit), in the interpreter's order.
 */

function numeric(op: string, lhs: unknown, rhs: unknown): number | undefined {
  if (lhs !== undefined && !isNumeric(lhs)) throw new JsonataError('T2001', lhs);
  if (rhs !== undefined && !isNumeric(rhs)) throw new JsonataError('T2002', rhs);
  if (lhs === undefined || rhs === undefined) return undefined;
  switch (op) {
    case '+':
      return lhs + rhs;
    case '-':
      return lhs - rhs;
    case '*':
      return lhs * rhs;
    case '/':
      return lhs / rhs;
    default:
      return lhs % rhs;
  }
}

function compare(op: string, lhs: unknown, rhs: unknown): boolean | undefined {
  const ltype = typeof lhs;
  const rtype = typeof rhs;
  const comparable = (t: string) => t === 'undefined' || t === 'string' || t === 'number';
  if (!comparable(ltype) || !comparable(rtype)) throw new JsonataError('T2010', lhs);
  if (ltype === 'undefined' || rtype === 'undefined') return undefined;
  if (ltype !== rtype) throw new JsonataError('T2009', lhs);
  const l = lhs as string | number;
  const r = rhs as string | number;
  switch (op) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    default:
      return l >= r;
  }
}

/** `&`: each side through $string, undefined as ''. */
function concat(lhs: unknown, rhs: unknown): string {
  const l = lhs === undefined ? '' : (toJsonataString(lhs) as string);
  const r = rhs === undefined ? '' : (toJsonataString(rhs) as string);
  return l.concat(r);
}

/** `in`: strict (===) membership; a single value on the right is a one-item array. */
function includes(lhs: unknown, rhs: unknown): boolean {
  if (lhs === undefined || rhs === undefined) return false;
  const values = Array.isArray(rhs) ? rhs : [rhs];
  for (const value of values) if (value === lhs) return true;
  return false;
}

/** `and`/`or` see undefined as false. */
function boolize(value: unknown): boolean {
  return toBoolean(value) ?? false;
}

export function compileBinary(op: string, lhs: Evaluator, rhs: Evaluator): Evaluator {
  switch (op) {
    case 'and':
      return (input, frame) => boolize(lhs(input, frame)) && boolize(rhs(input, frame));
    case 'or':
      return (input, frame) => boolize(lhs(input, frame)) || boolize(rhs(input, frame));
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return (input, frame) => {
        const l = lhs(input, frame);
        return numeric(op, l, rhs(input, frame));
      };
    case '=':
      return (input, frame) => {
        const l = lhs(input, frame);
        const r = rhs(input, frame);
        return l !== undefined && r !== undefined && isDeepEqual(l, r);
      };
    case '!=':
      return (input, frame) => {
        const l = lhs(input, frame);
        const r = rhs(input, frame);
        return l !== undefined && r !== undefined && !isDeepEqual(l, r);
      };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (input, frame) => {
        const l = lhs(input, frame);
        return compare(op, l, rhs(input, frame));
      };
    case '&':
      return (input, frame) => {
        const l = lhs(input, frame);
        return concat(l, rhs(input, frame));
      };
    case 'in':
      return (input, frame) => {
        const l = lhs(input, frame);
        return includes(l, rhs(input, frame));
      };
    default:
      // `..` (ranges) and anything newer stay with the interpreter.
      throw new Unsupported(`operator ${op}`);
  }
}

/** Unary minus on an expression (a minus on a number literal is folded by the parser). */
export function compileNegation(operand: Evaluator): Evaluator {
  return (input, frame) => {
    const value = operand(input, frame);
    if (value === undefined) return undefined;
    if (isNumeric(value)) return -value;
    throw new JsonataError('D1002', value);
  };
}
