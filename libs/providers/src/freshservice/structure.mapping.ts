import type { ResourceDefinition } from '../definition';
import { ID, NUMERIC } from './shared.mapping';

/**
 * Ticket tasks → unified tasks (status 1 Open, 2 In Progress, 3 Completed; the agent is the one
 * assignee) and workspaces (multi-workspace accounts: IT, HR, facilities … each with its own tickets).
 * Tasks live under their ticket: every call takes `ticket_id`.
 */
export const freshserviceTaskRecord = `
(
  $s := $string(status);
  $ticket := $exists(ticket_id) ? ticket_id : $request.query.ticket_id;
  {
    "id": $string(id),
    "name": title,
    "description": description,
    "assignees": agent_id ? [{ "id": $string(agent_id) }] : [],
    "due_date": due_date,
    "ticket": $ticket ? { "id": $string($ticket) },
    "status": status ? {
      "id": $s,
      "name": $lookup({ "1": "Open", "2": "In Progress", "3": "Completed" }, $s),
      "category": $lookup({ "1": "open", "2": "in_progress", "3": "done" }, $s)
    },
    "created_at": created_at,
    "updated_at": updated_at
  }
)`;

const taskBody = `
(
  $num := ${NUMERIC};
  $status := body.status ? $lookup({ "open": 1, "in progress": 2, "in_progress": 2, "completed": 3, "done": 3 },
    $lowercase($string(body.status.id)));
  $merge([
    $exists(body.name) ? { "title": body.name },
    $exists(body.description) ? { "description": body.description = null ? "" : body.description },
    body.status ? { "status": $status ? $status : $num($string(body.status.id)) },
    body.due_date ? { "due_date": body.due_date },
    $exists(body.assignees) ? { "agent_id": $count(body.assignees) > 0 ? $num(body.assignees[0].id) : null }
  ])
)`;

const TASKS = `"/api/v2/tickets/" & $encodeUrlComponent(query.ticket_id) & "/tasks"`;
const TASK = `${TASKS} & "/" & ${ID}`;

export const freshserviceTasks: ResourceDefinition = {
  record: freshserviceTaskRecord,
  methods: {
    list: { method: 'GET', path: TASKS, response: 'tasks', requiredQuery: ['ticket_id'] },
    get: { method: 'GET', path: TASK, response: 'task', requiredQuery: ['ticket_id'] },
    create: {
      method: 'POST',
      path: `"/api/v2/tickets/" & $encodeUrlComponent(body.ticket.id ? body.ticket.id : query.ticket_id) & "/tasks"`,
      body: taskBody,
      response: 'task',
    },
    update: { method: 'PUT', path: TASK, body: taskBody, response: 'task', requiredQuery: ['ticket_id'] },
    delete: { method: 'DELETE', path: TASK, requiredQuery: ['ticket_id'] },
  },
};

export const freshserviceWorkspaces: ResourceDefinition = {
  record: `{
    "id": $string(id),
    "name": name,
    "description": description,
    "status": state,
    "created_at": created_at,
    "updated_at": updated_at
  }`,
  methods: {
    list: { method: 'GET', path: '"/api/v2/workspaces"', response: 'workspaces' },
    get: { method: 'GET', path: `"/api/v2/workspaces/" & ${ID}`, response: 'workspace' },
  },
};
