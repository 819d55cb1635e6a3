import type { ResourceDefinition } from '../definition';
import { ID, REPO, SINCE } from './shared.mapping';

/** GitHub issue comment → unified comment. GitHub comments are always public and have no channel. */
export const githubCommentRecord = `
{
  "id": $string(id),
  "author": user ? { "id": $string(user.id), "name": user.login, "type": "user" },
  "body": body,
  "html_body": body_html,
  "ticket": issue_url ? { "id": $split(issue_url, "/")[-1] },
  "is_internal": false,
  "is_private": false,
  "created_at": created_at,
  "updated_at": updated_at
}`;

/** Comments on pull requests come through the same endpoints; their web URL says `/pull/`. */
const ISSUE_COMMENTS_ONLY = `$[$not($contains(html_url, "/pull/"))]`;

export const githubComments: ResourceDefinition = {
  record: githubCommentRecord,
  methods: {
    list: {
      method: 'GET',
      // One ticket's comments, or the whole repository's (ascending id: new comments append).
      path: `query.ticket_id
        ? ${REPO} & "/issues/" & $encodeUrlComponent(query.ticket_id) & "/comments"
        : ${REPO} & "/issues/comments"`,
      query: `{ "since": ${SINCE} }`,
      response: ISSUE_COMMENTS_ONLY,
      filters: { updated_at: ['gte', 'gt'] },
    },
    get: { method: 'GET', path: `${REPO} & "/issues/comments/" & ${ID}` },
    create: {
      method: 'POST',
      path: `${REPO} & "/issues/" & $encodeUrlComponent(body.ticket.id) & "/comments"`,
      // GitHub renders Markdown, which accepts HTML: html_body is sent when there is no body.
      body: `{ "body": body.body ? body.body : body.html_body }`,
      readBack: true,
    },
    update: {
      method: 'PATCH',
      path: `${REPO} & "/issues/comments/" & ${ID}`,
      body: `{ "body": body.body ? body.body : body.html_body }`,
      readBack: true,
    },
    delete: { method: 'DELETE', path: `${REPO} & "/issues/comments/" & ${ID}` },
  },
};
