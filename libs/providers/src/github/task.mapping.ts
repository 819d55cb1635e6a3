import type { ResourceDefinition } from '../definition';
import { ISSUE_STATUS, REPO, USER_REFERENCE } from './shared.mapping';

/**
 * Sub-issues → unified tasks. A sub-issue is an issue of its own (it is also a ticket, with its parent
 * as `parent_ticket`); as a task it is addressed by its number. GitHub has no task lists.
 */
export const githubTaskRecord = `
(
  $user := ${USER_REFERENCE};
  {
    "id": $string(number),
    "name": title,
    "assignees": [assignees.$user($)],
    "description": body,
    "due_date": milestone.due_on,
    "ticket": parent_issue_url
      ? { "id": $split(parent_issue_url, "/")[-1] }
      : ($request.query.ticket_id ? { "id": $string($request.query.ticket_id) }),
    "task_list": null,
    "status": ${ISSUE_STATUS},
    "created_at": created_at,
    "updated_at": updated_at
  }
)`;

export const githubTasks: ResourceDefinition = {
  record: githubTaskRecord,
  methods: {
    list: {
      method: 'GET',
      path: `${REPO} & "/issues/" & $encodeUrlComponent(query.ticket_id) & "/sub_issues"`,
      requiredQuery: ['ticket_id'],
    },
    get: { method: 'GET', path: `${REPO} & "/issues/" & $encodeUrlComponent(id)` },
  },
};
