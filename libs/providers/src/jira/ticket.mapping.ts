import type { MethodDefinition, ResourceDefinition } from '../definition';
import {
  ACCOUNTS,
  ADF_TEXT,
  ALL_FILTERS,
  BROWSE_URL,
  ID_OR_KEY,
  JQL_DATES,
  JQL_QUOTE,
  PRIORITY,
  RICH_TEXT,
  STATUS,
  TIMESTAMP,
  TO_ADF,
} from './shared.mapping';

/** `/rest/api/3/issue/{id}`: Jira accepts the id or the key. */
export const ISSUE_PATH = `"/rest/api/3/issue/" & $encodeUrlComponent(id)`;

/** How every issue-backed resource updates: PUT the issue, asking Jira to return it, then read it back. */
export function issueUpdate(body: string): MethodDefinition {
  return { method: 'PUT', path: ISSUE_PATH, query: '{ "returnIssue": "true" }', body, readBack: true };
}

/**
 * Enhanced search (`/rest/api/3/search/jql`): `nextPageToken` pages, `isLast`, no total. Jira serves up
 * to 100 full issues a page; 50 keeps the mapping of one page (about 5 ms of JSONata per issue with
 * its custom fields) well inside the engine's per-expression time limit.
 */
export const SEARCH = {
  method: 'GET',
  path: '"/rest/api/3/search/jql"',
  response: 'issues',
  pagination: {
    strategy: 'next-page-token',
    tokenParam: 'nextPageToken',
    sizeParam: 'maxResults',
    maxPageSize: 50,
    tokenPath: 'nextPageToken',
  },
} as const;

/**
 * Jira issue → unified ticket. The id is the issue's numeric id (stable when an issue moves to another
 * project and its key changes); the key (`SUP-12`) is the `number`. Epics a ticket belongs to (its
 * parent when that is an epic) are its collections. Custom fields are keyed by field id, empty ones
 * left out, values in the form Jira accepts back where it can: users as `{accountId}`, options as
 * `{id, value}` (API links dropped, they differ between REST and webhooks), rich text as plain text.
 */
export const jiraTicketRecord = `(
  ${TIMESTAMP}
  ${ADF_TEXT}
  ${RICH_TEXT}
  ${ACCOUNTS}
  ${STATUS}
  ${PRIORITY}
  ${BROWSE_URL}
  $f := fields;
  $parentIsEpic := $f.parent.fields.issuetype.hierarchyLevel = 1 or $f.parent.fields.issuetype.name = "Epic";
  $reporterIsCustomer := $f.reporter.accountType = "customer";
  $plain := function($v) {
    $type($v) = "array" ? [$map($v, $plain)]
    : $type($v) != "object" ? $v
    : $v.type = "doc" ? $adfText($v)
    : $v.accountId ? { "accountId": $v.accountId }
    : $v ~> | $ | {}, ["self", "avatarUrls", "iconUrl"] |
  };
  $set := $sift($f, function($v, $k) { $substring($k, 0, 12) = "customfield_" and $v != null });
  $custom := $set ? $merge($each($set, function($v, $k) { { $k: $plain($v) } }));
  {
    "id": $string(id),
    "name": $f.summary,
    "number": key,
    "assignees": $exists($f.assignee) ? ($f.assignee ? [$user($f.assignee)] : []),
    "status": $f.status ? $status($f.status, $f.resolution),
    "created_by": $actor($f.creator ? $f.creator : $f.reporter),
    "due_date": $f.duedate,
    "description": $text($f.description),
    "workspace": $f.project.id ? { "id": $string($f.project.id), "name": $f.project.name },
    "collections": $f.parent and $parentIsEpic
      ? [{ "id": $string($f.parent.id), "name": $f.parent.fields.summary, "type": "epic" }]
      : $exists($f.summary) ? [],
    "ticket_type": $f.issuetype.id ? { "id": $string($f.issuetype.id), "name": $f.issuetype.name },
    "contact": $reporterIsCustomer ? $user($f.reporter),
    "parent_ticket": $f.parent.id ? { "id": $string($f.parent.id), "name": $f.parent.fields.summary },
    "attachments": $exists($f.attachment) ? [$f.attachment.{ "id": $string(id), "name": filename }],
    "tags": $exists($f.labels) ? [$f.labels.{ "id": $, "name": $ }],
    "created_at": $ts($f.created),
    "updated_at": $ts($f.updated),
    "completed_at": $ts($f.resolutiondate),
    "ticket_url": $browse($),
    "priority": $f.priority ? $priority($f.priority),
    "custom_fields": $exists($f.summary) ? ($custom ? $custom : {})
  }
)`;

/**
 * The issue `fields` a unified ticket body writes. Absent keys leave Jira's value alone, null clears it.
 * Jira has one assignee (the first is written). A status cannot be written with an edit (Jira moves
 * issues through workflow transitions): it is sent anyway so that Jira refuses it with a 400 instead
 * of the write being silently ignored.
 */
const TICKET_FIELDS = `(
  ${TO_ADF}
  ${ID_OR_KEY}
  $epic := body.collections[type = "epic" or $not($exists(type))][0].id;
  $parent := body.parent_ticket.id ? body.parent_ticket.id : $epic;
  $merge([
    {
      "summary": body.name,
      "description": $exists(body.description) ? $toAdf(body.description),
      "issuetype": body.ticket_type.id ? { "id": body.ticket_type.id },
      "assignee": $exists(body.assignees) ? (body.assignees[0].id ? { "accountId": body.assignees[0].id } : null),
      "priority": $exists(body.priority) ? (body.priority.id ? { "id": body.priority.id } : null),
      "labels": $exists(body.tags) ? [body.tags.(id ? id : name)],
      "duedate": $exists(body.due_date) ? (body.due_date ? $substring(body.due_date, 0, 10) : null),
      "parent": $parent ? $idOrKey($parent),
      "status": $exists(body.status) ? { "id": body.status.id }
    },
    body.custom_fields ? body.custom_fields : {}
  ])
)`;

export const jiraTickets: ResourceDefinition = {
  record: jiraTicketRecord,
  methods: {
    list: {
      ...SEARCH,
      // Created order is stable while pages are walked (updated order shifts as issues change).
      query: `(
        ${JQL_QUOTE}
        ${JQL_DATES}
        $clauses := [
          query.workspace_id ? "project = " & $jql(query.workspace_id),
          query.collection_id ? "parent = " & $jql(query.collection_id),
          $dateClauses("created", query.created_at),
          $dateClauses("updated", query.updated_at)
        ];
        {
          "jql": ($count($clauses) > 0 ? $join($clauses, " AND ") : "project IS NOT EMPTY") & " ORDER BY created ASC",
          "fields": "*all"
        }
      )`,
      filters: { created_at: [...ALL_FILTERS], updated_at: [...ALL_FILTERS] },
    },
    get: { method: 'GET', path: ISSUE_PATH },
    create: {
      method: 'POST',
      path: '"/rest/api/3/issue"',
      // The project: the body's workspace, else the connection's default project.
      body: `(
        ${ID_OR_KEY}
        $project := body.workspace.id ? body.workspace.id : settings.project_key;
        {
          "fields": $merge([
            ${TICKET_FIELDS},
            { "project": $idOrKey($project), "issuetype": body.ticket_type.id ? { "id": body.ticket_type.id } : { "name": "Task" } }
          ])
        }
      )`,
      readBack: true,
    },
    update: issueUpdate(`{ "fields": ${TICKET_FIELDS} }`),
    delete: { method: 'DELETE', path: ISSUE_PATH },
  },
};
