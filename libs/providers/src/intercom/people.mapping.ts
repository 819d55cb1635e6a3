import type { ResourceDefinition } from '../definition';
import { path, TIME } from './shared.mapping';

/**
 * Contact (user or lead) → unified contact. Intercom keeps one name, one e-mail and one phone; first and
 * last names stay null rather than guessed. The first attached company is the account.
 */
export const intercomContactRecord = `
(
  $time := ${TIME};
  {
    "id": $string(id),
    "name": name,
    "first_name": null,
    "last_name": null,
    "emails": email ? [{ "email": email }] : [],
    "phones": phone ? [{ "number": phone }] : [],
    "account_id": companies.data[0].id ? $string(companies.data[0].id),
    "custom_fields": custom_attributes,
    "created_at": $time(created_at),
    "updated_at": $time(updated_at)
  }
)`;

/** Company → unified account; the website's host (without `www.`) is its domain. */
export const intercomAccountRecord = `
(
  $time := ${TIME};
  $host := $type(website) = "string" and website != ""
    ? $replace($replace($replace(website, /^[a-z]+:\\/\\//i, ""), /[\\/:?#].*$/, ""), /^www\\./i, "");
  {
    "id": $string(id),
    "name": name,
    "domains": $host ? [$host] : [],
    "created_at": $time(created_at),
    "updated_at": $time(updated_at)
  }
)`;

/**
 * Admin (teammate) → unified user. The avatar is a URL since API 2.x (an object with `image_url`
 * before); the role is present only where one is assigned.
 */
export const intercomUserRecord = `
{
  "id": $string(id),
  "name": name,
  "first_name": null,
  "last_name": null,
  "username": null,
  "emails": email ? [{ "email": email }] : [],
  "team_ids": [team_ids.$string($)],
  "avatar": $type(avatar) = "object" ? avatar.image_url : avatar,
  "roles": role ? [{ "id": $string(role.id), "name": role.name }] : []
}`;

export const intercomTeamRecord = `{ "id": $string(id), "name": name }`;

/** Unified contact → Intercom's contact attributes (`role: user` on create). */
function contactBody(creating: boolean): string {
  return `(
    $joined := $join([body.first_name, body.last_name][$], " ");
    {
      ${creating ? '"role": "user",' : ''}
      "email": $exists(body.emails) ? body.emails[0].email,
      "phone": $exists(body.phones) ? body.phones[0].number,
      "name": $exists(body.name) ? body.name : $joined != "" ? $joined,
      "custom_attributes": body.custom_fields
    }
  )`;
}

/** Unified account → company attributes; the website is the first domain. */
const COMPANY_BODY = `{
  "name": body.name,
  "website": $exists(body.domains) ? (body.domains[0] ? "https://" & body.domains[0] : "")
}`;

export const intercomContacts: ResourceDefinition = {
  record: intercomContactRecord,
  methods: {
    list: { method: 'GET', path: '"/contacts"', response: 'data' },
    get: { method: 'GET', path: path('contacts') },
    create: { method: 'POST', path: '"/contacts"', body: contactBody(true) },
    update: { method: 'PUT', path: path('contacts'), body: contactBody(false) },
    delete: { method: 'DELETE', path: path('contacts') },
  },
};

export const intercomAccounts: ResourceDefinition = {
  record: intercomAccountRecord,
  methods: {
    // Page numbers, not cursors, for companies.
    list: {
      method: 'GET',
      path: '"/companies"',
      response: 'data',
      pagination: { strategy: 'page-number', pageParam: 'page', sizeParam: 'per_page', maxPageSize: 60 },
    },
    get: { method: 'GET', path: path('companies') },
    // POST /companies creates (no `company_id` is sent, so it never matches and updates another one).
    create: { method: 'POST', path: '"/companies"', body: COMPANY_BODY },
    update: { method: 'PUT', path: path('companies'), body: COMPANY_BODY },
    // Intercom archives the company and detaches its contacts; it is gone from the API.
    delete: { method: 'DELETE', path: path('companies') },
  },
};

export const intercomUsers: ResourceDefinition = {
  record: intercomUserRecord,
  methods: {
    list: { method: 'GET', path: '"/admins"', response: 'admins', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: path('admins') },
  },
};

export const intercomTeams: ResourceDefinition = {
  record: intercomTeamRecord,
  methods: {
    list: { method: 'GET', path: '"/teams"', response: 'teams', pagination: { strategy: 'none' } },
    get: { method: 'GET', path: path('teams') },
  },
};
