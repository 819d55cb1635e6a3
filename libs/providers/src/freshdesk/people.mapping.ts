import type { ResourceDefinition } from '../definition';
import { ID, NUMERIC } from './shared.mapping';

/**
 * Agents (users), contacts, companies (accounts) and groups (teams). Freshdesk keeps one free-text
 * `name`: first and last names stay null rather than guessed from a split. An agent's person is its
 * nested `contact`; `contact.active` says the agent has verified the account.
 */
export const freshdeskUserRecord = `
{
  "id": $string(id),
  "name": contact.name,
  "first_name": null,
  "last_name": null,
  "emails": contact.email ? [{ "email": contact.email, "type": "primary" }] : [],
  "is_active": contact.active,
  "team_ids": [group_ids.$string($)],
  "avatar": contact.avatar.avatar_url,
  "roles": [role_ids.{ "id": $string($) }],
  "created_at": created_at,
  "updated_at": updated_at
}`;

/**
 * A contact's primary e-mail comes first, its other e-mails after; `phone` and `mobile` are its two
 * numbers. A trashed contact (`deleted: true`, Freshdesk's soft delete) is inactive.
 */
export const freshdeskContactRecord = `
{
  "id": $string(id),
  "name": name,
  "first_name": null,
  "last_name": null,
  "emails": $append(
    email ? [{ "email": email, "type": "primary" }] : [],
    [other_emails.{ "email": $, "type": "other" }]
  ),
  "phones": $append(
    phone ? [{ "number": phone, "type": "phone" }] : [],
    mobile ? [{ "number": mobile, "type": "mobile" }] : []
  ),
  "details": description,
  "account_id": company_id ? $string(company_id),
  "custom_fields": custom_fields,
  "is_active": $exists(deleted) ? deleted != true,
  "created_at": created_at,
  "updated_at": updated_at
}`;

/** The first unified e-mail is the primary one, the rest `other_emails`; a `mobile` phone is the mobile. */
export const freshdeskContactBody = `
(
  $b := body;
  $num := ${NUMERIC};
  $name := $b.name ? $b.name
    : ($b.first_name or $b.last_name) ? $trim($join([$b.first_name, $b.last_name], " "));
  $phone := $b.phones[type != "mobile"][0].number;
  $mobile := $b.phones[type = "mobile"][0].number;
  $merge([
    $name ? { "name": $name },
    $exists($b.emails) ? {
      "email": $b.emails[0].email ? $b.emails[0].email : null,
      "other_emails": [$filter($b.emails, function($e, $i) { $i > 0 }).email]
    },
    $exists($b.phones) ? { "phone": $phone ? $phone : null, "mobile": $mobile ? $mobile : null },
    $exists($b.details) ? { "description": $b.details },
    $exists($b.account_id) ? { "company_id": $b.account_id ? $num($b.account_id) : null },
    $b.custom_fields ? { "custom_fields": $b.custom_fields }
  ])
)`;

export const freshdeskAccountRecord = `
{ "id": $string(id), "name": name, "domains": domains, "created_at": created_at, "updated_at": updated_at }`;

export const freshdeskAccountBody = `
$merge([
  $exists(body.name) ? { "name": body.name },
  $exists(body.domains) ? { "domains": body.domains = null ? [] : body.domains }
])`;

export const freshdeskTeamRecord = `
{ "id": $string(id), "name": name, "description": description, "created_at": created_at, "updated_at": updated_at }`;

export const freshdeskTeamBody = `
$merge([
  $exists(body.name) ? { "name": body.name },
  $exists(body.description) ? { "description": body.description }
])`;

/** The standard CRUD set of a Freshdesk collection (`/api/v2/groups`, bare objects in and out). */
function crud(collection: string, body: string): ResourceDefinition['methods'] {
  const item = `"/api/v2/${collection}/" & ${ID}`;
  return {
    list: { method: 'GET', path: `"/api/v2/${collection}"` },
    get: { method: 'GET', path: item },
    create: { method: 'POST', path: `"/api/v2/${collection}"`, body },
    update: { method: 'PUT', path: item, body },
    delete: { method: 'DELETE', path: item },
  };
}

export const freshdeskUsers: ResourceDefinition = {
  record: freshdeskUserRecord,
  methods: {
    list: { method: 'GET', path: '"/api/v2/agents"' },
    get: { method: 'GET', path: `"/api/v2/agents/" & ${ID}` },
  },
};

export const freshdeskContacts: ResourceDefinition = {
  record: freshdeskContactRecord,
  methods: {
    ...crud('contacts', freshdeskContactBody),
    // Trashed contacts are left out of lists (`state=deleted` lists them).
    list: {
      method: 'GET',
      path: '"/api/v2/contacts"',
      query: '{ "_updated_since": query.updated_at.gte }',
      filters: { updated_at: ['gte'] },
    },
  },
};

export const freshdeskAccounts: ResourceDefinition = {
  record: freshdeskAccountRecord,
  methods: crud('companies', freshdeskAccountBody),
};

export const freshdeskTeams: ResourceDefinition = {
  record: freshdeskTeamRecord,
  methods: crud('groups', freshdeskTeamBody),
};
