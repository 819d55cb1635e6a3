import type { ResourceDefinition } from '../definition';
import { ID, UTC } from './shared.mapping';

/**
 * Customers → contacts. Their e-mail addresses and phone numbers are channels; the preferred e-mail is
 * the primary one. A customer's `note` is its details.
 */
export const gorgiasContactRecord = `
(
  $utc := ${UTC};
  $emails := channels[type = "email"];
  {
    "id": $string(id),
    "name": name,
    "first_name": firstname,
    "last_name": lastname,
    "emails": $count($emails) > 0
      ? [$emails.{ "email": address, "type": preferred ? "primary" : "other" }]
      : (email ? [{ "email": email, "type": "primary" }] : []),
    "phones": [channels[type = "phone"].{ "number": address, "type": "phone" }],
    "details": note,
    "is_active": active,
    "created_at": $utc(created_datetime),
    "updated_at": $utc(updated_datetime)
  }
)`;

/** The first unified e-mail is the customer's `email`; every e-mail and phone is a channel. */
export const gorgiasContactBody = `
(
  $b := body;
  $name := $b.name ? $b.name : ($b.first_name or $b.last_name) ? $trim($join([$b.first_name, $b.last_name], " "));
  $merge([
    $name ? { "name": $name },
    $exists($b.first_name) ? { "firstname": $b.first_name },
    $exists($b.last_name) ? { "lastname": $b.last_name },
    $exists($b.emails) ? { "email": $b.emails[0].email ? $b.emails[0].email : null },
    ($exists($b.emails) or $exists($b.phones)) ? { "channels": $append(
      [$b.emails.{ "type": "email", "address": email }],
      [$b.phones.{ "type": "phone", "address": number }]
    ) },
    $exists($b.details) ? { "note": $b.details }
  ])
)`;

export const gorgiasUserRecord = `
(
  $utc := ${UTC};
  {
    "id": $string(id),
    "name": name,
    "first_name": firstname,
    "last_name": lastname,
    "emails": email ? [{ "email": email, "type": "primary" }] : [],
    "is_active": active,
    "avatar": meta.profile_picture_url,
    "roles": role.name ? [{ "id": role.name, "name": role.name }] : [],
    "created_at": $utc(created_datetime),
    "updated_at": $utc(updated_datetime)
  }
)`;

export const gorgiasTeamRecord = `
{ "id": $string(id), "name": name, "description": description, "created_at": ${UTC}(created_datetime) }`;

export const gorgiasTagRecord = `
{ "id": $string(id), "name": name, "color": decoration.color, "created_at": ${UTC}(created_datetime) }`;

const teamBody = `$merge([
  $exists(body.name) ? { "name": body.name },
  $exists(body.description) ? { "description": body.description }
])`;

const tagBody = `$merge([
  $exists(body.name) ? { "name": body.name },
  $exists(body.color) ? { "decoration": body.color ? { "color": body.color } : null }
])`;

/** The CRUD set of a Gorgias collection: `{data, meta}` lists, bare objects otherwise, PUT edits. */
function crud(collection: string, body: string): ResourceDefinition['methods'] {
  const item = `"/api/${collection}/" & ${ID}`;
  return {
    list: { method: 'GET', path: `"/api/${collection}"`, response: 'data' },
    get: { method: 'GET', path: item },
    create: { method: 'POST', path: `"/api/${collection}"`, body },
    update: { method: 'PUT', path: item, body },
    delete: { method: 'DELETE', path: item },
  };
}

export const gorgiasContacts: ResourceDefinition = {
  record: gorgiasContactRecord,
  methods: crud('customers', gorgiasContactBody),
};
export const gorgiasUsers: ResourceDefinition = {
  record: gorgiasUserRecord,
  methods: {
    list: { method: 'GET', path: '"/api/users"', response: 'data' },
    get: { method: 'GET', path: `"/api/users/" & ${ID}` },
  },
};
export const gorgiasTeams: ResourceDefinition = {
  record: gorgiasTeamRecord,
  methods: crud('teams', teamBody),
};
export const gorgiasTags: ResourceDefinition = { record: gorgiasTagRecord, methods: crud('tags', tagBody) };
