import type { ResourceDefinition } from '../definition';
import { BOARD_VARIABLE, mondayRequest, pagedList } from './graphql';

/** A read-only resource: a list document and a get by `ids: [$id]` on the same root field and fields. */
function byIds(
  field: string,
  fields: string,
  record: string,
  list: ResourceDefinition['methods'],
): ResourceDefinition {
  return {
    record,
    methods: {
      ...list,
      get: {
        ...mondayRequest(`query One($id: ID!) { ${field}(ids: [$id]) { ${fields} } }`, `{ "id": id }`),
        response: `data.${field}[0]`,
      },
    },
  };
}

const USER_FIELDS = 'id name email title status is_deleted created_at teams { id }';
/** Account members; `INACTIVE` (deactivated) and deleted users are not active. */
export const mondayUsers = byIds(
  'users',
  USER_FIELDS,
  `{
    "id": $string(id), "name": name, "emails": email ? [{ "email": email }] : [],
    "is_active": status = "ACTIVE" and is_deleted != true, "team_ids": [teams.$string(id)],
    "roles": title ? [{ "id": title, "name": title }] : [], "created_at": created_at
  }`,
  {
    list: pagedList(
      `query Users($limit: Int, $page: Int) { users(limit: $limit, page: $page) { ${USER_FIELDS} } }`,
      'data.users',
      200,
    ),
  },
);

const TEAM_FIELDS = 'id name created_at';
/** Teams come whole (monday does not page them). */
export const mondayTeams = byIds(
  'teams',
  TEAM_FIELDS,
  `{ "id": $string(id), "name": name, "created_at": created_at }`,
  { list: { ...mondayRequest(`query Teams { teams { ${TEAM_FIELDS} } }`), response: 'data.teams' } },
);

const TAG_FIELDS = 'id name color';
/** The account's public tags; a new one is created (or the existing one of that name returned). */
export const mondayTags: ResourceDefinition = {
  ...byIds('tags', TAG_FIELDS, `{ "id": $string(id), "name": name, "color": color }`, {
    list: { ...mondayRequest(`query Tags { tags { ${TAG_FIELDS} } }`), response: 'data.tags' },
  }),
};
mondayTags.methods!.create = {
  ...mondayRequest(
    `mutation Tag($name: String!, $board: ID!) { create_or_get_tag(tag_name: $name, board_id: $board) { ${TAG_FIELDS} } }`,
    `{ "name": body.name, ${BOARD_VARIABLE} }`,
  ),
  response: 'data.create_or_get_tag',
};

const WORKSPACE_FIELDS = 'id name description kind state created_at';
export const mondayWorkspaces = byIds(
  'workspaces',
  WORKSPACE_FIELDS,
  `{ "id": $string(id), "name": name, "description": description, "status": state, "created_at": created_at }`,
  {
    list: pagedList(
      `query Workspaces($limit: Int, $page: Int) { workspaces(limit: $limit, page: $page) { ${WORKSPACE_FIELDS} } }`,
      'data.workspaces',
      100,
    ),
  },
);

const BOARD_FIELDS = 'id name description state workspace_id url created_at updated_at';
/** The account's active boards; a board's workspace is the collection's workspace. */
export const mondayCollections = byIds(
  'boards',
  BOARD_FIELDS,
  `{
    "id": $string(id), "name": name, "description": description, "type": "board",
    "urls": url ? [{ "url": url, "type": "web" }] : [],
    "workspace": workspace_id ? { "id": $string(workspace_id) },
    "created_at": created_at, "updated_at": updated_at
  }`,
  {
    list: pagedList(
      `query Boards($limit: Int, $page: Int) { boards(limit: $limit, page: $page) { ${BOARD_FIELDS} } }`,
      'data.boards',
      100,
    ),
  },
);
