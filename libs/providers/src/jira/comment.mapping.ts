import type { ResourceDefinition } from '../definition';
import { ACCOUNTS, ADF_HTML, ADF_TEXT, RICH_TEXT, TIMESTAMP, TO_ADF } from './shared.mapping';

const COMMENTS = `"/rest/api/3/issue/" & $encodeUrlComponent(query.ticket_id) & "/comment"`;
const COMMENT = `${COMMENTS} & "/" & $encodeUrlComponent(id)`;

/**
 * Jira comment → unified comment. The ticket is read from the comment's own `self` link
 * (`…/issue/{issueId}/comment/{id}`), which REST answers and webhooks both carry. `jsdPublic: false`
 * (Jira Service Management internal note) is `is_internal`; a `visibility` restriction (role or group)
 * is `is_private`. Text and HTML are rendered from the ADF body; a v2 string body (webhooks) is the
 * text itself and has no HTML.
 */
export const jiraCommentRecord = String.raw`(
  ${TIMESTAMP}
  ${ADF_TEXT}
  ${ADF_HTML}
  ${RICH_TEXT}
  ${ACCOUNTS}
  $issueId := $match(self, /\/issue\/([^\/]+)\/comment\//).groups[0];
  {
    "id": $string(id),
    "author": $actor(author),
    "body": $text(body),
    "html_body": $type(body) = "object" ? $adfHtml(body),
    "ticket": $issueId ? { "id": $issueId } : $request.query.ticket_id ? { "id": $request.query.ticket_id },
    "is_internal": $exists(jsdPublic) ? $not(jsdPublic) : false,
    "is_private": $exists(visibility),
    "created_at": $ts(created),
    "updated_at": $ts(updated)
  }
)`;

/** The comment body Jira takes: ADF from the text (or the HTML's text); internal notes via JSM's property. */
const COMMENT_BODY = `(
  ${TO_ADF}
  $text := $exists(body.body) ? body.body : body.html_body ? $htmlToText(body.html_body);
  {
    "body": $text != null ? $toAdf($text),
    "properties": $exists(body.is_internal)
      ? [{ "key": "sd.public.comment", "value": { "internal": body.is_internal = true } }]
  }
)`;

export const jiraComments: ResourceDefinition = {
  record: jiraCommentRecord,
  methods: {
    list: {
      method: 'GET',
      path: COMMENTS,
      query: '{ "orderBy": "created" }',
      response: 'comments',
      pagination: {
        strategy: 'offset',
        startParam: 'startAt',
        sizeParam: 'maxResults',
        maxPageSize: 100,
        totalPath: 'total',
      },
      requiredQuery: ['ticket_id'],
    },
    get: { method: 'GET', path: COMMENT, requiredQuery: ['ticket_id'] },
    // POST and PUT answer the stored comment, so it is mapped as is (a read-back would need ticket_id).
    create: {
      method: 'POST',
      path: `"/rest/api/3/issue/" & $encodeUrlComponent(body.ticket.id) & "/comment"`,
      body: COMMENT_BODY,
    },
    update: { method: 'PUT', path: COMMENT, body: COMMENT_BODY, requiredQuery: ['ticket_id'] },
    delete: { method: 'DELETE', path: COMMENT, requiredQuery: ['ticket_id'] },
  },
};
