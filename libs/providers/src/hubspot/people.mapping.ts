import type { MethodDefinition, ResourceDefinition } from '../definition';
import {
  ASSOCIATION,
  COMPANY_PROPERTIES,
  CONTACT_PROPERTIES,
  FIRST_ASSOCIATED,
  ID,
  PROPERTY,
} from './shared.mapping';

/** A contact: first and last names are HubSpot's own; its primary company is its account. */
export const hubspotContactRecord = `
(
  $p := properties;
  $company := ${FIRST_ASSOCIATED}(associations, "companies");
  {
    "id": $string(id),
    "first_name": $p.firstname,
    "last_name": $p.lastname,
    "name": $trim($join([$p.firstname, $p.lastname], " ")),
    "emails": $p.email ? [{ "email": $p.email, "type": "work" }] : [],
    "phones": [
      $p.phone ? { "number": $p.phone, "type": "work" },
      $p.mobilephone ? { "number": $p.mobilephone, "type": "mobile" }
    ],
    "account_id": $company,
    "is_active": archived != true,
    "created_at": createdAt,
    "updated_at": updatedAt
  }
)`;

/** A company is an account; its one `domain` is its domains. */
export const hubspotAccountRecord = `
{
  "id": $string(id),
  "name": properties.name,
  "domains": properties.domain ? [properties.domain] : [],
  "created_at": createdAt,
  "updated_at": updatedAt
}`;

/** An owner is a user (an owner is what tickets are assigned to; `userId` is the HubSpot login). */
export const hubspotUserRecord = `
{
  "id": $string(id),
  "name": $trim($join([firstName, lastName], " ")),
  "first_name": firstName,
  "last_name": lastName,
  "emails": email ? [{ "email": email, "type": "work" }] : [],
  "is_active": archived != true,
  "team_ids": [teams.$string(id)],
  "created_at": createdAt,
  "updated_at": updatedAt
}`;

export const hubspotTeamRecord = `{ "id": $string(id), "name": name }`;

/** A unified contact's name goes to first and last names where those are not given. */
const CONTACT_BODY = `$merge([
  $prop("firstname", $exists(body.first_name) or $exists(body.name),
    $exists(body.first_name) ? body.first_name : $substringBefore(body.name, " ")),
  $prop("lastname", $exists(body.last_name) or $exists(body.name),
    $exists(body.last_name) ? body.last_name
      : ($contains(body.name, " ") ? $substringAfter(body.name, " ") : null)),
  $prop("email", $exists(body.emails), body.emails[0].email),
  $prop("phone", $exists(body.phones), body.phones[0].number)
])`;
const COMPANY_BODY = `$merge([
  $prop("name", $exists(body.name), body.name),
  $prop("domain", $exists(body.domains), body.domains[0])
])`;

/** CRUD over a CRM object type; create and update wrap the properties (creates add associations). */
function crmObject(type: string, read: string, properties: string, associations = '[]') {
  const item = `"/crm/v3/objects/${type}/" & ${ID}`;
  const withProp = (body: string) => `( $prop := ${PROPERTY}; $association := ${ASSOCIATION}; ${body} )`;
  const methods: Partial<Record<'list' | 'get' | 'create' | 'update' | 'delete', MethodDefinition>> = {
    list: { method: 'GET', path: `"/crm/v3/objects/${type}"`, query: read, response: 'results' },
    get: { method: 'GET', path: item, query: read },
    create: {
      method: 'POST',
      path: `"/crm/v3/objects/${type}"`,
      body: withProp(`{ "properties": ${properties}, "associations": ${associations} }`),
      readBack: true,
    },
    update: {
      method: 'PATCH',
      path: item,
      body: withProp(`{ "properties": ${properties} }`),
      readBack: true,
    },
    delete: { method: 'DELETE', path: item },
  };
  return methods;
}

export const hubspotContacts: ResourceDefinition = {
  record: hubspotContactRecord,
  methods: crmObject(
    'contacts',
    `{ "properties": "${CONTACT_PROPERTIES}", "associations": "companies" }`,
    CONTACT_BODY,
    `[body.account_id ? $association(body.account_id, 1)]`,
  ),
};

export const hubspotAccounts: ResourceDefinition = {
  record: hubspotAccountRecord,
  methods: crmObject('companies', `{ "properties": "${COMPANY_PROPERTIES}" }`, COMPANY_BODY),
};

export const hubspotUsers: ResourceDefinition = {
  record: hubspotUserRecord,
  methods: {
    list: { method: 'GET', path: '"/crm/v3/owners"', response: 'results' },
    get: { method: 'GET', path: `"/crm/v3/owners/" & ${ID}` },
  },
};

/** Teams come whole from the account's settings; one team is picked from that list. */
export const hubspotTeams: ResourceDefinition = {
  record: hubspotTeamRecord,
  methods: {
    list: {
      method: 'GET',
      path: '"/settings/v3/users/teams"',
      response: 'results',
      pagination: { strategy: 'none' },
    },
    get: {
      method: 'GET',
      path: '"/settings/v3/users/teams"',
      response: 'results[$string(id) = $request.id]',
    },
  },
};
