import type { MethodDefinition, PaginationDefinition } from '../definition';

/**
 * GraphQL for the definition format: a request is a POST of `{query, variables}` to `/graphql`, built
 * by a JSONata `body`; the document is a JSON string literal inside it (JSON strings are JSONata strings).
 * Lists page through relay connections: the engine puts `first`/`after` into `variables` and reads
 * `pageInfo` back, behind the same opaque cursor as every other list.
 */
export function graphqlRequest(
  document: string,
  variables = '{}',
): Pick<MethodDefinition, 'method' | 'path' | 'body'> {
  return {
    method: 'POST',
    path: '"/graphql"',
    body: `{ "query": ${JSON.stringify(document.replace(/\s+/g, ' ').trim())}, "variables": ${variables} }`,
  };
}

/** A relay connection at `data.<field>`: the page's nodes, and how to reach the next page. */
export function relayList(
  field: string,
  document: string,
  variables = '{}',
): Pick<MethodDefinition, 'method' | 'path' | 'body' | 'response' | 'pagination' | 'pagingBodyField'> {
  return {
    ...graphqlRequest(document, variables),
    response: `data.${field}.nodes`,
    pagination: relayPaging(`data.${field}.pageInfo`),
    pagingBodyField: 'variables',
  };
}

export function relayPaging(pageInfoPath: string): PaginationDefinition {
  return {
    strategy: 'cursor',
    sizeParam: 'first',
    cursorParam: 'after',
    maxPageSize: 100,
    hasMorePath: `${pageInfoPath}.hasNextPage`,
    cursorPath: `${pageInfoPath}.endCursor`,
  };
}
