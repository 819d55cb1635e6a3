import {
  MappingError,
  type ConnectionContext,
  type DeletedListDefinition,
  type ProviderClient,
} from '@app/providers';

/**
 * Reads the provider's own list of deleted records (a poll block's `deletedList`) with the connection's
 * credentials: the remote ids it names, as strings. One page, as the definition asks for it.
 */
export async function readDeletedIds(
  client: Pick<ProviderClient, 'expressions' | 'request'>,
  context: ConnectionContext,
  list: DeletedListDefinition,
  resource: string,
): Promise<string[]> {
  const input = { settings: context.settings };
  const path = await client.expressions.evaluate(list.path, input);
  if (typeof path !== 'string') throw new MappingError(`the deleted ${resource} list gave no path`);
  const query = list.query ? await client.expressions.evaluate(list.query, input) : {};
  const answer = await client.request(context, {
    method: 'GET',
    path,
    params: stringParams(query),
    subject: `deleted ${resource}`,
  });
  const ids = await client.expressions.evaluate(list.ids, answer.body);
  const all = Array.isArray(ids) ? ids : ids === undefined || ids === null ? [] : [ids];
  return all.filter((id) => typeof id === 'string' || typeof id === 'number').map(String);
}

function stringParams(query: unknown): Record<string, string> {
  if (typeof query !== 'object' || query === null) return {};
  return Object.fromEntries(
    Object.entries(query as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, String(v)]),
  );
}
