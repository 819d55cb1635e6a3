import type { ResourceDefinition } from '../definition';
import { CREATED_ID, ID, PLAIN, WRITTEN_ID, patchFollowUps } from './shared.mapping';

const STATUS_NAMES = `{ "active": "Active", "pending": "Pending", "closed": "Closed", "spam": "Spam" }`;
const STATUS_CATEGORIES = `{ "active": "open", "pending": "on_hold", "closed": "done", "spam": "cancelled" }`;

/**
 * Help Scout conversation → unified ticket. Help Scout has no description field: it is the text of the
 * first customer (or agent-started) thread, read from `_embedded.threads` (asked for with
 * `embed=threads`; threads come newest first). The mailbox is the ticket's collection; the primary
 * customer its contact; custom fields are keyed by their names.
 */
export const helpScoutTicketRecord = `
(
  $plain := ${PLAIN};
  $opening := _embedded.threads[type in ["customer", "message", "chat", "phone"]];
  $first := $opening[$count($opening) - 1];
  $person := function($p) { $p ? { "id": $string($p.id), "name": $trim($join([$p.first, $p.last], " ")) } };
  {
    "id": $string(id),
    "number": $string(number),
    "name": subject,
    "description": $first ? $plain($first.body),
    "assignees": assignee ? [$person(assignee)] : [],
    "status": status ? {
      "id": status,
      "name": $lookup(${STATUS_NAMES}, status),
      "category": $lookup(${STATUS_CATEGORIES}, status)
    },
    "created_by": createdBy ? $merge([
      $person(createdBy),
      { "type": createdBy.type = "customer" ? "contact" : "user" }
    ]),
    "contact": $person(primaryCustomer),
    "collections": mailboxId ? [{ "id": $string(mailboxId), "type": "folder" }] : [],
    "tags": [tags.{ "id": $string(id), "name": tag }],
    "source": source.type ? { "id": source.type, "name": source.via ? source.type & " via " & source.via : source.type },
    "custom_fields": $count(customFields) > 0 ? $merge(customFields.{ name: text ? text : value }),
    "created_at": createdAt,
    "updated_at": userUpdatedAt ? userUpdatedAt : createdAt,
    "completed_at": status = "closed" and closedAt ? closedAt,
    "ticket_url": $exists(number) ? "https://secure.helpscout.net/conversation/" & $string(id) & "/" & $string(number)
  }
)`;

/** Unified status → Help Scout's (`open` is accepted as `active`); anything else is sent as written. */
const STATUS = `function($ref) {
  (
    $s := $lowercase($string($ref.id));
    $s = "open" ? "active" : $s
  )
}`;

/** The JSON Patch operations an update asks for, one per changed field. */
const PATCH_OPS = `(
  $b := body;
  $status := ${STATUS};
  [
    $exists($b.name) ? { "op": "replace", "path": "/subject", "value": $b.name },
    $b.status ? { "op": "replace", "path": "/status", "value": $status($b.status) },
    $exists($b.assignees) ? (
      $count($b.assignees) > 0
        ? { "op": "replace", "path": "/assignTo", "value": $number($b.assignees[0].id) }
        : { "op": "remove", "path": "/assignTo" }
    ),
    $b.collections ? { "op": "move", "path": "/mailboxId", "value": $number($b.collections[0].id) },
    $b.contact ? { "op": "replace", "path": "/primaryCustomer.id", "value": $number($b.contact.id) }
  ]
)`;

const CONVERSATION = `"/v2/conversations/" & ${ID}`;

export const helpScoutTickets: ResourceDefinition = {
  record: helpScoutTicketRecord,
  methods: {
    // Every status (Help Scout lists only active ones by default), oldest first so new ones append.
    list: {
      method: 'GET',
      path: '"/v2/conversations"',
      query: `$merge([
        { "status": "all", "embed": "threads", "sortField": "createdAt", "sortOrder": "asc" },
        query.updated_at.gte ? { "modifiedSince": query.updated_at.gte }
      ])`,
      response: '_embedded.conversations',
      filters: { updated_at: ['gte'] },
    },
    get: { method: 'GET', path: CONVERSATION, query: '{ "embed": "threads" }' },
    // A conversation starts with its first thread: the description, from the customer (the contact).
    create: {
      method: 'POST',
      path: '"/v2/conversations"',
      body: `(
        $b := body;
        $status := ${STATUS};
        $customer := $b.contact ? { "id": $number($b.contact.id) };
        $merge([
          {
            "subject": $b.name,
            "customer": $customer,
            "mailboxId": $number($b.collections ? $b.collections[0].id : $settings.mailbox_id),
            "type": "email",
            "status": $b.status ? $status($b.status) : "active",
            "threads": [{ "type": "customer", "customer": $customer, "text": $b.description ? $b.description : $b.name }]
          },
          $count($b.assignees) > 0 ? { "assignTo": $number($b.assignees[0].id) },
          $count($b.tags) > 0 ? { "tags": [$b.tags.(name ? name : id)] }
        ])
      )`,
      response: CREATED_ID,
      readBack: true,
    },
    // One JSON Patch operation per request; tags are replaced through their own endpoint.
    update: {
      method: 'PATCH',
      path: CONVERSATION,
      body: `${PATCH_OPS}[0]`,
      response: WRITTEN_ID,
      readBack: true,
      after: [
        ...patchFollowUps(CONVERSATION, PATCH_OPS, 4),
        {
          when: '$exists(body.tags)',
          method: 'PUT',
          path: `${CONVERSATION} & "/tags"`,
          body: '{ "tags": [body.tags.(name ? name : id)] }',
        },
      ],
    },
    delete: { method: 'DELETE', path: CONVERSATION },
  },
};
