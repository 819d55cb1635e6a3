import type { ResourceDefinition } from '../definition';
import { ACTOR, GITLAB_TIME, PROJECT, USER_REFERENCE } from './shared.mapping';

/**
 * GitLab issue (REST, or a hook's `object_attributes`) → unified ticket. The id is the issue's IID, what
 * GitLab's project paths address; the global id stays in remote_data. Labels are tags by NAME (issues
 * carry names); a scoped label `priority::<level>` is the priority, GitLab having none of its own.
 */
export const gitlabTicketRecord = `
(
  $time := ${GITLAB_TIME};
  $user := ${USER_REFERENCE};
  $actor := ${ACTOR};
  $labels := [labels.($type($) = "string" ? $ : title)];
  $priority := $substringAfter($labels[$contains($, /^priority::/i)][0], "::");
  $issueType := issue_type ? issue_type : (type ? $lowercase(type));
  {
    "id": $string(iid),
    "name": title,
    "number": $string(iid),
    "description": description,
    "assignees": $exists(assignees) and $type(assignees) = "array"
      ? [assignees.$user($, null)]
      : [assignee_ids.{ "id": $string($) }],
    "status": state = "closed"
      ? { "id": "closed", "name": "closed", "category": "done" }
      : { "id": "opened", "name": "opened", "category": "open" },
    "created_by": $actor(author, author_id),
    "due_date": due_date ? due_date & "T00:00:00Z",
    "workspace": project_id ? { "id": $string(project_id) },
    "collections": milestone
      ? [{ "id": $string(milestone.id), "name": milestone.title, "type": "milestone" }]
      : milestone_id ? [{ "id": $string(milestone_id), "type": "milestone" }] : [],
    "ticket_type": $issueType ? { "id": $issueType, "name": $issueType },
    "priority": $priority ? {
      "id": $lowercase($priority),
      "name": $priority,
      "category": { "critical": "urgent", "urgent": "urgent", "high": "high", "medium": "medium", "low": "low" }
        .$lookup($, $lowercase($priority))
    },
    "tags": [$labels.{ "id": $, "name": $ }],
    "created_at": $time(created_at),
    "updated_at": $time(updated_at),
    "completed_at": $time(closed_at),
    "ticket_url": web_url ? web_url : url
  }
)`;

/**
 * Unified ticket → GitLab's issue attributes: assignees by numeric user id, labels as one
 * comma-separated string (GitLab's form), the first milestone collection. A status id `closed` closes,
 * `opened` reopens (`state_event`).
 */
function issueBody(withState: boolean): string {
  return `{
    "title": body.name,
    "description": body.description,
    "assignee_ids": $exists(body.assignees) ? [body.assignees.$number(id)],
    "labels": $exists(body.tags) ? $join([body.tags.(id ? id : name)], ","),
    "milestone_id": $exists(body.collections) ? (
      $m := body.collections[0];
      $m ? $number($m.id) : null
    ),
    "due_date": body.due_date ? $substring(body.due_date, 0, 10),
    "issue_type": body.ticket_type.id${
      withState
        ? `,\n    "state_event": body.status.id = "closed" ? "close" : body.status.id = "opened" ? "reopen"`
        : ''
    }
  }`;
}

export const gitlabTickets: ResourceDefinition = {
  record: gitlabTicketRecord,
  methods: {
    list: {
      method: 'GET',
      path: `${PROJECT} & "/issues"`,
      // All states, oldest first: issues created while a caller pages append at the end.
      query: `{
        "scope": "all",
        "state": "all",
        "order_by": "created_at",
        "sort": "asc",
        "updated_after": query.updated_at.gte,
        "updated_before": query.updated_at.lte,
        "created_after": query.created_at.gte,
        "created_before": query.created_at.lte
      }`,
      filters: { updated_at: ['gte', 'lte'], created_at: ['gte', 'lte'] },
    },
    get: { method: 'GET', path: `${PROJECT} & "/issues/" & $encodeUrlComponent(id)` },
    create: { method: 'POST', path: `${PROJECT} & "/issues"`, body: issueBody(false) },
    update: {
      method: 'PUT',
      path: `${PROJECT} & "/issues/" & $encodeUrlComponent(id)`,
      body: issueBody(true),
    },
    // Owners and administrators only; GitLab answers 403 to others.
    delete: { method: 'DELETE', path: `${PROJECT} & "/issues/" & $encodeUrlComponent(id)` },
  },
};
