import jsonata from 'jsonata';
import { isCallable, isSequence } from './values';
import { explainFast } from './index';

/**
 * Differential check of the compiler against jsonata itself: the same source, input and bindings through
 * both, results compared exactly (values, key order, undefined, -0, and which arrays are sequences).
 * Used by the specs; usable as a shadow check of any expression.
 */
export type Verdict =
  | { kind: 'unsupported'; reason: string }
  /** Same value, or both threw. */
  | { kind: 'same'; threw: boolean; undefinedResult?: boolean }
  /** The fast path threw where jsonata did not: it hands over to the interpreter (correct, only slower). */
  | { kind: 'handed-over'; error: string }
  | { kind: 'different'; expected: string; actual: string };

export async function compareWithInterpreter(
  source: string,
  input: unknown,
  bindings?: Record<string, unknown>,
): Promise<Verdict> {
  const compiled = explainFast(source);
  if ('unsupported' in compiled) return { kind: 'unsupported', reason: compiled.unsupported };
  // Each side gets its own copy: jsonata's object constructor may push into an empty input array.
  const [first, second] = [structuredClone(input), structuredClone(input)];
  let expected: { value: unknown } | { error: string };
  try {
    expected = { value: await jsonata(source).evaluate(first, bindings) };
  } catch (error) {
    expected = { error: describeError(error) };
  }
  let actual: { value: unknown } | { error: string };
  try {
    actual = { value: compiled.expression(second, bindings) };
  } catch (error) {
    actual = { error: describeError(error) };
  }
  if ('error' in expected) {
    return 'error' in actual
      ? { kind: 'same', threw: true }
      : { kind: 'different', expected: `error ${expected.error}`, actual: canonical(actual.value) };
  }
  if ('error' in actual) return { kind: 'handed-over', error: actual.error };
  const [e, a] = [canonical(expected.value), canonical(actual.value)];
  if (e !== a) return { kind: 'different', expected: e, actual: a };
  return expected.value === undefined
    ? { kind: 'same', threw: false, undefinedResult: true }
    : { kind: 'same', threw: false };
}

function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: string; message?: string; name?: string };
    return `${e.name ?? 'Error'} ${e.code ?? ''} ${e.message ?? ''}`.trim();
  }
  return String(error);
}

/** A string that differs whenever two results differ in anything a caller could observe as data. */
export function canonical(value: unknown): string {
  return JSON.stringify(toComparable(value));
}

function toComparable(value: unknown): unknown {
  if (value === undefined) return { $undefined: true };
  if (typeof value === 'number') {
    if (Object.is(value, -0) || !Number.isFinite(value))
      return { $number: Object.is(value, -0) ? '-0' : String(value) };
    return value;
  }
  if (isCallable(value) || typeof value === 'function') return { $function: true };
  if (typeof value === 'object' && (value as { _jsonata_lambda?: boolean })?._jsonata_lambda)
    return { $function: true };
  if (Array.isArray(value)) {
    const items = Array.from(value, toComparable);
    return isSequence(value) ? { $sequence: items } : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value).map((key) => [
      key,
      toComparable((value as Record<string, unknown>)[key]),
    ]);
    return { $object: entries };
  }
  return value;
}

/** One expression per line (blank lines and `#` comment lines skipped): readable tables for the specs. */
export function expressionList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
