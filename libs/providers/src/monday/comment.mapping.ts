import type { ResourceDefinition } from '../definition';
import { mondayRequest, pagedList } from './graphql';

const UPDATE_FIELDS = 'id body text_body creator_id creator { id name } item_id created_at updated_at';

/**
 * monday update (an item's conversation entry) → unified comment. Updates are seen by the board's
 * members, not by customers: internal. `body` is monday's HTML, `text_body` its plain text.
 */
export const mondayCommentRecord = `{
  "id": $string(id),
  "author": creator_id ? { "id": $string(creator_id), "name": creator.name, "type": "user" },
  "body": text_body,
  "html_body": body,
  "ticket": item_id ? { "id": $string(item_id) },
  "is_internal": true,
  "is_private": false,
  "created_at": created_at,
  "updated_at": updated_at
}`;

const text = `(body.html_body ? body.html_body : body.body)`;

export const mondayComments: ResourceDefinition = {
  record: mondayCommentRecord,
  methods: {
    // An item's updates, newest first, by `limit`/`page`.
    list: {
      ...pagedList(
        `query Updates($item: ID!, $limit: Int, $page: Int) { items(ids: [$item]) {
          updates(limit: $limit, page: $page) { ${UPDATE_FIELDS} } } }`,
        'data.items[0].updates',
        100,
        `{ "item": query.ticket_id }`,
      ),
      requiredQuery: ['ticket_id'],
    },
    get: {
      ...mondayRequest(`query Update($id: ID!) { updates(ids: [$id]) { ${UPDATE_FIELDS} } }`, `{ "id": id }`),
      response: 'data.updates[0]',
    },
    create: {
      ...mondayRequest(
        `mutation CreateUpdate($item: ID!, $body: String!) { create_update(item_id: $item, body: $body) { ${UPDATE_FIELDS} } }`,
        `{ "item": body.ticket.id, "body": ${text} }`,
      ),
      response: 'data.create_update',
    },
    update: {
      ...mondayRequest(
        `mutation EditUpdate($id: ID!, $body: String!) { edit_update(id: $id, body: $body) { ${UPDATE_FIELDS} } }`,
        `{ "id": id, "body": ${text} }`,
      ),
      response: 'data.edit_update',
    },
    delete: mondayRequest(
      `mutation DeleteUpdate($id: ID!) { delete_update(id: $id) { id } }`,
      `{ "id": id }`,
    ),
  },
};
