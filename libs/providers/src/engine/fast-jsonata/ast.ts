import { JSONATA_BUILTIN_NAMES } from './builtins';

/** A node of `jsonata(src).ast()` (jsonata 2.2.2, after its processAST pass). */
export interface Ast {
  type: string;
  value?: unknown;
  [key: string]: unknown;
}

export interface Stage {
  type: string;
  expr: Ast;
}

/** Thrown while compiling: the construct is not in the compiled subset. */
export class Unsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Unsupported';
  }
}

/**
 * Properties the compiler understands. A node carrying anything else (tuple bindings `@`/`#`, grouping,
 * parent `%` slots, …) is refused rather than half-compiled.
 */
const KNOWN_KEYS = new Set([
  'type',
  'value',
  'position',
  'steps',
  'stages',
  'predicate',
  'expressions',
  'expression',
  'lhs',
  'rhs',
  'condition',
  'then',
  'else',
  'procedure',
  'arguments',
  'body',
  'thunk',
  'keepArray',
  'keepSingletonArray',
  'consarray',
  'name',
  'pattern',
  'update',
  'delete',
]);

export function checkKeys(node: Ast): void {
  for (const [key, value] of Object.entries(node)) {
    if (value !== undefined && !KNOWN_KEYS.has(key)) throw new Unsupported(`"${key}" on a ${node.type} node`);
  }
}

export function child(node: Ast, key: string): Ast {
  const value = node[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Unsupported(`${node.type} node without ${key}`);
  }
  return value as Ast;
}

export function children(node: Ast, key: string): Ast[] {
  const value = node[key];
  if (!Array.isArray(value)) throw new Unsupported(`${node.type} node without ${key}`);
  return value as Ast[];
}

export function stagesOf(node: Ast, key: 'stages' | 'predicate'): Stage[] {
  const value = node[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Unsupported(`malformed ${key}`);
  for (const stage of value as Stage[]) {
    if (stage.type !== 'filter') throw new Unsupported(`${stage.type} stage`);
  }
  return value as Stage[];
}

export function variableName(node: Ast): string {
  if (node.type !== 'variable' || typeof node.value !== 'string') throw new Unsupported('not a variable');
  return node.value;
}

/**
 * Names bound in the expression: `functions` hold lambdas (`$f := function…`), `data` everything else
 * (other `:=`, lambda parameters). A name in both, or one shadowing a built-in, is refused: keeping
 * function values out of data is what lets the compiler never hand a lambda to the output.
 */
export interface Names {
  functions: ReadonlySet<string>;
  data: ReadonlySet<string>;
}

export function collectNames(root: Ast): Names {
  const functions = new Set<string>();
  const data = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const node = value as Ast;
    if (node.type === 'bind') {
      const rhs = child(node, 'rhs');
      (rhs.type === 'lambda' && !rhs.thunk ? functions : data).add(variableName(child(node, 'lhs')));
    }
    if (node.type === 'lambda')
      for (const param of children(node, 'arguments')) data.add(variableName(param));
    for (const [key, inner] of Object.entries(node)) if (key !== 'type') visit(inner);
  };
  visit(root);
  for (const name of functions) {
    if (data.has(name)) throw new Unsupported(`$${name} is bound to a function and to data`);
  }
  for (const name of [...functions, ...data]) {
    if (JSONATA_BUILTIN_NAMES.has(name) || name === '' || name === '$' || name === '__proto__') {
      throw new Unsupported(`$${name} shadows a built-in`);
    }
  }
  return { functions, data };
}
