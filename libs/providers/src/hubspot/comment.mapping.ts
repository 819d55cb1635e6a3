import type { ResourceDefinition } from '../definition';
import { ASSOCIATION, FIRST_ASSOCIATED, ID, NOTE_PROPERTIES, SEARCH_PAGINATION } from './shared.mapping';

/**
 * HubSpot note (an engagement associated with the ticket) → unified comment. Notes are internal: what
 * the customer sees goes by e-mail or conversations, which are not notes. `hs_note_body` is HTML; the
 * plain body strips its tags. A searched note carries no associations: its ticket is the one asked for.
 */
export const hubspotCommentRecord = `
(
  $p := properties;
  $ticket := ${FIRST_ASSOCIATED}(associations, "tickets");
  $asked := $request.query.ticket_id;
  {
    "id": $string(id),
    "author": $p.hubspot_owner_id ? { "id": $p.hubspot_owner_id, "type": "user" },
    "body": $p.hs_note_body ? $trim($replace($p.hs_note_body, /<[^>]*>/, " ")),
    "html_body": $p.hs_note_body,
    "ticket": $ticket ? { "id": $ticket } : ($asked ? { "id": $string($asked) }),
    "is_internal": true,
    "is_private": true,
    "channel": { "id": "note", "name": "note" },
    "created_at": createdAt,
    "updated_at": updatedAt
  }
)`;

const NOTE = `"/crm/v3/objects/notes/" & ${ID}`;
const NOTE_BODY = `body.html_body ? body.html_body : body.body`;

export const hubspotComments: ResourceDefinition = {
  record: hubspotCommentRecord,
  methods: {
    // The notes of a ticket: a CRM search on the `associations.ticket` pseudo-property, oldest first.
    list: {
      method: 'POST',
      path: '"/crm/v3/objects/notes/search"',
      body: `{
        "filterGroups": [{ "filters": [
          { "propertyName": "associations.ticket", "operator": "EQ", "value": $string(query.ticket_id) }
        ] }],
        "sorts": [{ "propertyName": "hs_createdate", "direction": "ASCENDING" }],
        "properties": $split("${NOTE_PROPERTIES}", ",")
      }`,
      response: 'results',
      requiredQuery: ['ticket_id'],
      pagination: SEARCH_PAGINATION,
    },
    get: {
      method: 'GET',
      path: NOTE,
      query: `{ "properties": "${NOTE_PROPERTIES}", "associations": "tickets" }`,
    },
    // `hs_timestamp` (when the note happened) is required; the author is an owner.
    create: {
      method: 'POST',
      path: '"/crm/v3/objects/notes"',
      body: `{
        "properties": $merge([
          { "hs_note_body": ${NOTE_BODY}, "hs_timestamp": $now() },
          body.author and body.author.type != "contact" ? { "hubspot_owner_id": $string(body.author.id) }
        ]),
        "associations": [${ASSOCIATION}(body.ticket.id, 228)]
      }`,
      readBack: true,
    },
    update: {
      method: 'PATCH',
      path: NOTE,
      body: `{ "properties": { "hs_note_body": ${NOTE_BODY} } }`,
      readBack: true,
    },
    delete: { method: 'DELETE', path: NOTE },
  },
};
