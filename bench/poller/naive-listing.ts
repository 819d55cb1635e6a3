import type { ProviderClient, ProviderRegistry } from '@app/providers';
import type { ConnectionContext } from '@app/providers';

/**
 * The baseline poller: every interval it lists every pollable resource whole (per-ticket resources under
 * every ticket) and diffs — no watermark, no filter. Returns the provider calls one such pass makes per
 * resource, counted by walking the same lists with the same engine and page size.
 */
export async function naiveCallsPerPass(
  client: ProviderClient,
  registry: ProviderRegistry,
  connection: ConnectionContext,
  resources: readonly string[],
  pageSize: number,
): Promise<Record<string, number>> {
  const calls: Record<string, number> = {};
  const pages = async (resource: string, query: Record<string, unknown>) => {
    let cursor: string | undefined;
    let count = 0;
    const ids: string[] = [];
    do {
      const page = await client.list(connection, resource, { query, cursor, limit: pageSize });
      count++;
      ids.push(...page.result.map((r) => r.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return { count, ids };
  };
  const definition = registry.get(connection.provider);
  for (const resource of resources) {
    const poll = definition.resources[resource]?.poll;
    if (!poll) continue;
    if (!poll.parent) {
      calls[resource] = (await pages(resource, {})).count;
      continue;
    }
    const parents = await pages(poll.parent.resource, {});
    let total = parents.count;
    for (const id of parents.ids) total += (await pages(resource, { [poll.parent.query]: id })).count;
    calls[resource] = total;
  }
  return calls;
}
