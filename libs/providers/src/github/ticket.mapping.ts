/**
 * GitHub issue → unified ticket. The ticket id is the issue NUMBER (what GitHub's REST paths address
 * within the connection's repository); the global numeric id stays in remote_data.
 */
export const githubTicketRecord = `
(
  $user := function($u) { $u ? { "id": $string($u.id), "name": $u.login } };
  $repo := $substringAfter(repository_url, "/repos/");
  {
    "id": $string(number),
    "name": title,
    "number": $string(number),
    "description": body,
    "assignees": [assignees.$user($)],
    "status": state = "open"
      ? { "id": "open", "name": "open", "category": "open" }
      : { "id": "closed", "name": state_reason ? "closed (" & state_reason & ")" : "closed",
          "category": state_reason in ["not_planned", "duplicate"] ? "cancelled" : "done" },
    "created_by": user ? { "id": $string(user.id), "name": user.login, "type": "user" },
    "due_date": milestone.due_on,
    "workspace": $repo ? { "id": $repo, "name": $split($repo, "/")[-1] },
    "collections": milestone ? [{ "id": $string(milestone.number), "name": milestone.title, "type": "milestone" }],
    "ticket_type": type ? { "id": $string(type.id), "name": type.name },
    "parent_ticket": parent_issue_url ? { "id": $split(parent_issue_url, "/")[-1] },
    "tags": [labels.{ "id": $string(id), "name": name }],
    "created_at": created_at,
    "updated_at": updated_at,
    "completed_at": closed_at,
    "ticket_url": html_url
  }
)`;
