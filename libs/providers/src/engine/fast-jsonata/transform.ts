import { child, Unsupported, type Ast } from './ast';
import type { CompileState } from './compile';
import type { Evaluator } from './runtime';
import { isCallable, JsonataError, NotCompiled, toJsonataString } from './values';

/**
 * `value ~> | pattern | update [, delete] |`, ported from jsonata 2.2.2 (evaluateTransformExpression
 * applied by evaluateApplyExpression). The transform is only compiled as the right side of `~>`, so the
 * transformer function it stands for never becomes a value.
 */
export function compileTransformApply(
  lhsNode: Ast,
  transform: Ast,
  state: CompileState,
  compile: (node: Ast, state: CompileState) => Evaluator,
): Evaluator {
  if (transform.predicate !== undefined || transform.keepArray) throw new Unsupported('decorated transform');
  const lhs = compile(lhsNode, state);
  const pattern = compile(child(transform, 'pattern'), state);
  const update = compile(child(transform, 'update'), state);
  const deleteNode = transform.delete as Ast | undefined;
  const deletion = deleteNode === undefined ? undefined : compile(deleteNode, state);
  // The transformer clones with `$clone`: a caller binding of that name would replace it.
  state.builtins.add('clone');
  return (input, frame) => {
    const obj = lhs(input, frame);
    // The transformer's signature <(oa):o>: an object, an array or nothing.
    if (obj !== undefined && (typeof obj !== 'object' || obj === null || isCallable(obj))) {
      throw new JsonataError('T0410', obj);
    }
    if (obj === undefined) return undefined;
    // $clone: a JSON round trip through $string (15 significant digits, as jsonata).
    const result: unknown = JSON.parse(toJsonataString(obj) as string);
    let matches = pattern(result, frame);
    if (matches === undefined) return result;
    if (!Array.isArray(matches)) matches = [matches];
    for (const match of matches as unknown[]) {
      const changes = update(match, frame);
      if (changes !== undefined) {
        if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
          throw new JsonataError('T2011', changes);
        }
        const keys = Object.keys(changes);
        // Setting properties on a non-object (a strict-mode TypeError in jsonata) or `__proto__`: not copied.
        if (keys.length > 0 && (typeof match !== 'object' || match === null))
          throw new NotCompiled('update of a value');
        if (keys.includes('__proto__')) throw new NotCompiled('__proto__ update');
        for (const key of keys)
          (match as Record<string, unknown>)[key] = (changes as Record<string, unknown>)[key];
      }
      if (deletion) remove(match, deletion(match, frame));
    }
    return result;
  };
}

function remove(match: unknown, deletions: unknown): void {
  if (deletions === undefined) return;
  const names = Array.isArray(deletions) ? deletions : [deletions];
  if (!names.every((name) => typeof name === 'string')) throw new JsonataError('T2012', deletions);
  if (typeof match !== 'object' || match === null) return;
  for (const name of names as string[]) delete (match as Record<string, unknown>)[name];
}
