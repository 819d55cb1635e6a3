import type { ResourceDefinition } from '../definition';
import { ID, IDENTITY, PROJECT, TEAM, VERSION } from './shared.mapping';

/**
 * A work item carries its state's name, not the state's category (which belongs to the work item
 * type): the category comes from the names the stock processes (Basic, Agile, Scrum, CMMI) use.
 */
const STATE_CATEGORIES = `{
  "new": "open", "to do": "open", "proposed": "open", "approved": "open", "design": "open", "ready": "open",
  "active": "in_progress", "committed": "in_progress", "in progress": "in_progress", "doing": "in_progress",
  "resolved": "done", "done": "done", "closed": "done", "completed": "done",
  "removed": "cancelled", "cut": "cancelled"
}`;
/** `Microsoft.VSTS.Common.Priority`: 1 is the highest. */
const PRIORITY_CATEGORIES = `{ "1": "urgent", "2": "high", "3": "medium", "4": "low" }`;
const PRIORITY_IDS = `{ "urgent": 1, "high": 2, "medium": 3, "low": 4 }`;

/**
 * Azure DevOps work item → unified ticket. Fields are in `fields` by reference name; identities are
 * IdentityRefs; tags one `; `-separated string; the iteration (a sprint) and the area path are its
 * collections, by classification node id; fields outside `System.` and `Microsoft.` are custom fields.
 */
export const workItemRecord = `
(
  $f := fields;
  $identity := ${IDENTITY};
  $state := $f.\`System.State\`;
  $category := $state ? $lookup(${STATE_CATEGORIES}, $lowercase($state));
  $priority := $f.\`Microsoft.VSTS.Common.Priority\` ? $string($f.\`Microsoft.VSTS.Common.Priority\`);
  {
    "id": $string(id),
    "number": $string(id),
    "name": $f.\`System.Title\`,
    "description": $f.\`System.Description\`,
    "assignees": $exists($f) ? ($f.\`System.AssignedTo\` ? [$identity($f.\`System.AssignedTo\`)] : []),
    "status": $state ? { "id": $state, "name": $state, "category": $category ? $category : "in_progress" },
    "created_by": $f.\`System.CreatedBy\` ? $merge([$identity($f.\`System.CreatedBy\`), { "type": "user" }]),
    "due_date": $f.\`Microsoft.VSTS.Scheduling.DueDate\`,
    "workspace": $f.\`System.TeamProject\` ? { "id": $f.\`System.TeamProject\`, "name": $f.\`System.TeamProject\` },
    "collections": $exists($f) ? [
      $f.\`System.IterationId\` ? { "id": $string($f.\`System.IterationId\`), "name": $f.\`System.IterationPath\`, "type": "sprint" },
      $f.\`System.AreaId\` ? { "id": $string($f.\`System.AreaId\`), "name": $f.\`System.AreaPath\`, "type": "other" }
    ],
    "ticket_type": $f.\`System.WorkItemType\` ? { "id": $f.\`System.WorkItemType\`, "name": $f.\`System.WorkItemType\` },
    "parent_ticket": $f.\`System.Parent\` ? { "id": $string($f.\`System.Parent\`) },
    "tags": $exists($f) ? ($f.\`System.Tags\` ? [$split($f.\`System.Tags\`, ";").{ "id": $trim($), "name": $trim($) }] : []),
    "priority": $priority ? { "id": $priority, "name": $priority, "category": $lookup(${PRIORITY_CATEGORIES}, $priority) },
    "custom_fields": $f ? $sift($f, function($v, $k) { $not($contains($k, /^(System|Microsoft)\\./)) }),
    "created_at": $f.\`System.CreatedDate\`,
    "updated_at": $f.\`System.ChangedDate\`,
    "completed_at": $f.\`Microsoft.VSTS.Common.ClosedDate\`,
    "ticket_url": _links.html.href
  }
)`;

/**
 * Unified ticket → JSON Patch of the work item's fields (`add` sets a field, new or not). A status is a
 * state name; an assignee an identity (its id, or the unique name or display name Azure DevOps also
 * resolves); tags are written by name; a sprint collection sets the iteration, any other the area.
 */
const workItemPatch = `
(
  $b := body;
  $op := function($field, $value) { { "op": "add", "path": "/fields/" & $field, "value": $value } };
  $node := function($type) { $b.collections[($type = "sprint") = (type = "sprint")][0] };
  $priority := function($p) { $exists($lookup(${PRIORITY_IDS}, $lowercase($string($p.id)))) ? $lookup(${PRIORITY_IDS}, $lowercase($string($p.id))) : $number($p.id) };
  [
    $exists($b.name) ? $op("System.Title", $b.name),
    $exists($b.description) ? $op("System.Description", $b.description ? $b.description : ""),
    $b.status ? $op("System.State", $b.status.name ? $b.status.name : $b.status.id),
    $exists($b.assignees) ? $op("System.AssignedTo", $b.assignees and $count($b.assignees) > 0 ? $b.assignees[0].id : ""),
    $exists($b.due_date) ? $op("Microsoft.VSTS.Scheduling.DueDate", $b.due_date),
    $exists($b.tags) ? $op("System.Tags", $b.tags ? $join($b.tags.(name ? name : id), "; ") : ""),
    $b.priority ? $op("Microsoft.VSTS.Common.Priority", $priority($b.priority)),
    $node("sprint") ? $op("System.IterationId", $number($node("sprint").id)),
    $node("other") ? $op("System.AreaId", $number($node("other").id))
  ]
)`;

const WORK_ITEM = `${PROJECT} & "/_apis/wit/workitems/" & ${ID}`;
const JSON_PATCH = 'application/json-patch+json';

export const workItems: ResourceDefinition = {
  record: workItemRecord,
  methods: {
    // WIQL answers ids only (20,000 at most), oldest first so new work items append; each page of ids is
    // then read whole with the batch API (200 ids at most). The recycle bin is not queried.
    list: {
      method: 'POST',
      path: `${PROJECT} & "/" & ${TEAM} & "/_apis/wit/wiql"`,
      query: `$merge([${VERSION}, query.updated_at.gte ? { "timePrecision": "true" }])`,
      body: `{
        "query": "Select [System.Id] From WorkItems Where [System.TeamProject] = @project"
          & (query.updated_at.gte ? " And [System.ChangedDate] >= '" & query.updated_at.gte & "'" : "")
          & " Order By [System.Id] Asc"
      }`,
      response: 'workItems',
      pagination: { strategy: 'none' },
      filters: { updated_at: ['gte'] },
      details: {
        method: 'POST',
        path: `${PROJECT} & "/_apis/wit/workitemsbatch"`,
        query: VERSION,
        body: `{ "ids": [previous.id], "errorPolicy": "omit" }`,
        // With errorPolicy omit, an item deleted since the query comes back as null.
        response: '[value[$ != null]]',
        maxItems: 200,
      },
    },
    get: { method: 'GET', path: WORK_ITEM, query: VERSION },
    // The type is in the path (`$Bug`): the ticket's type, else the connection's, else Task (in every process).
    create: {
      method: 'POST',
      path: `${PROJECT} & "/_apis/wit/workitems/$" & $encodeUrlComponent(
        body.ticket_type ? body.ticket_type.id : settings.work_item_type ? settings.work_item_type : "Task"
      )`,
      query: VERSION,
      contentType: JSON_PATCH,
      body: workItemPatch,
    },
    update: {
      method: 'PATCH',
      path: WORK_ITEM,
      query: VERSION,
      contentType: JSON_PATCH,
      body: workItemPatch,
    },
    // To the recycle bin (restorable); `destroy=true` would delete it for good.
    delete: { method: 'DELETE', path: WORK_ITEM, query: VERSION },
  },
};
