import type { ResourceDefinition } from '../definition';
import { ID } from './shared.mapping';

/** A mailbox (shared inbox) is the collection its conversations are in. */
export const helpScoutCollectionRecord = `
{
  "id": $string(id),
  "name": name,
  "description": email,
  "type": "folder",
  "entity_type": "ticket",
  "created_at": createdAt,
  "updated_at": updatedAt
}`;

export const helpScoutTagRecord = `
{ "id": $string(id), "name": name, "color": color, "created_at": createdAt, "updated_at": updatedAt }`;

/** A mailbox custom field; a dropdown's options are `{id, label}` and conversations carry the option id. */
export const helpScoutFieldRecord = `
{
  "id": $string(id),
  "name": name,
  "label": name,
  "type": $lowercase(type),
  "is_required": required = true,
  "options": $count(options) > 0 ? [options.{ "value": $string(id), "label": label }] : null,
  "is_user_defined": true,
  "entity_type": "ticket",
  "entity_id": $request.query.collection_id ? $string($request.query.collection_id) : $settings.mailbox_id
}`;

const MAILBOX_FIELDS = `"/v2/mailboxes/" & $encodeUrlComponent(
  query.collection_id ? query.collection_id : $settings.mailbox_id
) & "/fields"`;

export const helpScoutCollections: ResourceDefinition = {
  record: helpScoutCollectionRecord,
  methods: {
    list: { method: 'GET', path: '"/v2/mailboxes"', response: '_embedded.mailboxes' },
    get: { method: 'GET', path: `"/v2/mailboxes/" & ${ID}` },
  },
};

export const helpScoutTags: ResourceDefinition = {
  record: helpScoutTagRecord,
  methods: {
    list: { method: 'GET', path: '"/v2/tags"', response: '_embedded.tags' },
    get: { method: 'GET', path: `"/v2/tags/" & ${ID}` },
  },
};

/** The custom fields of one mailbox: `collection_id`, else the connection's mailbox. */
export const helpScoutFields: ResourceDefinition = {
  record: helpScoutFieldRecord,
  methods: {
    list: { method: 'GET', path: MAILBOX_FIELDS, response: '_embedded.fields' },
    get: { method: 'GET', path: MAILBOX_FIELDS, response: '_embedded.fields[$string(id) = $request.id]' },
  },
};
