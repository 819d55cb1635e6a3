/**
 * monday.com objects as its GraphQL API serves them, from the emulator's stored rows: items with typed
 * column values (`StatusValue`, `PeopleValue`, `TagsValue`, `DateValue`, `TextValue` — the `text` and
 * `value` JSON monday gives), boards with groups, columns and `items_page`, and the page/limit and cursor
 * paging monday applies.
 */
import { ProviderGraphqlError } from '../kit/graphql/graphql-endpoint';
import { DONE_INDEXES, MONDAY_WEB, STATUS_LABELS, type MondayState, type Row } from './seed';

/** `limit` + `page` (1-based) over records, as monday's list fields take them. */
export function pageOf<T>(
  records: T[],
  args: { limit?: number | null; page?: number | null },
  defaultSize: number,
): T[] {
  const limit = args.limit ?? defaultSize;
  const page = args.page ?? 1;
  if (limit < 1 || page < 1)
    throw new ProviderGraphqlError('limit and page must be positive', 'InvalidArgumentException');
  return records.slice((page - 1) * limit, page * limit);
}

const byIds = <T extends Row>(rows: T[], ids?: readonly unknown[] | null) =>
  ids && ids.length > 0 ? rows.filter((r) => ids.map(String).includes(String(r.id))) : rows;

/** One column value of an item, typed as monday types it. */
function columnValue(column: Row, item: Row, state: MondayState): Row {
  const stored = (item.values as Row)[String(column.id)];
  const base = {
    id: column.id,
    type: column.type,
    value: stored === undefined ? null : JSON.stringify(stored),
  };
  switch (column.type) {
    case 'status': {
      const index = stored === undefined ? 5 : Number((stored as Row).index);
      const label = STATUS_LABELS[String(index)] ?? '';
      return {
        ...base,
        __typename: 'StatusValue',
        index,
        label,
        text: label,
        is_done: DONE_INDEXES.includes(index),
      };
    }
    case 'people': {
      const entities = stored ? ((stored as Row).personsAndTeams as Row[]) : [];
      const names = entities
        .map((e) => state.users.find((u) => String(u.id) === String(e.id))?.name)
        .filter(Boolean);
      return {
        ...base,
        __typename: 'PeopleValue',
        text: names.join(', '),
        persons_and_teams: entities.map((e) => ({ id: String(e.id), kind: e.kind })),
      };
    }
    case 'tags': {
      const ids = stored ? ((stored as Row).tag_ids as number[]) : [];
      const names = ids
        .map((id) => state.tags.find((t) => String(t.id) === String(id))?.name)
        .filter(Boolean);
      return { ...base, __typename: 'TagsValue', text: names.join(', '), tag_ids: ids };
    }
    case 'date': {
      const date = stored ? String((stored as Row).date) : null;
      const time = stored && (stored as Row).time ? String((stored as Row).time) : null;
      return {
        ...base,
        __typename: 'DateValue',
        date,
        time,
        text: date ? [date, time].filter(Boolean).join(' ') : '',
      };
    }
    default:
      return {
        ...base,
        __typename: 'TextValue',
        value: stored === undefined ? null : JSON.stringify(stored),
        text: stored === undefined ? '' : String(stored),
      };
  }
}

export function renderUser(user: Row, state: MondayState): Row {
  return {
    ...user,
    teams: () =>
      state.teams
        .filter((t) => (user.team_ids as string[]).includes(String(t.id)))
        .map((t) => renderTeam(t, state)),
  };
}

export function renderTeam(team: Row, state: MondayState): Row {
  return {
    ...team,
    users: () =>
      state.users
        .filter((u) => (u.team_ids as string[]).includes(String(team.id)))
        .map((u) => renderUser(u, state)),
  };
}

export function renderUpdate(update: Row, state: MondayState): Row {
  const creator = state.users.find((u) => u.id === update.creator_id);
  return { ...update, creator: creator ? renderUser(creator, state) : null };
}

export function renderItem(item: Row, state: MondayState): Row {
  const board = state.boards.find((b) => b.id === item.board_id)!;
  const creator = state.users.find((u) => u.id === item.creator_id);
  return {
    ...item,
    url: `${MONDAY_WEB}/boards/${String(item.board_id)}/pulses/${String(item.id)}`,
    creator: creator ? renderUser(creator, state) : null,
    board: () => renderBoard(board, state),
    group: state.groups.find((g) => g.id === item.group_id && g.board_id === item.board_id) ?? null,
    column_values: (args: { ids?: string[] | null; types?: string[] | null }) =>
      state.columns
        .filter((c) => c.board_id === item.board_id && c.type !== 'name')
        .filter((c) => !args.ids || args.ids.includes(String(c.id)))
        .filter((c) => !args.types || args.types.includes(String(c.type)))
        .map((c) => columnValue(c, item, state)),
    updates: (args: { limit?: number; page?: number; ids?: string[] | null }) =>
      pageOf(byIds(newestFirst(state.updates.filter((u) => u.item_id === item.id)), args.ids), args, 25).map(
        (u) => renderUpdate(u, state),
      ),
  };
}

export const newestFirst = (rows: Row[]) =>
  [...rows].sort(
    (a, b) => String(b.created_at).localeCompare(String(a.created_at)) || Number(b.id) - Number(a.id),
  );

const encodeCursor = (board: unknown, offset: number) =>
  Buffer.from(`${String(board)}:${offset}`).toString('base64url');

/** A page of a board's active items from an opaque cursor (monday's expire after 60 minutes; these do not). */
export function itemsPage(state: MondayState, board: unknown, offset: number, limit: number): Row {
  if (limit < 1 || limit > 500)
    throw new ProviderGraphqlError('limit must be between 1 and 500', 'InvalidArgumentException');
  const items = state.items.filter((i) => i.board_id === board && i.state === 'active');
  const page = items.slice(offset, offset + limit);
  return {
    cursor: offset + limit < items.length ? encodeCursor(board, offset + limit) : null,
    items: page.map((i) => renderItem(i, state)),
  };
}

export function decodeItemsCursor(cursor: string): { board: string; offset: number } {
  const match = /^(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw new ProviderGraphqlError('CursorException: cursor is invalid or expired', 'CursorException');
  return { board: match[1], offset: Number(match[2]) };
}

export function renderBoard(board: Row, state: MondayState): Row {
  return {
    ...board,
    url: `${MONDAY_WEB}/boards/${String(board.id)}`,
    items_count: state.items.filter((i) => i.board_id === board.id && i.state === 'active').length,
    workspace: state.workspaces.find((w) => w.id === board.workspace_id) ?? null,
    groups: (args: { ids?: string[] | null }) =>
      state.groups.filter((g) => g.board_id === board.id && (!args.ids || args.ids.includes(String(g.id)))),
    columns: (args: { ids?: string[] | null; types?: string[] | null }) =>
      state.columns
        .filter((c) => c.board_id === board.id)
        .filter((c) => !args.ids || args.ids.includes(String(c.id)))
        .filter((c) => !args.types || args.types.includes(String(c.type))),
    items_page: (args: { cursor?: string | null; limit: number }) => {
      const from = args.cursor ? decodeItemsCursor(args.cursor) : { board: String(board.id), offset: 0 };
      return itemsPage(state, board.id, from.offset, args.limit);
    },
  };
}

export { byIds };
