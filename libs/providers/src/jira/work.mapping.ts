import type { ResourceDefinition } from '../definition';
import {
  ACCOUNTS,
  ADF_TEXT,
  BROWSE_URL,
  ID_OR_KEY,
  JQL_QUOTE,
  RICH_TEXT,
  STATUS,
  TIMESTAMP,
  TO_ADF,
} from './shared.mapping';
import { ISSUE_PATH, issueUpdate, SEARCH } from './ticket.mapping';

/**
 * Jira epic → unified collection (type `epic`). Epics are issues: the same endpoints read and write
 * them; tickets point at their epic through `parent`. Components, versions and sprints are not
 * collections here (docs/providers/jira.md).
 */
export const jiraCollectionRecord = `(
  ${TIMESTAMP}
  ${ADF_TEXT}
  ${RICH_TEXT}
  ${BROWSE_URL}
  $issueType := fields.issuetype;
  {
    "id": $string(id),
    "name": fields.summary,
    "description": $text(fields.description),
    "type": $issueType.hierarchyLevel = 1 or $issueType.name = "Epic" ? "epic" : "other",
    "urls": [
      $browse($) ? { "url": $browse($), "type": "web" },
      self ? { "url": self, "type": "api" }
    ],
    "workspace": fields.project.id ? { "id": $string(fields.project.id), "name": fields.project.name },
    "created_at": $ts(fields.created),
    "updated_at": $ts(fields.updated),
    "entity_type": "ticket"
  }
)`;

/** Search clauses narrowing issues to one project when `workspace_id` is given. */
const IN_WORKSPACE = `(query.workspace_id ? "project = " & $jql(query.workspace_id) & " AND " : "")`;

export const jiraCollections: ResourceDefinition = {
  record: jiraCollectionRecord,
  methods: {
    list: {
      ...SEARCH,
      query: `(
        ${JQL_QUOTE}
        { "jql": ${IN_WORKSPACE} & "issuetype = Epic ORDER BY created ASC", "fields": "*all" }
      )`,
    },
    get: { method: 'GET', path: ISSUE_PATH },
    create: {
      method: 'POST',
      path: '"/rest/api/3/issue"',
      body: `(
        ${TO_ADF}
        ${ID_OR_KEY}
        { "fields": {
          "project": $idOrKey(body.workspace.id ? body.workspace.id : settings.project_key),
          "issuetype": { "name": "Epic" },
          "summary": body.name,
          "description": $exists(body.description) ? $toAdf(body.description)
        } }
      )`,
      readBack: true,
    },
    update: issueUpdate(`(
        ${TO_ADF}
        { "fields": { "summary": body.name, "description": $exists(body.description) ? $toAdf(body.description) } }
      )`),
    delete: { method: 'DELETE', path: ISSUE_PATH },
  },
};

/** Jira sub-task → unified task of its parent ticket. */
export const jiraTaskRecord = `(
  ${TIMESTAMP}
  ${ADF_TEXT}
  ${RICH_TEXT}
  ${ACCOUNTS}
  ${STATUS}
  $f := fields;
  {
    "id": $string(id),
    "name": $f.summary,
    "assignees": $exists($f.assignee) ? ($f.assignee ? [$user($f.assignee)] : []),
    "description": $text($f.description),
    "due_date": $f.duedate,
    "ticket": $f.parent.id ? { "id": $string($f.parent.id), "name": $f.parent.fields.summary },
    "status": $f.status ? $status($f.status, $f.resolution),
    "created_at": $ts($f.created),
    "updated_at": $ts($f.updated)
  }
)`;

/** Sub-task fields from a unified task body. */
const TASK_FIELDS = `(
  ${TO_ADF}
  {
    "summary": body.name,
    "description": $exists(body.description) ? $toAdf(body.description),
    "assignee": $exists(body.assignees) ? (body.assignees[0].id ? { "accountId": body.assignees[0].id } : null),
    "duedate": $exists(body.due_date) ? (body.due_date ? $substring(body.due_date, 0, 10) : null),
    "status": $exists(body.status) ? { "id": body.status.id }
  }
)`;

export const jiraTasks: ResourceDefinition = {
  record: jiraTaskRecord,
  methods: {
    list: {
      ...SEARCH,
      query: `(
        ${JQL_QUOTE}
        {
          "jql": "parent = " & $jql(query.ticket_id) & " AND issuetype in subTaskIssueTypes() ORDER BY created ASC",
          "fields": "*all"
        }
      )`,
      requiredQuery: ['ticket_id'],
    },
    get: { method: 'GET', path: ISSUE_PATH },
    // A sub-task lives in its parent's project: the key prefix of a parent given by key, else the
    // connection's default project. Jira Cloud's default sub-task type is named "Subtask".
    create: {
      method: 'POST',
      path: '"/rest/api/3/issue"',
      body: String.raw`(
        ${ID_OR_KEY}
        $parent := $string(body.ticket.id);
        $project := $contains($parent, /^[A-Za-z][A-Za-z0-9_]*-\d+$/) ? $substringBefore($parent, "-") : settings.project_key;
        { "fields": $merge([
          ${TASK_FIELDS},
          { "project": $idOrKey($project), "parent": $idOrKey($parent), "issuetype": { "name": "Subtask" } }
        ]) }
      )`,
      readBack: true,
    },
    update: issueUpdate(`{ "fields": ${TASK_FIELDS} }`),
    delete: { method: 'DELETE', path: ISSUE_PATH },
  },
};

/**
 * Jira attachment → unified attachment. Attachments are listed from their issue; Jira's attachment
 * metadata does not name the issue, so `ticket_id` is the ticket the call was made for (null on a
 * `get` without `ticket_id`).
 */
export const jiraAttachmentRecord = `(
  ${TIMESTAMP}
  ${ACCOUNTS}
  {
    "id": $string(id),
    "file_name": filename,
    "ticket_id": $request.query.ticket_id ? $string($request.query.ticket_id),
    "size": size,
    "file_url": content,
    "content_type": mimeType,
    "uploaded_by": author.accountId,
    "uploaded_by_type": author.accountId ? $actorType(author),
    "created_at": $ts(created)
  }
)`;

const ATTACHMENT = `"/rest/api/3/attachment/" & $encodeUrlComponent(id)`;

export const jiraAttachments: ResourceDefinition = {
  record: jiraAttachmentRecord,
  methods: {
    list: {
      method: 'GET',
      path: `"/rest/api/3/issue/" & $encodeUrlComponent(query.ticket_id)`,
      query: '{ "fields": "attachment" }',
      response: 'fields.attachment',
      pagination: { strategy: 'none' },
      requiredQuery: ['ticket_id'],
    },
    get: { method: 'GET', path: ATTACHMENT },
    delete: { method: 'DELETE', path: ATTACHMENT },
  },
  // One multipart POST to the issue, parts named `file`; Jira refuses it (XSRF) without the token header.
  // It answers the array of attachments it created.
  upload: {
    steps: [
      {
        method: 'POST',
        path: `"/rest/api/3/issue/" & $encodeUrlComponent(body.ticket_id) & "/attachments"`,
        file: { as: 'multipart', field: 'file' },
        headers: { 'X-Atlassian-Token': 'no-check' },
      },
    ],
    response: 'steps[0][0]',
  },
  // The bytes themselves: without `redirect=false` Jira answers 303 to its media service.
  download: {
    path: `"/rest/api/3/attachment/content/" & $encodeUrlComponent(id)`,
    query: '{ "redirect": "false" }',
  },
};
