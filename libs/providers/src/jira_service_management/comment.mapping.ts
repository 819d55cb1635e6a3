import type { ResourceDefinition } from '../definition';
import { ADF_TEXT, RICH_TEXT, TO_ADF } from '../jira/shared.mapping';
import { DATE, PEOPLE, SD } from './shared.mapping';

/**
 * Request comment → unified comment. REST answers a CommentDTO (`public`, `author`, `created` DateDTO);
 * webhooks carry Jira's comment (`jsdPublic`, `author` with its account type, `created` and `updated`).
 * `public: false` / `jsdPublic: false` is an internal note: internal, and private (customers never see
 * it). The ticket is read from the comment's own link (`/request/{id}/comment/…` or `/issue/{id}/comment/…`).
 */
export const jsmCommentRecord = String.raw`(
  ${DATE}
  ${ADF_TEXT}
  ${RICH_TEXT}
  ${PEOPLE}
  $link := self ? self : _links.self;
  $issueId := $match($link, /\/(request|issue)\/([^\/]+)\/comment\//).groups[1];
  $internal := $exists(public) ? public = false : jsdPublic = false;
  {
    "id": $string(id),
    "author": $actor(author),
    "body": $text(body),
    "html_body": renderedBody.html,
    "ticket": $issueId ? { "id": $issueId } : $request.query.ticket_id ? { "id": $string($request.query.ticket_id) },
    "is_internal": $internal,
    "is_private": $internal,
    "created_at": $date(created),
    "updated_at": updated ? $date(updated)
  }
)`;

const COMMENTS = `${SD} & "/request/" & $encodeUrlComponent(query.ticket_id) & "/comment"`;

export const jsmComments: ResourceDefinition = {
  record: jsmCommentRecord,
  methods: {
    // Public replies and internal notes both (JSM's defaults, said out loud).
    list: {
      method: 'GET',
      path: COMMENTS,
      query: '{ "public": "true", "internal": "true" }',
      response: 'values',
      requiredQuery: ['ticket_id'],
    },
    get: {
      method: 'GET',
      path: `${COMMENTS} & "/" & $encodeUrlComponent(id)`,
      requiredQuery: ['ticket_id'],
    },
    // JSM takes plain text (wiki markup) and requires `public`; it edits and deletes no comments.
    create: {
      method: 'POST',
      path: `${SD} & "/request/" & $encodeUrlComponent(body.ticket.id) & "/comment"`,
      // $htmlToText comes with Jira's ADF writer.
      body: `(
        ${TO_ADF}
        {
          "body": $exists(body.body) ? body.body : body.html_body ? $htmlToText(body.html_body),
          "public": $not(body.is_internal = true)
        }
      )`,
    },
  },
};
