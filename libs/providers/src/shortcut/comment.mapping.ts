import type { ResourceDefinition } from '../definition';
import { API, ID } from './shared.mapping';

/**
 * Shortcut story comment → unified comment. Every comment is visible to the whole workspace (Shortcut
 * has no customer side), so none is marked internal or private. A comment deleted under a thread
 * stays listed with `deleted: true` and no text: it is gone for the unified API.
 */
export const shortcutCommentRecord = `
(
  $story := $exists(story_id) ? story_id : $request.query.ticket_id;
  {
    "id": $string(id),
    "author": author_id ? { "id": author_id, "type": "user" },
    "body": text,
    "ticket": $story ? { "id": $string($story) },
    "created_at": created_at,
    "updated_at": updated_at
  }
)`;

const COMMENTS = `${API} & "/stories/" & $encodeUrlComponent(query.ticket_id) & "/comments"`;
const COMMENT = `${COMMENTS} & "/" & ${ID}`;

export const shortcutComments: ResourceDefinition = {
  record: shortcutCommentRecord,
  methods: {
    list: {
      method: 'GET',
      path: COMMENTS,
      requiredQuery: ['ticket_id'],
      response: '[$[deleted != true]]',
    },
    get: { method: 'GET', path: COMMENT, requiredQuery: ['ticket_id'], response: '$[deleted != true]' },
    create: {
      method: 'POST',
      path: `${API} & "/stories/" & $encodeUrlComponent(body.ticket.id) & "/comments"`,
      body: `$merge([{ "text": body.body ? body.body : body.html_body }, body.author ? { "author_id": body.author.id }])`,
    },
    update: {
      method: 'PUT',
      path: COMMENT,
      requiredQuery: ['ticket_id'],
      body: `{ "text": body.body ? body.body : body.html_body }`,
    },
    delete: { method: 'DELETE', path: COMMENT, requiredQuery: ['ticket_id'] },
  },
};
