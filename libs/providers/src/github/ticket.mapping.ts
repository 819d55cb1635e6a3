import type { ResourceDefinition } from '../definition';
import { ISSUE_STATUS, REPO, SINCE, USER_REFERENCE } from './shared.mapping';

/**
 * GitHub issue → unified ticket. The ticket id is the issue NUMBER (what GitHub's REST paths address
 * within the connection's repository); the global numeric id stays in remote_data. Labels are tags by
 * NAME (GitHub addresses labels by name), users keep their durable numeric id with the login as name.
 */
export const githubTicketRecord = `
(
  $user := ${USER_REFERENCE};
  $repo := $substringAfter(repository_url, "/repos/");
  {
    "id": $string(number),
    "name": title,
    "number": $string(number),
    "description": body,
    "assignees": [assignees.$user($)],
    "status": ${ISSUE_STATUS},
    "created_by": user ? { "id": $string(user.id), "name": user.login, "type": "user" },
    "due_date": milestone.due_on,
    "workspace": $repo ? { "id": $repo, "name": $split($repo, "/")[-1] },
    "collections": milestone ? [{ "id": $string(milestone.number), "name": milestone.title, "type": "milestone" }],
    "ticket_type": type ? { "id": $string(type.id), "name": type.name },
    "parent_ticket": parent_issue_url ? { "id": $split(parent_issue_url, "/")[-1] },
    "tags": [labels.{ "id": name, "name": name }],
    "custom_fields": $exists(issue_field_values)
      ? $merge([{}, issue_field_values.{ (issue_field_name ? issue_field_name : $string(issue_field_id)): value }]),
    "created_at": created_at,
    "updated_at": updated_at,
    "completed_at": closed_at,
    "ticket_url": html_url
  }
)`;

/**
 * Unified ticket body → issue body. GitHub assigns by LOGIN: a reference's `name` (the login, as ticket
 * records carry it) is sent, else its id. The issue type is set by name, the milestone by number; absent
 * fields are left alone, null or [] clears them.
 */
function issueBody(withState: boolean): string {
  return `{
    "title": body.name,
    "body": body.description,
    "assignees": $exists(body.assignees) ? [body.assignees.(name ? name : id)],
    "labels": $exists(body.tags) ? [body.tags.(id ? id : name)],
    "milestone": $exists(body.collections) ? (
      $m := (body.collections[$not($exists(type)) or type = null or type = "milestone"])[0];
      $m ? $number($m.id) : null
    ),
    "type": $exists(body.ticket_type) ? (body.ticket_type ? (body.ticket_type.name ? body.ticket_type.name : body.ticket_type.id) : null)${
      withState ? `,\n    "state": body.status.id` : ''
    }
  }`;
}

export const githubTickets: ResourceDefinition = {
  record: githubTicketRecord,
  methods: {
    list: {
      method: 'GET',
      path: `${REPO} & "/issues"`,
      // All states (GitHub lists open issues only by default) and oldest first, so that issues created
      // while a caller pages only ever append to the end: no page shifts under the cursor.
      query: `{ "state": "all", "sort": "created", "direction": "asc", "since": ${SINCE} }`,
      // The issues endpoint lists pull requests too; they are not tickets.
      response: `$[$not($exists(pull_request))]`,
      filters: { updated_at: ['gte', 'gt'] },
    },
    get: {
      method: 'GET',
      path: `${REPO} & "/issues/" & $encodeUrlComponent(id)`,
      response: `$not($exists(pull_request)) ? $`,
    },
    create: {
      method: 'POST',
      path: `${REPO} & "/issues"`,
      body: issueBody(false),
      readBack: true,
    },
    update: {
      method: 'PATCH',
      path: `${REPO} & "/issues/" & $encodeUrlComponent(id)`,
      body: issueBody(true),
      readBack: true,
    },
  },
};
