import type { ResourceDefinition } from '../definition';
import { BOARD, CREATED_FROM_ID, ID, IDS } from './shared.mapping';

/**
 * Trello card → unified ticket. The list a card sits in is its status (Trello lists carry no category:
 * a card whose due date is marked complete is done, an archived one cancelled, any other open; the list's
 * name comes from `ticket_status`). Labels are tags, members assignees, the board the collection. Cards
 * record no creator; their creation time is in the id. `number` is the card's short id on its board.
 */
export const trelloTicketRecord = `
(
  $created := ${CREATED_FROM_ID};
  {
    "id": id,
    "number": $exists(idShort) ? $string(idShort),
    "name": name,
    "description": desc,
    "assignees": $exists(idMembers) ? [idMembers.{ "id": $ }],
    "status": idList ? {
      "id": idList,
      "category": closed = true ? "cancelled" : dueComplete = true ? "done" : "open"
    },
    "collections": idBoard ? [{ "id": idBoard, "type": "board" }],
    "due_date": due,
    "tags": $exists(labels)
      ? [labels.{ "id": id, "name": name ? name : color }]
      : $exists(idLabels) ? [idLabels.{ "id": $ }],
    "created_at": $created(id),
    "updated_at": dateLastActivity,
    "ticket_url": url
  }
)`;

/** Unified ticket → the query parameters of a card write (Trello reads writes from the query string). */
function cardParams(create: boolean): string {
  return `
(
  $b := body;
  $ids := ${IDS};
  $merge([
    ${create ? `{ "idList": $b.status.id ? $b.status.id : $settings.default_list_id },` : `$b.status.id ? { "idList": $b.status.id },`}
    $exists($b.name) ? { "name": $b.name },
    $exists($b.description) ? { "desc": $b.description = null ? "" : $b.description },
    $exists($b.assignees) ? { "idMembers": $ids($b.assignees) },
    $exists($b.tags) ? { "idLabels": $ids($b.tags) },
    $exists($b.due_date) ? { "due": $b.due_date = null ? "null" : $b.due_date }
  ])
)`;
}

const CARD = `"/1/cards/" & ${ID}`;

export const trelloTickets: ResourceDefinition = {
  record: trelloTicketRecord,
  methods: {
    // The board's open cards, all in one answer (Trello does not page them).
    list: { method: 'GET', path: `"/1/boards/" & ${BOARD} & "/cards"` },
    get: { method: 'GET', path: CARD },
    // A card goes into a list: the status given, else the connection's default list.
    create: { method: 'POST', path: '"/1/cards"', query: cardParams(true) },
    update: { method: 'PUT', path: CARD, query: cardParams(false) },
    delete: { method: 'DELETE', path: CARD },
  },
};
