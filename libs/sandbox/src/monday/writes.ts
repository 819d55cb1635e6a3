/**
 * monday.com mutations on the emulator's state: items written through `column_values` JSON (monday's
 * per-type value shapes, `name` renames), updates, tags; each refused the way monday refuses it
 * (`extensions.code`), and the webhook event each change sends (`{event: {type, boardId, pulseId, …,
 * triggerUuid}}`).
 */
import { randomUUID } from 'node:crypto';
import { ProviderGraphqlError } from '../kit/graphql/graphql-endpoint';
import { STATUS_LABELS, type MondayState, type Row } from './seed';

const notFound = (what: string) => new ProviderGraphqlError(`${what} not found`, 'ResourceNotFoundException');

export function findRow(rows: Row[], id: unknown, what: string): Row {
  const row = rows.find((r) => String(r.id) === String(id));
  if (!row) throw notFound(what);
  return row;
}

function parseColumnValues(json: unknown): Row {
  if (json === undefined || json === null || json === '') return {};
  try {
    const value: unknown = typeof json === 'string' ? JSON.parse(json) : json;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Row;
  } catch {
    // fall through
  }
  throw new ProviderGraphqlError('Invalid column values: not a JSON object', 'JsonParseException');
}

/** One column's new stored value from what a mutation sent, in the shapes monday accepts for its type. */
function storedValue(column: Row, given: unknown, state: MondayState): unknown {
  if (given === null || given === '') return undefined;
  const g = given as Row;
  switch (column.type) {
    case 'status': {
      const label = typeof given === 'string' ? given : g.label;
      const index =
        label !== undefined
          ? Object.entries(STATUS_LABELS).find(([, l]) => l === label)?.[0]
          : g.index !== undefined
            ? String(g.index)
            : undefined;
      if (index === undefined || STATUS_LABELS[index] === undefined)
        throw new ProviderGraphqlError(
          `This status label doesn't exist, possible statuses are: ${JSON.stringify(STATUS_LABELS)}`,
          'ColumnValueException',
        );
      return { index: Number(index) };
    }
    case 'people': {
      const entities = (g.personsAndTeams ?? []) as Row[];
      if (
        entities.some((e) => e.kind === 'person' && !state.users.some((u) => String(u.id) === String(e.id)))
      )
        throw new ProviderGraphqlError(
          'The people column value contains an unknown user',
          'ColumnValueException',
        );
      return { personsAndTeams: entities.map((e) => ({ id: Number(e.id), kind: e.kind ?? 'person' })) };
    }
    case 'date': {
      const date = typeof given === 'string' ? given : String(g.date ?? '');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new ProviderGraphqlError('invalid date', 'ColumnValueException');
      return g.time ? { date, time: g.time } : { date };
    }
    case 'tags':
      return { tag_ids: ((g.tag_ids ?? []) as unknown[]).map(Number) };
    default:
      return typeof given === 'string' ? given : JSON.stringify(given);
  }
}

/** Applies `column_values` to an item (a new object); `name` renames it. */
export function applyColumnValues(item: Row, json: unknown, state: MondayState): Row {
  const changes = parseColumnValues(json);
  const values = { ...(item.values as Row) };
  let name = item.name;
  for (const [id, given] of Object.entries(changes)) {
    if (id === 'name') {
      if (typeof given !== 'string' || given.trim() === '')
        throw new ProviderGraphqlError('Item name is too short', 'ItemNameTooShortException');
      name = given;
      continue;
    }
    const column = state.columns.find((c) => c.board_id === item.board_id && c.id === id);
    if (!column)
      throw new ProviderGraphqlError(
        `This column ID doesn't exist for the board`,
        'InvalidColumnIdException',
      );
    const stored = storedValue(column, given, state);
    if (stored === undefined) delete values[id];
    else values[id] = stored;
  }
  return { ...item, name, values };
}

let nextId = 9_200_000_000;
export const newMondayId = () => String(++nextId);

/** The event of a webhook delivery, as monday posts it (`{event: {…}}`). */
export function mondayEvent(type: string, item: Row, fields: Row, now: string): Row {
  return {
    event: {
      app: 'monday',
      type,
      triggerTime: now,
      subscriptionId: 345001,
      userId: 61000001,
      originalTriggerUuid: null,
      boardId: Number(item.board_id),
      pulseId: Number(item.id),
      ...fields,
      triggerUuid: randomUUID().replace(/-/g, ''),
    },
  };
}
