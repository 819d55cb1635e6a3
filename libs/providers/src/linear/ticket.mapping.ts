import type { ResourceDefinition } from '../definition';
import { graphqlRequest, relayList } from './graphql';

/** The issue fields every read asks for (the record mapping reads nothing else). */
export const ISSUE_FIELDS = `
  id identifier number title description priority priorityLabel url dueDate
  createdAt updatedAt completedAt canceledAt archivedAt
  state { id name type } team { id key name }
  assignee { id name displayName } creator { id name displayName }
  project { id name } cycle { id number name } parent { id identifier }
  labels { nodes { id name color } }`;

/**
 * Linear issue (a GraphQL node, or a webhook's `data`) → unified ticket. The id is the issue's UUID
 * (Linear takes it and the `ENG-12` identifier alike); the identifier is the number. Workflow state types
 * map to status categories (triage/backlog/unstarted open, started in progress, completed done,
 * canceled cancelled); priorities 1–4 are urgent…low and 0 is "no priority" (null).
 */
export const linearTicketRecord = `
(
  $ref := function($u) { $u ? { "id": $u.id, "name": $u.displayName ? $u.displayName : $u.name } };
  $labels := $type(labels) = "array" ? labels : labels.nodes;
  $state := state ? state : (stateId ? { "id": stateId });
  $priority := $string(priority);
  {
    "id": id,
    "name": title,
    "number": identifier,
    "description": description,
    "assignees": assignee ? [$ref(assignee)] : assigneeId ? [{ "id": assigneeId }] : [],
    "status": $state ? {
      "id": $state.id,
      "name": $state.name,
      "category": $state.type ? {
        "triage": "open", "backlog": "open", "unstarted": "open", "started": "in_progress",
        "completed": "done", "canceled": "cancelled"
      }.$lookup($, $state.type)
    },
    "created_by": creator ? $merge([$ref(creator), { "type": "user" }]) : creatorId ? { "id": creatorId, "type": "user" },
    "due_date": dueDate ? dueDate & "T00:00:00Z",
    "team": team ? { "id": team.id, "name": team.name } : teamId ? { "id": teamId },
    "collections": $append(
      project ? [{ "id": project.id, "name": project.name, "type": "project" }] : projectId ? [{ "id": projectId, "type": "project" }] : [],
      cycle ? [{ "id": cycle.id, "name": cycle.name ? cycle.name : "Cycle " & $string(cycle.number), "type": "sprint" }] : []
    ),
    "parent_ticket": parent ? { "id": parent.id } : parentId ? { "id": parentId },
    "priority": priority > 0 ? {
      "id": $priority,
      "name": priorityLabel,
      "category": { "1": "urgent", "2": "high", "3": "medium", "4": "low" }.$lookup($, $priority)
    },
    "tags": [$labels.{ "id": id, "name": name }],
    "created_at": createdAt,
    "updated_at": updatedAt,
    "completed_at": completedAt ? completedAt : canceledAt,
    "ticket_url": url
  }
)`;

/** Unified ticket → IssueCreateInput/IssueUpdateInput (ids throughout; absent fields are left alone). */
const issueInput = `{
  "title": body.name,
  "description": body.description,
  "assigneeId": $exists(body.assignees) ? (body.assignees[0] ? body.assignees[0].id : null),
  "stateId": body.status.id,
  "priority": $exists(body.priority) ? (body.priority ? $number(body.priority.id) : 0),
  "labelIds": $exists(body.tags) ? [body.tags.id],
  "projectId": $exists(body.collections) ? body.collections[type = "project" or $not($exists(type))][0].id,
  "parentId": body.parent_ticket.id,
  "dueDate": body.due_date ? $substring(body.due_date, 0, 10)
}`;

const PAYLOAD = `success issue { ${ISSUE_FIELDS} }`;

export const linearTickets: ResourceDefinition = {
  record: linearTicketRecord,
  methods: {
    list: {
      ...relayList(
        'issues',
        `query Issues($first: Int, $after: String, $filter: IssueFilter) {
          issues(first: $first, after: $after, filter: $filter, orderBy: createdAt) {
            nodes { ${ISSUE_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        `{ "filter": $exists(query.updated_at) or $exists(query.created_at)
            ? { "updatedAt": query.updated_at, "createdAt": query.created_at } }`,
      ),
      filters: { updated_at: ['gt', 'gte', 'lt', 'lte'], created_at: ['gt', 'gte', 'lt', 'lte'] },
    },
    get: {
      ...graphqlRequest(`query Issue($id: String!) { issue(id: $id) { ${ISSUE_FIELDS} } }`, `{ "id": id }`),
      response: 'data.issue',
    },
    create: {
      ...graphqlRequest(
        `mutation IssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) { ${PAYLOAD} } }`,
        // A new issue belongs to a team: the body's, else the connection's default team.
        `{ "input": $merge([${issueInput}, { "teamId": body.team.id ? body.team.id : settings.team_id }]) }`,
      ),
      response: 'data.issueCreate.issue',
    },
    update: {
      ...graphqlRequest(
        `mutation IssueUpdate($id: String!, $input: IssueUpdateInput!) { issueUpdate(id: $id, input: $input) { ${PAYLOAD} } }`,
        `{ "id": id, "input": $merge([${issueInput}, body.team.id ? { "teamId": body.team.id } : {}]) }`,
      ),
      response: 'data.issueUpdate.issue',
    },
    // Linear trashes an issue (restorable for 30 days); for the API it is gone.
    delete: graphqlRequest(
      `mutation IssueDelete($id: String!) { issueDelete(id: $id) { success } }`,
      `{ "id": id }`,
    ),
  },
};
