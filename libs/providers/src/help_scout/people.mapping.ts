import type { ResourceDefinition } from '../definition';
import { CREATED_ID, ID, WRITTEN_ID, patchFollowUps } from './shared.mapping';

/** A customer is a contact; its e-mails and phones are embedded (`_embedded.emails[].value`). */
export const helpScoutContactRecord = `
{
  "id": $string(id),
  "first_name": firstName,
  "last_name": lastName,
  "name": $trim($join([firstName, lastName], " ")),
  "emails": [_embedded.emails.{ "email": value, "type": type }],
  "phones": [_embedded.phones.{ "number": value, "type": type }],
  "details": background,
  "created_at": createdAt,
  "updated_at": updatedAt
}`;

/** A user is an agent (`role`: owner, admin or user). */
export const helpScoutUserRecord = `
{
  "id": $string(id),
  "name": $trim($join([firstName, lastName], " ")),
  "first_name": firstName,
  "last_name": lastName,
  "emails": email ? [{ "email": email, "type": "work" }] : [],
  "avatar": photoUrl,
  "roles": role ? [{ "id": role, "name": role }] : [],
  "created_at": createdAt,
  "updated_at": updatedAt
}`;

export const helpScoutTeamRecord = `{ "id": $string(id), "name": name, "created_at": createdAt, "updated_at": updatedAt }`;

/** A customer's core fields, one JSON Patch operation each. */
const CUSTOMER_OPS = `(
  $b := body;
  $first := $exists($b.first_name) ? $b.first_name : ($b.name ? $substringBefore($b.name, " "));
  $last := $exists($b.last_name) ? $b.last_name : ($b.name and $contains($b.name, " ") ? $substringAfter($b.name, " "));
  [
    $exists($first) ? { "op": "replace", "path": "/firstName", "value": $first },
    $exists($last) ? { "op": "replace", "path": "/lastName", "value": $last },
    $exists($b.details) ? { "op": "replace", "path": "/background", "value": $b.details }
  ]
)`;

const CUSTOMER = `"/v2/customers/" & ${ID}`;
const list = (name: string) => ({
  method: 'GET' as const,
  path: `"/v2/${name}"`,
  response: `_embedded.${name}`,
});

export const helpScoutContacts: ResourceDefinition = {
  record: helpScoutContactRecord,
  methods: {
    list: list('customers'),
    get: { method: 'GET', path: CUSTOMER },
    create: {
      method: 'POST',
      path: '"/v2/customers"',
      body: `(
        $b := body;
        $merge([
          {
            "firstName": $b.first_name ? $b.first_name : $substringBefore($b.name, " "),
            "lastName": $b.last_name ? $b.last_name : ($contains($b.name, " ") ? $substringAfter($b.name, " "))
          },
          $b.details ? { "background": $b.details },
          $count($b.emails) > 0 ? { "emails": [$b.emails.{ "type": type ? type : "work", "value": email }] },
          $count($b.phones) > 0 ? { "phones": [$b.phones.{ "type": type ? type : "work", "value": number }] }
        ])
      )`,
      response: CREATED_ID,
      readBack: true,
    },
    // E-mails and phones have endpoints of their own; an update changes names and background.
    update: {
      method: 'PATCH',
      path: CUSTOMER,
      body: `${CUSTOMER_OPS}[0]`,
      response: WRITTEN_ID,
      readBack: true,
      after: patchFollowUps(CUSTOMER, CUSTOMER_OPS, 2),
    },
  },
};

export const helpScoutUsers: ResourceDefinition = {
  record: helpScoutUserRecord,
  methods: { list: list('users'), get: { method: 'GET', path: `"/v2/users/" & ${ID}` } },
};

/** Help Scout reads teams only as a list: one team is found on it (teams are few, one page holds 50). */
export const helpScoutTeams: ResourceDefinition = {
  record: helpScoutTeamRecord,
  methods: {
    list: list('teams'),
    get: { method: 'GET', path: '"/v2/teams"', response: '_embedded.teams[$string(id) = $request.id]' },
  },
};
