import type { ConnectionContext, ProviderClient, ProviderDefinition, UnifiedRecord } from '@app/providers';
import { snapshotQuery, snapshotShape } from './sync-plan';

/** One page of a resource: its records and the cursor of the page after it (null: it was the last). */
export interface ResourcePage {
  records: UnifiedRecord[];
  next: string | null;
}

/** Reads the page a stored cursor points at (null: the first); the same cursor always reads the same page. */
export type ReadPage = (cursor: string | null) => Promise<ResourcePage>;

export interface PagingInput {
  client: ProviderClient;
  connection: ConnectionContext;
  definition: ProviderDefinition;
  resource: string;
  since: string | null;
  pageSize: number;
}

/**
 * The pages of a resource as a snapshot walks them. A resource listed whole pages by the engine's
 * cursor. One listed per parent (comments per ticket) pages through the parent's list and, for each
 * parent record, through its own list: the cursor names the parent page, the record on it and the child
 * page, so a runner that resumes reads the same page again.
 */
export function resourcePages(input: PagingInput): ReadPage {
  const { client, connection, definition, resource, since, pageSize } = input;
  const shape = snapshotShape(definition, resource);
  if (!shape) throw new Error(`${definition.name} cannot snapshot ${resource}`);
  const query = snapshotQuery(definition, resource, since);
  const list = async (name: string, cursor: string | null, extra: Record<string, unknown> = {}) => {
    const page = await client.list(connection, name, {
      limit: pageSize,
      cursor: cursor ?? undefined,
      query: { ...(name === resource ? query : {}), ...extra },
    });
    return { records: page.result, next: page.next_cursor };
  };
  if (shape.kind === 'whole') return (cursor) => list(resource, cursor);

  // The parent page last read, so each of its records' child pages does not read it again.
  let parentPage: { cursor: string | null; page: ResourcePage } | undefined;
  const parents = async (cursor: string | null): Promise<ResourcePage> => {
    if (parentPage?.cursor !== cursor) parentPage = { cursor, page: await list(shape.parent, cursor) };
    return parentPage.page;
  };
  return async (cursor) => {
    let at = decodePosition(cursor);
    for (;;) {
      const page = await parents(at.parent);
      if (at.index >= page.records.length) {
        if (page.next === null) return { records: [], next: null };
        at = { parent: page.next, index: 0, child: null };
        continue;
      }
      const children = await list(resource, at.child, { [shape.query]: page.records[at.index].id });
      if (children.next !== null)
        return { records: children.records, next: encodePosition({ ...at, child: children.next }) };
      const following = { parent: at.parent, index: at.index + 1, child: null };
      // The last child page of the last parent record ends the resource.
      const last = following.index >= page.records.length && page.next === null;
      return { records: children.records, next: last ? null : encodePosition(following) };
    }
  };
}

/** Where a per-parent walk stands: the parent page's cursor, the record on it, the child page's cursor. */
interface ParentPosition {
  parent: string | null;
  index: number;
  child: string | null;
}

function encodePosition(position: ParentPosition): string {
  return JSON.stringify({ p: position.parent, i: position.index, c: position.child });
}

function decodePosition(cursor: string | null): ParentPosition {
  if (cursor === null) return { parent: null, index: 0, child: null };
  const { p, i, c } = JSON.parse(cursor) as { p: string | null; i: number; c: string | null };
  return { parent: p, index: i, child: c };
}
