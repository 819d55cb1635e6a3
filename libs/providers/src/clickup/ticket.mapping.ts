import type { ResourceDefinition } from '../definition';
import {
  ID,
  ISO,
  LIST,
  NUMERIC,
  PRIORITY_CATEGORIES,
  PRIORITY_IDS,
  STATUS_CATEGORIES,
} from './shared.mapping';

/**
 * ClickUp task → unified ticket. The status is the list's status by name (what writes take); its
 * category comes from the status `type`. The list and (unless hidden: a folderless list) its folder are
 * the collections, the space the workspace. `custom_id` (where the Workspace turned custom task ids on)
 * is the number. Custom fields by name, those with a value only.
 */
export const clickupTaskRecord = `
(
  $iso := ${ISO};
  $done := date_done ? date_done : date_closed;
  {
    "id": id,
    "number": custom_id ? custom_id : id,
    "name": name,
    "description": $exists(text_content) ? text_content : description,
    "assignees": $exists(assignees) ? [assignees.{ "id": $string(id), "name": username }],
    "status": status ? {
      "id": status.status,
      "name": status.status,
      "category": $exists($lookup(${STATUS_CATEGORIES}, status.type))
        ? $lookup(${STATUS_CATEGORIES}, status.type) : "in_progress"
    },
    "created_by": creator ? { "id": $string(creator.id), "name": creator.username, "type": "user" },
    "due_date": $iso(due_date),
    "workspace": space ? { "id": space.id, "name": space.name },
    "collections": $exists(list) ? $append(
      list ? [{ "id": list.id, "name": list.name, "type": "list" }] : [],
      folder and folder.hidden != true ? [{ "id": folder.id, "name": folder.name, "type": "folder" }] : []
    ),
    "parent_ticket": parent ? { "id": parent },
    "priority": priority ? {
      "id": priority.id,
      "name": priority.priority,
      "category": $lookup(${PRIORITY_CATEGORIES}, priority.priority)
    },
    "tags": $exists(tags) ? [tags.{ "id": name, "name": name }],
    "attachments": $exists(attachments) ? [attachments.{ "id": id, "name": title }],
    "custom_fields": $exists(custom_fields) ? $merge(custom_fields[$exists(value)].{ name: value }),
    "created_at": $iso(date_created),
    "updated_at": $iso(date_updated),
    "completed_at": $iso($done),
    "ticket_url": url
  }
)`;

/**
 * Unified ticket → ClickUp task attributes. Status by name, priority by number (1 urgent … 4 low, or
 * its name), due date in milliseconds (`due_date_time` says whether it has a time). A new task takes
 * its assignees and tags as lists. ClickUp edits assignees by difference (`{"add": […], "rem": […]}`):
 * the edit adds the new ones, and its answer (the task with every assignee) tells the `after` step which
 * to remove. Tags cannot change in an edit (ClickUp tags a task with POST /task/{id}/tag/{name}).
 */
function taskBody(create: boolean): string {
  return `
(
  $b := body;
  $num := ${NUMERIC};
  $due := $b.due_date ? $toMillis($contains($b.due_date, "T") ? $b.due_date : $b.due_date & "T00:00:00Z");
  $priority := function($ref) {
    (
      $key := $lowercase($string($ref.id));
      $exists($lookup(${PRIORITY_IDS}, $key)) ? $lookup(${PRIORITY_IDS}, $key) : $num($ref.id)
    )
  };
  $ids := $exists($b.assignees) and $b.assignees != null ? [$b.assignees.$num(id)] : [];
  $merge([
    $exists($b.name) ? { "name": $b.name },
    $exists($b.description) ? { "description": $b.description = null ? "" : $b.description },
    $b.status ? { "status": $b.status.id },
    $exists($b.priority) ? { "priority": $b.priority ? $priority($b.priority) : null },
    $exists($b.due_date) ? { "due_date": $due ? $due : null, "due_date_time": $contains($string($b.due_date), "T") },
    ${
      create
        ? `$exists($b.assignees) ? { "assignees": $ids },
    $b.tags ? { "tags": [$b.tags.(name ? name : id)] },
    $b.parent_ticket ? { "parent": $b.parent_ticket.id }`
        : `$count($ids) > 0 ? { "assignees": { "add": $ids } },
    $b.parent_ticket ? { "parent": $b.parent_ticket.id }`
    }
  ])
)`;
}

const TASK = `"/api/v2/task/" & ${ID}`;

/** The task's assignees (in the edit's answer) that the unified body does not name. */
const UNNAMED = `previous.assignees[$not($string(id) in $$.body.assignees.id)]`;
const removeUnnamedAssignees = {
  when: `$exists(body.assignees) and $count(${UNNAMED}) > 0`,
  method: 'PUT' as const,
  path: TASK,
  body: `{ "assignees": { "rem": [${UNNAMED}.id] } }`,
};

export const clickupTasks: ResourceDefinition = {
  record: clickupTaskRecord,
  methods: {
    list: {
      method: 'GET',
      path: `"/api/v2/list/" & ${LIST} & "/task"`,
      // Closed tasks and subtasks are left out unless asked for; oldest first so new tasks append.
      query: `$merge([
        { "include_closed": "true", "subtasks": "true", "order_by": "created", "reverse": "true" },
        query.updated_at.gt ? { "date_updated_gt": $string($toMillis(query.updated_at.gt)) }
      ])`,
      response: 'tasks',
      filters: { updated_at: ['gt'] },
      // Zero-based pages of 100 tasks whatever is asked; `last_page` says when to stop.
      pagination: {
        strategy: 'page-number',
        pageParam: 'page',
        firstPage: 0,
        maxPageSize: 100,
        lastPagePath: 'last_page',
      },
    },
    get: { method: 'GET', path: TASK },
    create: { method: 'POST', path: `"/api/v2/list/" & ${LIST} & "/task"`, body: taskBody(true) },
    update: {
      method: 'PUT',
      path: TASK,
      body: taskBody(false),
      after: [removeUnnamedAssignees],
      readBack: true,
    },
    delete: { method: 'DELETE', path: TASK },
  },
};
