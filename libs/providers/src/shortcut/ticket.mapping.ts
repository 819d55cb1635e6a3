import type { ResourceDefinition } from '../definition';
import { API, ID, NUMERIC } from './shared.mapping';

/**
 * Shortcut story → unified ticket. A story carries its workflow state's id, not its name: the status
 * category comes from the story's own `started`/`completed` flags (the state's type). Owners are the
 * assignees, the requester the creator; the epic and iteration are its collections; the story type
 * (feature, bug, chore) its ticket type; labels its tags. Custom field values (Shortcut's Priority and
 * Severity are custom fields) become `custom_fields` by field id.
 */
export const shortcutTicketRecord = `
(
  $custom := $exists(custom_fields) and $count(custom_fields) > 0
    ? $merge(custom_fields.{ field_id: value });
  {
    "id": $string(id),
    "number": $exists(name) ? "sc-" & $string(id),
    "name": name,
    "description": description,
    "assignees": $exists(owner_ids) ? [owner_ids.{ "id": $ }],
    "status": $exists(workflow_state_id) ? {
      "id": $string(workflow_state_id),
      "category": completed = true ? "done" : started = true ? "in_progress" : "open"
    },
    "created_by": requested_by_id ? { "id": requested_by_id, "type": "user" },
    "due_date": deadline,
    "team": $exists(group_id) ? (group_id ? { "id": group_id } : null),
    "collections": $exists(name) ? [
      epic_id ? { "id": $string(epic_id), "type": "epic" },
      iteration_id ? { "id": $string(iteration_id), "type": "sprint" }
    ],
    "ticket_type": story_type ? { "id": story_type, "name": story_type },
    "parent_ticket": parent_story_id ? { "id": $string(parent_story_id) },
    "tags": $exists(labels) ? [labels.{ "id": $string(id), "name": name }],
    "attachments": $exists(files) ? [files.{ "id": $string(id), "name": name }],
    "custom_fields": $custom,
    "created_at": created_at,
    "updated_at": updated_at,
    "completed_at": completed_at,
    "ticket_url": app_url
  }
)`;

/**
 * Unified ticket → Shortcut story parameters. Shortcut takes labels by name (it creates a missing
 * one), so a tag goes by its name (an id-only tag's id is taken as the name). Collections go by type:
 * an epic sets `epic_id`, a sprint `iteration_id`. Custom field values are not written: Shortcut takes them
 * as enum value ids (`value_id`), which a unified body does not carry. Status is a workflow state id; without one a new
 * story starts in the connection's `workflow_state_id`, else in its team's default workflow state.
 */
function storyBody(create: boolean): string {
  return `
(
  $b := body;
  $num := ${NUMERIC};
  $collection := function($type) { $b.collections[type = $type][0] };
  $merge([
    $exists($b.name) ? { "name": $b.name },
    $exists($b.description) ? { "description": $b.description = null ? "" : $b.description },
    $b.status ? { "workflow_state_id": $num($b.status.id) }
      : ${create ? '$settings.workflow_state_id ? { "workflow_state_id": $num($settings.workflow_state_id) }' : '{}'},
    $exists($b.assignees) ? { "owner_ids": $b.assignees = null ? [] : [$b.assignees.id] },
    $b.created_by ? { "requested_by_id": $b.created_by.id },
    $exists($b.team) ? { "group_id": $b.team ? $b.team.id : null },
    $exists($b.due_date) ? { "deadline": $b.due_date },
    $b.ticket_type ? { "story_type": $lowercase($b.ticket_type.id) },
    $exists($b.tags) ? { "labels": $b.tags = null ? [] : [$b.tags.{ "name": name ? name : id }] },
    $exists($b.parent_ticket) ? { "parent_story_id": $b.parent_ticket ? $num($b.parent_ticket.id) : null },
    $collection("epic") ? { "epic_id": $num($collection("epic").id) },
    $collection("sprint") ? { "iteration_id": $num($collection("sprint").id) }
  ])
)`;
}

const STORY = `${API} & "/stories/" & ${ID}`;

export const shortcutTickets: ResourceDefinition = {
  record: shortcutTicketRecord,
  methods: {
    // Search is the one story list Shortcut pages (`next`, stable order); other lists are per epic,
    // iteration or group. Archived stories are left out, as the app's search does. Shortcut serves at
    // most 1000 results per search: `updated_at[gte]` narrows it (whole days: the operator takes dates).
    list: {
      method: 'GET',
      path: `${API} & "/search/stories"`,
      query: `{
        "query": "!is:archived" & (query.updated_at.gte ? " updated:" & $substring(query.updated_at.gte, 0, 10) & "..*" : ""),
        "detail": "full"
      }`,
      response: 'data',
      pagination: { strategy: 'next-url', urlPath: 'next', sizeParam: 'page_size', maxPageSize: 250 },
      filters: { updated_at: ['gte'] },
    },
    get: { method: 'GET', path: STORY },
    create: { method: 'POST', path: `${API} & "/stories"`, body: storyBody(true) },
    update: { method: 'PUT', path: STORY, body: storyBody(false) },
    delete: { method: 'DELETE', path: STORY },
  },
};
