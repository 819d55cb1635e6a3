import type { ResourceDefinition } from '../definition';
import { ID, trash } from './ticket.mapping';

/** Zoho keeps first and last names apart (the last name is required); `name` joins them. */
const FULL_NAME = `$join([firstName, lastName][$ != null and $ != ""], " ")`;

export const zohoContactRecord = `
{
  "id": $string(id),
  "name": ${FULL_NAME},
  "first_name": firstName,
  "last_name": lastName,
  "emails": $append(
    email ? [{ "email": email, "type": "primary" }] : [],
    secondaryEmail ? [{ "email": secondaryEmail, "type": "secondary" }] : []
  ),
  "phones": $append(
    phone ? [{ "number": phone, "type": "phone" }] : [],
    mobile ? [{ "number": mobile, "type": "mobile" }] : []
  ),
  "details": description,
  "account_id": accountId,
  "custom_fields": cf,
  "is_active": $exists(isSpam) ? isSpam != true,
  "created_at": createdTime,
  "updated_at": modifiedTime
}`;

/**
 * Unified contact → Zoho contact. Zoho wants a last name: a unified `name` without first/last names
 * goes whole into `lastName` rather than being split on a guess. Two e-mails and two numbers at most.
 */
export const zohoContactBody = `
(
  $b := body;
  $merge([
    $exists($b.first_name) ? { "firstName": $b.first_name },
    $exists($b.last_name) ? { "lastName": $b.last_name }
      : ($b.name and $not($exists($b.first_name))) ? { "lastName": $b.name },
    $exists($b.emails) ? { "email": $b.emails[0].email ? $b.emails[0].email : null, "secondaryEmail": $b.emails[1].email ? $b.emails[1].email : null },
    $exists($b.phones) ? {
      "phone": $b.phones[type != "mobile"][0].number ? $b.phones[type != "mobile"][0].number : null,
      "mobile": $b.phones[type = "mobile"][0].number ? $b.phones[type = "mobile"][0].number : null
    },
    $exists($b.details) ? { "description": $b.details },
    $exists($b.account_id) ? { "accountId": $b.account_id },
    $b.custom_fields ? { "cf": $b.custom_fields }
  ])
)`;

/** A website is where an account's domain is known: its host, without scheme or `www.`. */
export const zohoAccountRecord = `
{
  "id": $string(id),
  "name": accountName,
  "domains": website ? [$replace($replace(website, /^[a-z]+:\\/\\//i, ""), /^www\\.|\\/.*$/i, "")] : [],
  "created_at": createdTime,
  "updated_at": modifiedTime
}`;

export const zohoAccountBody = `$merge([
  $exists(body.name) ? { "accountName": body.name },
  $exists(body.domains) ? { "website": body.domains[0] ? body.domains[0] : null }
])`;

/** Agents: an agent confirmed and `ACTIVE` is active; Zoho does not list an agent's teams on it. */
export const zohoUserRecord = `
{
  "id": $string(id),
  "name": name ? name : ${FULL_NAME},
  "first_name": firstName,
  "last_name": lastName,
  "emails": emailId ? [{ "email": emailId, "type": "primary" }] : [],
  "is_active": status = "ACTIVE",
  "avatar": photoURL,
  "roles": roleId ? [{ "id": roleId }] : []
}`;

export const zohoTeamRecord = `{ "id": $string(id), "name": name, "description": description }`;

/** Departments partition a help desk's tickets: collections of tickets. */
export const zohoDepartmentRecord = `
{
  "id": $string(id),
  "name": name,
  "description": description,
  "type": "other",
  "entity_type": "ticket",
  "created_at": createdTime
}`;

function crud(collection: string, idsField: string, body: string): ResourceDefinition['methods'] {
  const item = `"/api/v1/${collection}/" & ${ID}`;
  return {
    list: { method: 'GET', path: `"/api/v1/${collection}"`, response: 'data' },
    get: { method: 'GET', path: item },
    create: { method: 'POST', path: `"/api/v1/${collection}"`, body },
    update: { method: 'PATCH', path: item, body },
    delete: trash(collection, idsField),
  };
}

const readOnly = (collection: string, maxPageSize: number): ResourceDefinition['methods'] => ({
  list: {
    method: 'GET',
    path: `"/api/v1/${collection}"`,
    response: 'data',
    pagination: { strategy: 'offset', startParam: 'from', sizeParam: 'limit', maxPageSize },
  },
  get: { method: 'GET', path: `"/api/v1/${collection}/" & ${ID}` },
});

export const zohoContacts: ResourceDefinition = {
  record: zohoContactRecord,
  methods: crud('contacts', 'contactIds', zohoContactBody),
};
export const zohoAccounts: ResourceDefinition = {
  record: zohoAccountRecord,
  methods: crud('accounts', 'accountIds', zohoAccountBody),
};
export const zohoUsers: ResourceDefinition = { record: zohoUserRecord, methods: readOnly('agents', 200) };
export const zohoCollections: ResourceDefinition = {
  record: zohoDepartmentRecord,
  methods: readOnly('departments', 200),
};
export const zohoTeams: ResourceDefinition = {
  record: zohoTeamRecord,
  methods: {
    // One answer with every team, under `teams`.
    list: { method: 'GET', path: '"/api/v1/teams"', response: 'teams', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: `"/api/v1/teams/" & ${ID}` },
  },
};
