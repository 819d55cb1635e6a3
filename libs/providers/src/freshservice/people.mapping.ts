import type { MethodDefinition, ResourceDefinition } from '../definition';
import { ID, NUMERIC } from './shared.mapping';

/**
 * Agents (users), requesters (contacts), departments (accounts) and agent groups (teams). Unlike
 * Freshdesk, Freshservice keeps first and last names apart; `name` is their join.
 */
const NAME = `$trim($join([first_name, last_name][$ != null and $ != ""], " "))`;

export const freshserviceUserRecord = `
{
  "id": $string(id),
  "name": ${NAME},
  "first_name": first_name,
  "last_name": last_name,
  "emails": email ? [{ "email": email, "type": "primary" }] : [],
  "is_active": active,
  "team_ids": [member_of.$string($)],
  "roles": [roles.{ "id": $string(role_id) }],
  "created_at": created_at,
  "updated_at": updated_at
}`;

/** The primary e-mail first, secondary e-mails after; work and mobile phones. A deactivated requester is inactive. */
export const freshserviceContactRecord = `
{
  "id": $string(id),
  "name": ${NAME},
  "first_name": first_name,
  "last_name": last_name,
  "emails": $append(
    primary_email ? [{ "email": primary_email, "type": "primary" }] : [],
    [secondary_emails.{ "email": $, "type": "other" }]
  ),
  "phones": $append(
    work_phone_number ? [{ "number": work_phone_number, "type": "work" }] : [],
    mobile_phone_number ? [{ "number": mobile_phone_number, "type": "mobile" }] : []
  ),
  "details": background_information,
  "account_id": $count(department_ids) > 0 ? $string(department_ids[0]),
  "custom_fields": custom_fields,
  "is_active": active,
  "created_at": created_at,
  "updated_at": updated_at
}`;

/** A unified `name` without first/last is split at its first space (Freshservice requires a first name). */
export const freshserviceContactBody = `
(
  $b := body;
  $num := ${NUMERIC};
  $words := $b.name ? $split($trim($b.name), " ");
  $first := $exists($b.first_name) ? $b.first_name : $words ? $words[0];
  $last := $exists($b.last_name) ? $b.last_name : $count($words) > 1 ? $join($words[[1..100]], " ");
  $mobile := $b.phones[type = "mobile"][0].number;
  $work := $b.phones[type != "mobile"][0].number;
  $merge([
    $first ? { "first_name": $first },
    $last ? { "last_name": $last },
    $exists($b.emails) ? {
      "primary_email": $b.emails[0].email ? $b.emails[0].email : null,
      "secondary_emails": [$filter($b.emails, function($e, $i) { $i > 0 }).email]
    },
    $exists($b.phones) ? {
      "work_phone_number": $work ? $work : null,
      "mobile_phone_number": $mobile ? $mobile : null
    },
    $exists($b.details) ? { "background_information": $b.details },
    $exists($b.account_id) ? { "department_ids": $b.account_id ? [$num($b.account_id)] : [] },
    $b.custom_fields ? { "custom_fields": $b.custom_fields }
  ])
)`;

export const freshserviceAccountRecord = `
{ "id": $string(id), "name": name, "domains": domains, "created_at": created_at, "updated_at": updated_at }`;

export const freshserviceTeamRecord = `
{ "id": $string(id), "name": name, "description": description, "created_at": created_at, "updated_at": updated_at }`;

const namedBody = (extra: string) => `
$merge([
  $exists(body.name) ? { "name": body.name },
  ${extra}
])`;
const accountBody = namedBody(
  `$exists(body.domains) ? { "domains": body.domains = null ? [] : body.domains }`,
);
const teamBody = namedBody(`$exists(body.description) ? { "description": body.description }`);

/** The CRUD set of a Freshservice collection: `/api/v2/groups` answers `{"groups": […]}`, one `{"group": …}`. */
function crud(collection: string, one: string, body: string): Partial<Record<string, MethodDefinition>> {
  const item = `"/api/v2/${collection}/" & ${ID}`;
  return {
    list: { method: 'GET', path: `"/api/v2/${collection}"`, response: collection },
    get: { method: 'GET', path: item, response: one },
    create: { method: 'POST', path: `"/api/v2/${collection}"`, body, response: one },
    update: { method: 'PUT', path: item, body, response: one },
    delete: { method: 'DELETE', path: item },
  };
}

export const freshserviceUsers: ResourceDefinition = {
  record: freshserviceUserRecord,
  methods: {
    list: { method: 'GET', path: '"/api/v2/agents"', response: 'agents' },
    get: { method: 'GET', path: `"/api/v2/agents/" & ${ID}`, response: 'agent' },
  },
};

export const freshserviceContacts: ResourceDefinition = {
  record: freshserviceContactRecord,
  // DELETE deactivates a requester (`active: false`); `/forget` would erase it for good.
  methods: crud('requesters', 'requester', freshserviceContactBody),
};

export const freshserviceAccounts: ResourceDefinition = {
  record: freshserviceAccountRecord,
  methods: crud('departments', 'department', accountBody),
};

export const freshserviceTeams: ResourceDefinition = {
  record: freshserviceTeamRecord,
  methods: crud('groups', 'group', teamBody),
};
