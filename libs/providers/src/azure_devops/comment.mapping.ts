import type { ResourceDefinition } from '../definition';
import { COMMENTS_VERSION, ID, IDENTITY, PROJECT } from './shared.mapping';

/**
 * Work item comment (the Discussion) → unified comment. `text` is HTML (or Markdown where the comment
 * was written so); `renderedText` the HTML shown. Every comment is visible to whoever sees the work
 * item: none is internal.
 */
export const commentRecord = `
(
  $identity := ${IDENTITY};
  $item := $exists(workItemId) ? workItemId : $request.query.ticket_id;
  {
    "id": $string(id),
    "author": createdBy ? $merge([$identity(createdBy), { "type": "user" }]),
    "body": text,
    "html_body": renderedText ? renderedText : text,
    "ticket": $item ? { "id": $string($item) },
    "created_at": createdDate,
    "updated_at": modifiedDate
  }
)`;

const COMMENTS = `${PROJECT} & "/_apis/wit/workItems/" & $encodeUrlComponent(query.ticket_id) & "/comments"`;

export const comments: ResourceDefinition = {
  record: commentRecord,
  methods: {
    list: {
      method: 'GET',
      path: COMMENTS,
      query: COMMENTS_VERSION,
      requiredQuery: ['ticket_id'],
      response: 'comments',
      pagination: {
        strategy: 'next-page-token',
        tokenParam: 'continuationToken',
        sizeParam: '$top',
        maxPageSize: 200,
        tokenPath: 'continuationToken',
      },
    },
    get: {
      method: 'GET',
      path: `${COMMENTS} & "/" & ${ID}`,
      query: COMMENTS_VERSION,
      requiredQuery: ['ticket_id'],
    },
    create: {
      method: 'POST',
      path: `${PROJECT} & "/_apis/wit/workItems/" & $encodeUrlComponent(body.ticket.id) & "/comments"`,
      query: COMMENTS_VERSION,
      body: `{ "text": body.html_body ? body.html_body : body.body }`,
    },
    update: {
      method: 'PATCH',
      path: `${COMMENTS} & "/" & ${ID}`,
      query: COMMENTS_VERSION,
      requiredQuery: ['ticket_id'],
      body: `{ "text": body.html_body ? body.html_body : body.body }`,
    },
    delete: {
      method: 'DELETE',
      path: `${COMMENTS} & "/" & ${ID}`,
      query: COMMENTS_VERSION,
      requiredQuery: ['ticket_id'],
    },
  },
};
