import type { ResourceDefinition } from '../definition';
import { DATA, GID, optFields, TASK_FIELDS } from './shared.mapping';

/**
 * Asana task → unified ticket. A task's status is its section in the connection's project (the board
 * column it sits in); its category is `done` once the task is completed, `open` otherwise, since sections
 * are free-form names Asana gives no meaning. Projects are its collections, the parent task its parent
 * ticket. Asana has no priority, type, contact or account on a task. The thin object of a deletion
 * event carries only `gid`.
 */
export const asanaTaskRecord = `
(
  $membership := memberships[project.gid = $settings.project_gid][0];
  $section := $membership.section ? $membership.section : memberships[0].section;
  {
    "id": gid,
    "name": name,
    "description": notes,
    "assignees": $exists(assignee) ? (assignee ? [{ "id": assignee.gid, "name": assignee.name }] : []),
    "status": $section ? {
      "id": $section.gid,
      "name": $section.name,
      "category": completed = true ? "done" : "open"
    },
    "created_by": created_by ? { "id": created_by.gid, "name": created_by.name, "type": "user" },
    "due_date": due_at ? due_at : due_on,
    "workspace": workspace ? { "id": workspace.gid, "name": workspace.name },
    "collections": $exists(projects) ? [projects.{ "id": gid, "name": name, "type": "project" }],
    "parent_ticket": parent ? { "id": parent.gid, "name": parent.name },
    "ticket_type": resource_subtype ? { "id": resource_subtype, "name": resource_subtype },
    "tags": $exists(tags) ? [tags.{ "id": gid, "name": name }],
    "custom_fields": $exists(custom_fields) ? $merge(custom_fields.{ name: display_value }),
    "created_at": created_at,
    "updated_at": modified_at,
    "completed_at": completed_at,
    "ticket_url": permalink_url
  }
)`;

/**
 * Unified ticket → Asana task attributes (`{"data": {…}}`). A new task goes into the connection's
 * project (and so its workspace); a status is a section, which a task joins with `addTask` (the `after`
 * step), not by an attribute. A `done` status category completes the task, any other reopens it.
 * Tags and projects are set at creation only (Asana changes them with addTag/addProject afterwards).
 */
function taskBody(create: boolean): string {
  return `
(
  $b := body;
  {
    "data": $merge([
      $exists($b.name) ? { "name": $b.name },
      $exists($b.description) ? { "notes": $b.description = null ? "" : $b.description },
      $exists($b.assignees)
        ? { "assignee": $b.assignees != null and $count($b.assignees) > 0 ? $b.assignees[0].id : null },
      $exists($b.due_date) ? (
        $b.due_date = null ? { "due_on": null }
        : $contains($b.due_date, "T") ? { "due_at": $b.due_date } : { "due_on": $b.due_date }
      ),
      $b.status.category ? { "completed": $b.status.category = "done" },
      $b.parent_ticket ? { "parent": $b.parent_ticket.id },
      ${
        create
          ? `{ "projects": [$settings.project_gid], "workspace": $settings.workspace_gid },
      $b.tags ? { "tags": [$b.tags.id] },`
          : ''
      }
      $b.custom_fields ? { "custom_fields": $b.custom_fields }
    ])
  }
)`;
}

/** After a write that names a status: move the task into that section of its project. */
const joinSection = {
  when: 'body.status.id ? true : false',
  method: 'POST' as const,
  path: '"/api/1.0/sections/" & $encodeUrlComponent(body.status.id) & "/addTask"',
  body: '{ "data": { "task": record.id } }',
};

const TASK = `"/api/1.0/tasks/" & ${GID}`;

export const asanaTasks: ResourceDefinition = {
  record: asanaTaskRecord,
  methods: {
    list: {
      method: 'GET',
      path: '"/api/1.0/tasks"',
      // The tasks of the connection's project, in the project's order.
      query: `$merge([
        { "project": $settings.project_gid },
        query.updated_at.gte ? { "modified_since": query.updated_at.gte },
        ${optFields(TASK_FIELDS)}
      ])`,
      response: DATA,
      filters: { updated_at: ['gte'] },
    },
    get: { method: 'GET', path: TASK, query: optFields(TASK_FIELDS), response: DATA },
    create: {
      method: 'POST',
      path: '"/api/1.0/tasks"',
      query: optFields(TASK_FIELDS),
      body: taskBody(true),
      response: DATA,
      after: [joinSection],
      readBack: true,
    },
    update: {
      method: 'PUT',
      path: TASK,
      query: optFields(TASK_FIELDS),
      body: taskBody(false),
      response: DATA,
      after: [joinSection],
      readBack: true,
    },
    delete: { method: 'DELETE', path: TASK },
  },
};
