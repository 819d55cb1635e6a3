import type { ResourceDefinition } from '../definition';
import { encode, FRONT_TIME, ID, NO_CONTENT } from './shared.mapping';

/**
 * Teammates (users), teams, contacts and accounts. Front keeps one name for a contact (first and last
 * names stay null rather than guessed) and separate first/last names for teammates. Teammates and
 * teams are read-only here: managing seats is not a ticketing integration's business.
 */
export const frontUserRecord = `
{
  "id": id,
  "name": $trim($join([first_name, last_name], " ")),
  "first_name": first_name,
  "last_name": last_name,
  "username": username,
  "emails": email ? [{ "email": email, "type": "work" }] : [],
  "is_active": is_blocked != true,
  "roles": is_admin = true ? [{ "id": "admin", "name": "Admin" }] : []
}`;

/** Front's API calls its workspaces "teams" (`tim_…`); the team object carries no description. */
export const frontTeamRecord = `{ "id": id, "name": name }`;

/** A contact's handles are its addresses: e-mail handles are its e-mails, phone handles its phones. */
export const frontContactRecord = `
{
  "id": ${ID},
  "name": name,
  "emails": [handles[source = "email"].{ "email": handle }],
  "phones": [handles[source = "phone"].{ "number": handle }],
  "details": description,
  "custom_fields": custom_fields
}`;

export const frontAccountRecord = `
(
  $time := ${FRONT_TIME};
  {
    "id": id,
    "name": name,
    "domains": domains,
    "created_at": $time(created_at),
    "updated_at": $time(updated_at)
  }
)`;

const list = (path: string) => ({ method: 'GET' as const, path: `"${path}"`, response: '_results' });
const item = (path: string) => ({ method: 'GET' as const, path: `"${path}/" & ${encode('id')}` });

export const frontUsers: ResourceDefinition = {
  record: frontUserRecord,
  // Front answers the whole list at once.
  methods: { list: { ...list('/teammates'), pagination: { strategy: 'none' } }, get: item('/teammates') },
};

export const frontTeams: ResourceDefinition = {
  record: frontTeamRecord,
  methods: { list: { ...list('/teams'), pagination: { strategy: 'none' } }, get: item('/teams') },
};

export const frontContacts: ResourceDefinition = {
  record: frontContactRecord,
  methods: {
    list: list('/contacts'),
    get: item('/contacts'),
    // Front needs at least one handle to create a contact.
    create: {
      method: 'POST',
      path: '"/contacts"',
      body: `{
        "name": body.name ? body.name : $trim($join([body.first_name, body.last_name], " ")),
        "description": body.details,
        "handles": $append(
          [body.emails.{ "handle": email, "source": "email" }],
          [body.phones.{ "handle": number, "source": "phone" }]
        ),
        "custom_fields": body.custom_fields
      }`,
    },
    // Handles are changed through their own endpoints, not here; 204 No Content, then read back.
    update: {
      method: 'PATCH',
      path: `"/contacts/" & ${encode('id')}`,
      body: `{ "name": body.name, "description": body.details, "custom_fields": body.custom_fields }`,
      response: NO_CONTENT,
      readBack: true,
    },
    delete: { method: 'DELETE', path: `"/contacts/" & ${encode('id')}` },
  },
};

export const frontAccounts: ResourceDefinition = {
  record: frontAccountRecord,
  methods: {
    list: list('/accounts'),
    get: item('/accounts'),
    create: {
      method: 'POST',
      path: '"/accounts"',
      body: `{ "name": body.name, "domains": body.domains }`,
    },
    update: {
      method: 'PATCH',
      path: `"/accounts/" & ${encode('id')}`,
      body: `{ "name": body.name, "domains": body.domains }`,
    },
    delete: { method: 'DELETE', path: `"/accounts/" & ${encode('id')}` },
  },
};
