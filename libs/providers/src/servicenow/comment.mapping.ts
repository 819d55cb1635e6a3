import type { ResourceDefinition } from '../definition';
import { FIELD_HELPERS, IS_SYS_ID, TABLE_API, TICKET_TABLE } from './shared.mapping';

/**
 * A journal entry (`sys_journal_field`) → unified comment. `element` says which journal: `comments`
 * (additional comments, visible to the caller) or `work_notes` (internal). ServiceNow records the
 * author as a user name (`sys_created_by`), not a sys_id: it is the author's id, and `users/{id}`
 * takes a user name too. Journals are plain text.
 */
export const serviceNowCommentRecord = `
(
  ${FIELD_HELPERS};
  $internal := $v(element) = "work_notes";
  {
    "id": $v(sys_id) ? $v(sys_id) : $v(element_id) & "~" & $v(element) & "~" & $v(sys_created_by),
    "author": $v(sys_created_by) ? { "id": $v(sys_created_by), "name": $v(sys_created_by), "type": "user" },
    "body": $v(value),
    "ticket": $v(element_id) ? { "id": $v(element_id) },
    "is_internal": $internal,
    "is_private": $internal,
    "channel": $v(element) ? { "id": $v(element), "name": $internal ? "Work notes" : "Additional comments" },
    "created_at": $t(sys_created_on),
    "updated_at": $t(sys_created_on)
  }
)`;

const JOURNAL = `${TABLE_API} & "sys_journal_field"`;
const internal = `(body.is_internal = true or body.is_private = true)`;
const journal = `(${internal} ? "work_notes" : "comments")`;

export const serviceNowComments: ResourceDefinition = {
  record: serviceNowCommentRecord,
  methods: {
    list: {
      method: 'GET',
      path: JOURNAL,
      query: `{
        "sysparm_query": "element_id=" & query.ticket_id & "^elementINcomments,work_notes^ORDERBYsys_created_on^ORDERBYsys_id"
      }`,
      response: 'result',
      requiredQuery: ['ticket_id'],
    },
    // A journal entry by its sys_id; `<ticket>~<journal>~<user>` (what a write answers) is the newest
    // entry that user wrote in that journal of the ticket.
    get: {
      method: 'GET',
      path: `${IS_SYS_ID} ? ${JOURNAL} & "/" & id : ${JOURNAL}`,
      query: `${IS_SYS_ID} ? {} : (
        $parts := $split(id, "~");
        {
          "sysparm_query": "element_id=" & $parts[0] & "^element=" & $parts[1] & "^sys_created_by=" & $parts[2]
            & "^ORDERBYDESCsys_created_on",
          "sysparm_limit": "1"
        }
      )`,
      response: `$type(result) = "array" ? result[0] : result`,
    },
    // Written the platform's way: the ticket's `work_notes` or `comments` field takes the text and
    // ServiceNow adds the journal entry (notifications, SLAs and the activity stream follow). The answer is
    // the ticket, asked for with the journal written among its fields so the answer says which it was;
    // the entry is then read back (get above).
    create: {
      method: 'PATCH',
      path: `${TABLE_API} & ${TICKET_TABLE} & "/" & $encodeUrlComponent(body.ticket.id)`,
      query: `{ "sysparm_fields": "sys_id,sys_updated_by," & ${journal} }`,
      body: `{ ${journal}: body.body ? body.body : body.html_body }`,
      response: `{
        "element_id": result.sys_id,
        "element": $exists(result.work_notes) ? "work_notes" : "comments",
        "sys_created_by": result.sys_updated_by
      }`,
      readBack: true,
    },
  },
};
