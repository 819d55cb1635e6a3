import type { PaginationDefinition } from '../definition';

/**
 * JSONata fragments shared by the HubSpot mappings. CRM objects are `{id, properties, createdAt,
 * updatedAt, archived, associations}`: every value is a string property (numbers and dates too), and
 * an object lists only the properties asked for with `properties=…`.
 */
export const ID = `$encodeUrlComponent(id)`;

/** The properties each object type is read with (HubSpot returns only those asked for). */
export const TICKET_PROPERTIES = [
  'subject',
  'content',
  'hs_pipeline',
  'hs_pipeline_stage',
  'hs_ticket_priority',
  'hs_ticket_category',
  'hubspot_owner_id',
  'source_type',
  'closed_date',
  'createdate',
  'hs_lastmodifieddate',
].join(',');
export const NOTE_PROPERTIES = ['hs_note_body', 'hs_timestamp', 'hubspot_owner_id'].join(',');
export const CONTACT_PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'mobilephone'].join(',');
export const COMPANY_PROPERTIES = ['name', 'domain'].join(',');

/**
 * HubSpot-defined association types (v4 `associationTypeId`): ticket → contact 16, ticket → company 26,
 * note → ticket 228, contact → company 1 (primary).
 */
export const ASSOCIATION = `function($id, $typeId) {
  { "to": { "id": $string($id) }, "types": [{ "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": $typeId }] }
}`;

/** The first associated record of a type, from `associations.<type>.results`. */
export const FIRST_ASSOCIATED = `function($associations, $type) {
  (
    $first := $lookup($associations, $type).results[0].id;
    $first ? $string($first)
  )
}`;

/** A property write: an absent unified field sends nothing; null clears the property (empty string). */
export const PROPERTY = `function($name, $present, $value) {
  $present ? { $name: $exists($value) and $value != null ? $string($value) : "" }
}`;

/** The CRM search's paging: `limit` (200 at most) and `after` in the body, the next token in the answer. */
export const SEARCH_PAGINATION: PaginationDefinition = {
  strategy: 'next-page-token',
  tokenParam: 'after',
  sizeParam: 'limit',
  maxPageSize: 200,
  tokenPath: 'paging.next.after',
};
