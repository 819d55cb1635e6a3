import type { MethodDefinition, PaginationDefinition } from '../definition';

/**
 * monday's GraphQL API is one endpoint, `POST /v2`: a request is a JSONata body `{query, variables}`
 * whose document is a JSON string literal (as for Linear, `linear/graphql.ts`).
 */
export function mondayRequest(
  document: string,
  variables = '{}',
): Pick<MethodDefinition, 'method' | 'path' | 'body'> {
  return {
    method: 'POST',
    path: '"/v2"',
    body: `{ "query": ${JSON.stringify(document.replace(/\s+/g, ' ').trim())}, "variables": ${variables} }`,
  };
}

/** `limit` + `page` (from 1) in the variables: monday's paging of users, workspaces, boards and updates. */
export const pageVariables = (maxPageSize: number): PaginationDefinition => ({
  strategy: 'page-number',
  pageParam: 'page',
  sizeParam: 'limit',
  maxPageSize,
});

/** A list paged by `limit`/`page` variables, its records at `response`. */
export function pagedList(
  document: string,
  response: string,
  maxPageSize: number,
  variables = '{}',
): Pick<MethodDefinition, 'method' | 'path' | 'body' | 'response' | 'pagination' | 'pagingBodyField'> {
  return {
    ...mondayRequest(document, variables),
    response,
    pagination: pageVariables(maxPageSize),
    pagingBodyField: 'variables',
  };
}

/** The connection's board, as the `ID!` variable most documents take. */
export const BOARD_VARIABLE = `"board": $string(settings.board_id)`;
