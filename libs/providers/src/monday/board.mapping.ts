import type { ResourceDefinition } from '../definition';
import { BOARD_VARIABLE, mondayRequest } from './graphql';

const COLUMN_FIELDS = 'id title description type archived settings_str';

/** The labels of the board's status column (`status_column_id`, else the first), from its settings. */
const STATUS_LABELS = `(
  $columns := data.boards[0].columns;
  $own := $columns[id = ($settings.status_column_id ? $settings.status_column_id : "status")][0];
  $column := $own ? $own : $columns[type = "status"][0];
  $labels := $column ? $eval($column.settings_str).labels;
  $labels ? $keys($labels).{ "id": $, "name": $lookup($labels, $) }
)`;

const statusColumns = mondayRequest(
  `query StatusLabels($board: ID!) { boards(ids: [$board]) { columns(types: [status]) { ${COLUMN_FIELDS} } } }`,
  `{ ${BOARD_VARIABLE} }`,
);

/** A status column's labels are the statuses; the id is the label index items carry. */
export const mondayStatuses: ResourceDefinition = {
  record: `{ "id": id, "name": name = "" ? null : name }`,
  methods: {
    list: { ...statusColumns, response: `[${STATUS_LABELS}]` },
    get: { ...statusColumns, response: `${STATUS_LABELS}[id = $request.id]` },
  },
};

/** The board's columns: a status or dropdown column's labels are its options. */
export const mondayFields: ResourceDefinition = {
  record: `(
    $labels := $type(settings_str) = "string" ? $eval(settings_str).labels;
    {
      "id": id,
      "name": title,
      "label": title,
      "description": description,
      "type": type,
      "is_hidden": archived = true,
      "options": $labels ? [$keys($labels).{ "value": $, "label": $lookup($labels, $) }],
      "is_user_defined": type != "name",
      "entity_type": "tickets"
    }
  )`,
  methods: {
    list: {
      ...mondayRequest(
        `query Columns($board: ID!) { boards(ids: [$board]) { columns { ${COLUMN_FIELDS} } } }`,
        `{ ${BOARD_VARIABLE} }`,
      ),
      response: 'data.boards[0].columns',
    },
    get: {
      ...mondayRequest(
        `query Column($board: ID!, $id: String!) { boards(ids: [$board]) { columns(ids: [$id]) { ${COLUMN_FIELDS} } } }`,
        `{ ${BOARD_VARIABLE}, "id": id }`,
      ),
      response: 'data.boards[0].columns[0]',
    },
  },
};
