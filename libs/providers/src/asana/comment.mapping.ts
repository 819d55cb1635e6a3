import type { ResourceDefinition } from '../definition';
import { DATA, GID, optFields, STORY_FIELDS } from './shared.mapping';

/**
 * Asana story of type `comment` → unified comment. A task's stories mix comments with system stories
 * (assigned, moved, completed…): lists and gets keep the comments only. Asana comments are seen by
 * everyone with access to the task: none is internal or private. Stories have no modification time.
 */
export const asanaStoryRecord = `
(
  $ticket := target.gid ? target.gid : $request.query.ticket_id;
  {
    "id": gid,
    "author": created_by ? { "id": created_by.gid, "name": created_by.name, "type": "user" },
    "body": text,
    "html_body": html_text,
    "ticket": $ticket ? { "id": $ticket },
    "is_internal": $exists(type) ? false,
    "is_private": $exists(type) ? false,
    "created_at": created_at
  }
)`;

const STORY = `"/api/1.0/stories/" & ${GID}`;
const commentsOnly = `${DATA}[type = "comment"]`;

/** `html_body` goes as Asana's rich text (a `<body>` document); otherwise the plain `text`. */
const storyBody = `{
  "data": body.html_body
    ? { "html_text": "<body>" & body.html_body & "</body>" }
    : { "text": body.body }
}`;

export const asanaComments: ResourceDefinition = {
  record: asanaStoryRecord,
  methods: {
    list: {
      method: 'GET',
      path: `"/api/1.0/tasks/" & $encodeUrlComponent(query.ticket_id) & "/stories"`,
      query: optFields(STORY_FIELDS),
      response: commentsOnly,
      requiredQuery: ['ticket_id'],
    },
    get: { method: 'GET', path: STORY, query: optFields(STORY_FIELDS), response: commentsOnly },
    create: {
      method: 'POST',
      path: `"/api/1.0/tasks/" & $encodeUrlComponent(body.ticket.id) & "/stories"`,
      query: optFields(STORY_FIELDS),
      body: storyBody,
      response: DATA,
    },
    // Only the comment's author can edit it (Asana answers 403 otherwise).
    update: {
      method: 'PUT',
      path: STORY,
      query: optFields(STORY_FIELDS),
      body: storyBody,
      response: DATA,
    },
    delete: { method: 'DELETE', path: STORY },
  },
};
