/**
 * Zendesk users are both unified `users` (role agent/admin) and `contacts` (role end-user); Zendesk
 * organizations (the customer companies end users belong to) are unified `accounts`. Zendesk keeps a
 * single `name`: it is `name`, and first/last names stay null rather than guessed from a split.
 * These expressions also read the short `detail` of user/organization events (string ids, no name).
 */
const active = `$exists(active) ? (active and $not(suspended = true))`;

export const zendeskUserRecord = `
{
  "id": $string(id),
  "name": name,
  "emails": $exists(email) ? (email ? [{ "email": email, "type": "primary" }] : []),
  "is_active": ${active},
  "avatar": photo.content_url,
  "roles": role ? [{ "id": role, "name": role }],
  "created_at": created_at,
  "updated_at": updated_at
}`;

export const zendeskContactRecord = `
{
  "id": $string(id),
  "name": name,
  "emails": $exists(email) ? (email ? [{ "email": email, "type": "primary" }] : []),
  "phones": $exists(phone) ? (phone ? [{ "number": phone, "type": "primary" }] : []),
  "details": details,
  "account_id": organization_id and $string(organization_id) != "0" ? $string(organization_id),
  "custom_fields": user_fields,
  "is_active": ${active},
  "created_at": created_at,
  "updated_at": updated_at
}`;

/** Users and contacts share Zendesk's user body; `role` is set by the caller of this fragment. */
const userAttributes = `
  $b := body;
  $name := $exists($b.name) and $b.name != null ? $b.name
    : ($exists($b.first_name) or $exists($b.last_name)) ? $trim($join([$b.first_name, $b.last_name], " "));
  $parts := [
    $name ? { "name": $name },
    $exists($b.emails) ? { "email": $count($b.emails) > 0 ? $b.emails[0].email : null },
    $exists($b.is_active) and $b.is_active != null ? { "suspended": $not($b.is_active) }
  ];`;

export const zendeskUserCreateBody = `
(
  ${userAttributes}
  $role := $b.roles[id in ["admin", "agent"]][0].id;
  { "user": $merge($append($parts, { "role": $role ? $role : "agent" })) }
)`;

export const zendeskUserUpdateBody = `
(
  ${userAttributes}
  $role := $b.roles[id in ["admin", "agent"]][0].id;
  { "user": $merge($append($parts, [$role ? { "role": $role }])) }
)`;

const contactAttributes = `
  ${userAttributes}
  $contact := [
    $exists($b.phones) ? { "phone": $count($b.phones) > 0 ? $b.phones[0].number : null },
    $exists($b.details) ? { "details": $b.details },
    $exists($b.account_id) ? { "organization_id": $b.account_id },
    $exists($b.custom_fields) and $b.custom_fields != null ? { "user_fields": $b.custom_fields }
  ];`;

export const zendeskContactCreateBody = `
(
  ${contactAttributes}
  { "user": $merge($append($append($parts, $contact), { "role": "end-user" })) }
)`;

export const zendeskContactUpdateBody = `
(
  ${contactAttributes}
  { "user": $merge($append($parts, $contact)) }
)`;

export const zendeskAccountRecord = `
{
  "id": $string(id),
  "name": name,
  "domains": domain_names,
  "created_at": created_at,
  "updated_at": updated_at
}`;

export const zendeskAccountBody = `
{
  "organization": $merge([
    $exists(body.name) ? { "name": body.name },
    $exists(body.domains) ? { "domain_names": body.domains = null ? [] : body.domains }
  ])
}`;
