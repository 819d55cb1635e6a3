import type { ResourceDefinition } from '../definition';
import { ADF_TEXT, BROWSE_URL, PRIORITY, RICH_TEXT, TO_ADF } from '../jira/shared.mapping';
import { DATE, PEOPLE, SD, STATUS } from './shared.mapping';

/**
 * Customer request → unified ticket. REST answers a CustomerRequestDTO (`issueId`, `issueKey`,
 * `requestFieldValues`, `currentStatus`, expanded `requestType`, `serviceDesk`, `sla`); webhooks and the
 * platform's edit carry the Jira issue, whose JSM parts sit in custom fields found by shape (the request
 * type field holds `requestType`, SLA fields hold `completedCycles`). The id is the issue id, the key is
 * the number. SLAs go to `custom_fields.sla` (the model has no SLA field): goal, breach time, state,
 * and the time left only once a cycle stopped (a running one's changes every second: the record, and
 * its etag, would never be stable). Other custom fields by id.
 */
export const jsmTicketRecord = String.raw`(
  ${DATE}
  ${ADF_TEXT}
  ${RICH_TEXT}
  ${PEOPLE}
  ${STATUS}
  ${PRIORITY}
  ${BROWSE_URL}
  $issue := $exists(fields);
  $f := fields;
  $values := requestFieldValues;
  $value := function($id) { $values[fieldId = $id][0].value };
  $origin := $issue ? $f.*[$exists(requestType)][0];
  $rt := $issue ? $origin.requestType : requestType;
  $desk := $issue ? $rt.serviceDeskId : serviceDeskId;
  $p := $issue ? $f.priority : $value("priority");
  $labels := $issue ? $f.labels : $value("labels");
  $slas := $issue ? $f.*[$exists(completedCycles)] : sla.values;
  $sla := function($s) {(
    $c := $s.ongoingCycle ? $s.ongoingCycle : $s.completedCycles[-1];
    {
      "name": $s.name,
      "completed": $not($exists($s.ongoingCycle)),
      "breached": $c.breached = true,
      "paused": $c.paused = true,
      "goal_ms": $c.goalDuration.millis,
      "remaining_ms": $s.ongoingCycle ? null : $c.remainingTime.millis,
      "breach_at": $date($c.breachTime)
    }
  )};
  $custom := $issue
    ? $sift($f, function($v, $k) {
        $substring($k, 0, 12) = "customfield_" and $v != null
          and $not($exists($v.requestType) or $exists($v.completedCycles))
      })
    : $merge($values[$substring(fieldId, 0, 12) = "customfield_"].{ fieldId: value });
  {
    "id": $string($issue ? id : issueId),
    "name": $issue ? $f.summary : (summary ? summary : $value("summary")),
    "number": $issue ? key : issueKey,
    "description": $text($issue ? $f.description : $value("description")),
    "status": $issue
      ? $status($f.status.name, $f.status.statusCategory.key)
      : $status(currentStatus.status, currentStatus.statusCategory),
    "assignees": $issue and $exists($f.assignee) ? ($f.assignee ? [$person($f.assignee)] : []),
    "created_by": $actor($issue ? $f.reporter : reporter),
    "contact": $person($issue ? $f.reporter : reporter),
    "workspace": $desk ? { "id": $string($desk), "name": $issue ? $f.project.name : serviceDesk.projectName },
    "ticket_type": $rt.id
      ? { "id": $string($rt.id), "name": $rt.name }
      : requestTypeId ? { "id": $string(requestTypeId) },
    "priority": $p ? $priority($p),
    "tags": [$labels.{ "id": $, "name": $ }],
    "due_date": $issue ? $f.duedate : $value("duedate"),
    "created_at": $date($issue ? $f.created : createdDate),
    "updated_at": $issue ? $date($f.updated),
    "completed_at": $issue
      ? $date($f.resolutiondate)
      : currentStatus.statusCategory = "DONE" ? $date(currentStatus.statusDate),
    "ticket_url": $issue ? $browse($) : _links.agent,
    "custom_fields": $merge([
      $custom ? $custom : {},
      $count($slas) > 0 ? { "sla": [$slas.$sla($)] } : {}
    ])
  }
)`;

/** Custom fields a body writes, without the read-only `sla` the record adds. */
const CUSTOM = `($c := $sift(body.custom_fields, function($v, $k) { $k != "sla" }); $c ? $c : {})`;

const REQUEST = `${SD} & "/request/" & $encodeUrlComponent(id)`;
const EXPAND = `{ "expand": "requestType,serviceDesk,sla" }`;

export const jsmTickets: ResourceDefinition = {
  record: jsmTicketRecord,
  methods: {
    list: {
      method: 'GET',
      path: `${SD} & "/request"`,
      // ALL_REQUESTS is deprecated but is the only ownership filter that gives an agent the whole desk.
      query: `{
        "serviceDeskId": settings.service_desk_id,
        "requestOwnership": "ALL_REQUESTS",
        "requestStatus": "ALL_REQUESTS",
        "expand": "requestType,serviceDesk,sla"
      }`,
      response: 'values',
    },
    get: { method: 'GET', path: REQUEST, query: EXPAND },
    // The request type: the body's ticket type, else the connection's default.
    create: {
      method: 'POST',
      path: `${SD} & "/request"`,
      body: `{
        "serviceDeskId": body.workspace.id ? body.workspace.id : settings.service_desk_id,
        "requestTypeId": body.ticket_type.id ? body.ticket_type.id : settings.request_type_id,
        "requestFieldValues": $merge([
          { "summary": body.name },
          $exists(body.description) ? { "description": body.description } : {},
          body.priority.id ? { "priority": { "id": body.priority.id } } : {},
          $exists(body.tags) ? { "labels": [body.tags.(id ? id : name)] } : {},
          body.due_date ? { "duedate": $substring(body.due_date, 0, 10) } : {},
          ${CUSTOM}
        ]),
        "raiseOnBehalfOf": body.contact.id,
        "requestParticipants": $exists(body.additional_contacts) ? [body.additional_contacts.id]
      }`,
      readBack: true,
    },
    /**
     * The Service Management API edits nothing: fields go through the Jira platform's issue edit on the
     * same site (ADF description), the status through JSM's transition, picked by its target status
     * from the platform's transition list (a transition id is taken as well).
     */
    update: {
      method: 'PUT',
      path: `"/rest/api/3/issue/" & $encodeUrlComponent(id)`,
      query: '{ "returnIssue": "true" }',
      body: `(
        ${TO_ADF}
        { "fields": $merge([
          $exists(body.name) ? { "summary": body.name } : {},
          $exists(body.description) ? { "description": $toAdf(body.description) } : {},
          $exists(body.priority) ? { "priority": body.priority.id ? { "id": body.priority.id } : null } : {},
          $exists(body.tags) ? { "labels": [body.tags.(id ? id : name)] } : {},
          $exists(body.due_date) ? { "duedate": body.due_date ? $substring(body.due_date, 0, 10) : null } : {},
          $exists(body.assignees) ? { "assignee": body.assignees[0].id ? { "accountId": body.assignees[0].id } : null } : {},
          ${CUSTOM}
        ]) }
      )`,
      readBack: true,
      after: [
        {
          when: '$exists(body.status.id) and $not($lowercase(record.status.id) = $lowercase(body.status.id))',
          method: 'GET',
          path: `"/rest/api/3/issue/" & $encodeUrlComponent(id) & "/transitions"`,
        },
        {
          when: '$exists(body.status.id) and $not($lowercase(record.status.id) = $lowercase(body.status.id))',
          method: 'POST',
          path: `${REQUEST} & "/transition"`,
          body: `(
            $want := $lowercase(body.status.id);
            $given := body.status.id;
            $t := previous.transitions[$lowercase(to.name) = $want or id = $given][0];
            { "id": $t ? $t.id : $given }
          )`,
        },
      ],
    },
  },
};
