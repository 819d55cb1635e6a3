import type { ResourceDefinition } from '../definition';
import { graphqlRequest, relayList } from './graphql';

const COMMENT_FIELDS = `id body url createdAt updatedAt editedAt issue { id } user { id name displayName }`;

/**
 * Linear comment → unified comment. Linear comments are Markdown, visible to everyone in the workspace:
 * none is internal. A webhook's `data` carries `issueId`/`userId` instead of the objects.
 */
export const linearCommentRecord = `
{
  "id": id,
  "body": body,
  "html_body": null,
  "author": user
    ? { "id": user.id, "name": user.displayName ? user.displayName : user.name, "type": "user" }
    : userId ? { "id": userId, "type": "user" },
  "ticket": issue ? { "id": issue.id } : issueId ? { "id": issueId } : $request.query.ticket_id ? { "id": $request.query.ticket_id },
  "is_internal": false,
  "is_private": false,
  "created_at": createdAt,
  "updated_at": updatedAt
}`;

export const linearComments: ResourceDefinition = {
  record: linearCommentRecord,
  methods: {
    // One issue's comments through its connection, or the workspace's.
    list: {
      ...relayList(
        'comments',
        `query Comments($first: Int, $after: String, $filter: CommentFilter) {
          comments(first: $first, after: $after, filter: $filter) {
            nodes { ${COMMENT_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        `{ "filter": query.ticket_id ? { "issue": { "id": { "eq": query.ticket_id } } } }`,
      ),
    },
    get: {
      ...graphqlRequest(
        `query Comment($id: String) { comment(id: $id) { ${COMMENT_FIELDS} } }`,
        `{ "id": id }`,
      ),
      response: 'data.comment',
    },
    create: {
      ...graphqlRequest(
        `mutation CommentCreate($input: CommentCreateInput!) { commentCreate(input: $input) { success comment { ${COMMENT_FIELDS} } } }`,
        `{ "input": { "issueId": body.ticket.id, "body": body.body ? body.body : body.html_body } }`,
      ),
      response: 'data.commentCreate.comment',
    },
    update: {
      ...graphqlRequest(
        `mutation CommentUpdate($id: String!, $input: CommentUpdateInput!) { commentUpdate(id: $id, input: $input) { success comment { ${COMMENT_FIELDS} } } }`,
        `{ "id": id, "input": { "body": body.body } }`,
      ),
      response: 'data.commentUpdate.comment',
    },
    delete: graphqlRequest(
      `mutation CommentDelete($id: String!) { commentDelete(id: $id) { success } }`,
      `{ "id": id }`,
    ),
  },
};
