import type { ProviderDefinition } from '../definition';
import { definitionExpressions } from '../engine/fast-jsonata/definition-expressions';

/**
 * Every GraphQL document a definition can send: the `query` string literal of each request body (main
 * requests and follow-ups), by the expression's path. For contract specs that validate them against the
 * provider's published schema.
 */
export function graphqlDocuments(definition: ProviderDefinition): [path: string, document: string][] {
  return definitionExpressions(definition)
    .filter((e) => e.path.endsWith('.body'))
    .flatMap((e) => {
      const literal = /"query":\s*("(?:[^"\\]|\\.)*")/.exec(e.source)?.[1];
      return literal ? [[e.path, JSON.parse(literal) as string] as [string, string]] : [];
    });
}
