import type { ResourceDefinition } from '../definition';
import { BOARD_VARIABLE, mondayRequest } from './graphql';

/** The item fields every read asks for: typed column values give status, people, dates and tags. */
export const ITEM_FIELDS = `
  id name state created_at updated_at url creator_id creator { id name }
  board { id name } group { id title }
  column_values { id type text value
    ... on StatusValue { index label is_done }
    ... on PeopleValue { persons_and_teams { id kind } }
    ... on TagsValue { tag_ids }
    ... on DateValue { date time } }`;

const STATUS_COLUMN = `($settings.status_column_id ? $settings.status_column_id : "status")`;
const PEOPLE_COLUMN = `($settings.people_column_id ? $settings.people_column_id : "person")`;
const TAGS_COLUMN = `($settings.tags_column_id ? $settings.tags_column_id : "tags")`;

/**
 * monday item → unified ticket. The status is the board's status column (`status_column_id`, else the first
 * status column): its label index is the status id; monday's `is_done` (the label's colour is a "done"
 * colour) → done, its default labels Working on it (0) → in progress and Stuck (2) → on hold, any other
 * label open. People-column persons are the assignees (a team in it is the team), the board and the
 * group are collections, the first date column the due date, the tags column's tags the tags.
 */
export const mondayTicketRecord = `
(
  $cv := column_values;
  $own := $cv[id = ${STATUS_COLUMN}][0];
  $status := $own ? $own : $cv[type = "status"][0];
  $people := $cv[type = "people"][0].persons_and_teams;
  $date := $cv[type = "date"][0];
  {
    "id": $string(id),
    "name": name,
    "status": $exists($status.index) ? {
      "id": $string($status.index),
      "name": $status.label,
      "category": $status.is_done = true ? "done" : $status.index = 0 ? "in_progress" : $status.index = 2 ? "on_hold" : "open"
    },
    "assignees": [$people[kind = "person"].{ "id": $string(id) }],
    "team": $people[kind = "team"][0] ? { "id": $string($people[kind = "team"][0].id) },
    "created_by": creator_id ? { "id": $string(creator_id), "name": creator.name, "type": "user" },
    "collections": [
      board ? { "id": $string(board.id), "name": board.name, "type": "board" },
      group ? { "id": group.id, "name": group.title, "type": "list" }
    ],
    "due_date": $date.date ? ($date.time ? $date.date & "T" & $date.time & "Z" : $date.date),
    "tags": [$cv[type = "tags"][0].tag_ids.{ "id": $string($) }],
    "created_at": created_at,
    "updated_at": updated_at,
    "ticket_url": url
  }
)`;

/**
 * Unified ticket → monday's `column_values` JSON (a string, as monday's JSON scalar takes it): the status
 * by label index (or by label text), people as persons, tags by id, the due date into `due_date_column_id`
 * where the connection names one; on update, `name` renames the item.
 */
function columnValues(update: boolean): string {
  return `$string($merge([
    ${update ? `$exists(body.name) ? { "name": body.name },` : ''}
    body.status.id ? { ${STATUS_COLUMN}: $contains(body.status.id, /^[0-9]+$/)
      ? { "index": $number(body.status.id) } : { "label": body.status.id } },
    $exists(body.assignees) ? { ${PEOPLE_COLUMN}: { "personsAndTeams": [body.assignees.{ "id": $number(id), "kind": "person" }] } },
    $exists(body.tags) ? { ${TAGS_COLUMN}: { "tag_ids": [body.tags.$number(id)] } },
    $exists(body.due_date) and $settings.due_date_column_id
      ? { $settings.due_date_column_id: body.due_date ? { "date": $substring(body.due_date, 0, 10) } : null },
    {}
  ]))`;
}

const GROUP = `body.collections[type = "list"][0].id`;

export const mondayTickets: ResourceDefinition = {
  record: mondayTicketRecord,
  methods: {
    // The board's items in board order through `items_page`: the cursor it answers goes back as `cursor`
    // (what `next_items_page` does, in the same document); null on the last page.
    list: {
      ...mondayRequest(
        `query Items($board: ID!, $limit: Int!, $cursor: String) { boards(ids: [$board]) {
          items_page(limit: $limit, cursor: $cursor) { cursor items { ${ITEM_FIELDS} } } } }`,
        `{ ${BOARD_VARIABLE} }`,
      ),
      response: 'data.boards[0].items_page.items',
      pagination: {
        strategy: 'next-page-token',
        tokenParam: 'cursor',
        sizeParam: 'limit',
        maxPageSize: 500,
        tokenPath: 'data.boards.0.items_page.cursor',
      },
      pagingBodyField: 'variables',
    },
    get: {
      ...mondayRequest(`query Item($id: ID!) { items(ids: [$id]) { ${ITEM_FIELDS} } }`, `{ "id": id }`),
      response: 'data.items[0]',
    },
    create: {
      ...mondayRequest(
        `mutation CreateItem($board: ID!, $group: String, $name: String!, $values: JSON) {
          create_item(board_id: $board, group_id: $group, item_name: $name, column_values: $values) { ${ITEM_FIELDS} } }`,
        `{ ${BOARD_VARIABLE}, "group": ${GROUP}, "name": body.name, "values": ${columnValues(false)} }`,
      ),
      response: 'data.create_item',
    },
    update: {
      ...mondayRequest(
        `mutation ChangeItem($board: ID!, $id: ID!, $values: JSON!) {
          change_multiple_column_values(board_id: $board, item_id: $id, column_values: $values) { ${ITEM_FIELDS} } }`,
        `{ ${BOARD_VARIABLE}, "id": id, "values": ${columnValues(true)} }`,
      ),
      response: 'data.change_multiple_column_values',
      // A group is not a column: moving the item is its own mutation, then the item is read back.
      after: [
        {
          when: `$exists(${GROUP})`,
          ...mondayRequest(
            `mutation MoveItem($id: ID!, $group: String!) { move_item_to_group(item_id: $id, group_id: $group) { id } }`,
            `{ "id": id, "group": ${GROUP} }`,
          ),
        },
      ],
      readBack: true,
    },
    // Deleted items stay in monday's trash for 30 days; for the API they are gone.
    delete: mondayRequest(
      `mutation DeleteItem($id: ID!) { delete_item(item_id: $id) { id } }`,
      `{ "id": id }`,
    ),
  },
};
