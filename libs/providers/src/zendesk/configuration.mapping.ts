import type { FileUploadDefinition } from '../definition';

/** Zendesk groups → unified teams. */
export const zendeskTeamRecord = `
{ "id": $string(id), "name": name, "description": description, "created_at": created_at, "updated_at": updated_at }`;

export const zendeskTeamBody = `
{
  "group": $merge([
    $exists(body.name) ? { "name": body.name },
    $exists(body.description) ? { "description": body.description = null ? "" : body.description }
  ])
}`;

/** Zendesk brands → unified workspaces: each brand has its own help centre, addresses and forms. */
export const zendeskWorkspaceRecord = `
{
  "id": $string(id),
  "name": name,
  "status": active ? "active" : "inactive",
  "description": brand_url,
  "created_at": created_at,
  "updated_at": updated_at
}`;

/** A new brand needs a subdomain: it is derived from the name (`Acme Labs` → `acme-labs`). */
export const zendeskWorkspaceCreateBody = `
{
  "brand": $merge([
    { "name": body.name, "subdomain": $lowercase($replace($trim(body.name), /[^A-Za-z0-9]+/, "-")) },
    $exists(body.status) and body.status != null ? { "active": body.status = "active" }
  ])
}`;

export const zendeskWorkspaceUpdateBody = `
{
  "brand": $merge([
    $exists(body.name) ? { "name": body.name },
    $exists(body.status) and body.status != null ? { "active": body.status = "active" }
  ])
}`;

/** Zendesk tags have no id: the tag text is the id (`count` stays in remote_data). */
export const zendeskTagRecord = `{ "id": name, "name": name }`;

/** Zendesk custom ticket statuses → unified ticket statuses (the agent label is the name). */
export const zendeskTicketStatusRecord = `
{ "id": $string(id), "name": agent_label, "description": description }`;

/**
 * A custom status needs a status category, which the unified body has no field for: it is read from
 * `remote_query.status_category` and defaults to `open`.
 */
export const zendeskTicketStatusCreateBody = `
{
  "custom_status": $merge([
    { "agent_label": body.name, "status_category": query.remote_query.status_category ? query.remote_query.status_category : "open" },
    $exists(body.description) ? { "description": body.description = null ? "" : body.description }
  ])
}`;

export const zendeskTicketStatusUpdateBody = `
{
  "custom_status": $merge([
    $exists(body.name) ? { "agent_label": body.name },
    $exists(body.description) ? { "description": body.description = null ? "" : body.description }
  ])
}`;

/**
 * Priorities and types are fixed in Zendesk; the account lists them itself as the `system_field_options`
 * of its `priority` and `tickettype` system ticket fields, so both lists are read from /ticket_fields.
 */
export const zendeskFieldOptionRecord = `{ "id": value, "name": name }`;
export const zendeskPrioritiesResponse = `[ticket_fields[type = "priority"].system_field_options]`;
export const zendeskTicketTypesResponse = `[ticket_fields[type = "tickettype"].system_field_options]`;

/**
 * Zendesk ticket fields → unified fields. A custom field's `name` is its id (the key of ticket
 * `custom_fields`); a system field's `name` is its type (`subject`, `priority`…).
 */
export const zendeskFieldRecord = `
(
  $types := {
    "text": "string", "textarea": "text", "checkbox": "boolean", "date": "date", "integer": "number",
    "decimal": "number", "regexp": "string", "partialcreditcard": "string", "multiselect": "array",
    "tagger": "enum", "subject": "string", "description": "text", "status": "enum", "tickettype": "enum",
    "priority": "enum", "custom_status": "enum"
  };
  $formats := { "integer": "integer", "decimal": "decimal", "regexp": "regexp", "partialcreditcard": "credit_card" };
  $options := $exists(custom_field_options) ? custom_field_options : system_field_options;
  {
    "id": $string(id),
    "name": removable ? $string(id) : type,
    "label": title,
    "description": description,
    "type": $exists($lookup($types, type)) ? $lookup($types, type) : type,
    "format": type = "lookup" ? relationship_target_type : $lookup($formats, type),
    "is_unique": false,
    "is_required": required,
    "options": $exists($options) ? [$options.{ "value": value, "label": name }],
    "is_user_defined": removable,
    "entity_type": "ticket",
    "created_at": created_at,
    "updated_at": updated_at,
    "applicable_for": visible_in_portal ? "agents_and_end_users" : "agents",
    "status": active ? "active" : "inactive"
  }
)`;

const fieldAttributes = `
  $b := body;
  $types := {
    "string": "text", "text": "textarea", "rich_text": "textarea", "boolean": "checkbox", "date": "date",
    "number": "decimal", "enum": "tagger", "array": "multiselect"
  };
  $parts := [
    $exists($b.label) or $exists($b.name) ? { "title": $b.label ? $b.label : $b.name },
    $exists($b.description) ? { "description": $b.description = null ? "" : $b.description },
    $exists($b.is_required) ? { "required": $b.is_required = true },
    $exists($b.status) and $b.status != null ? { "active": $b.status != "inactive" },
    $exists($b.options) and $b.options != null
      ? { "custom_field_options": [$b.options.{ "name": label ? label : value, "value": value }] }
  ];`;

export const zendeskFieldCreateBody = `
(
  ${fieldAttributes}
  $fieldType := $b.format = "integer" ? "integer" : $lookup($types, $b.type);
  { "ticket_field": $merge($append($parts, { "type": $fieldType ? $fieldType : $b.type })) }
)`;

export const zendeskFieldUpdateBody = `
(
  ${fieldAttributes}
  { "ticket_field": $merge($parts) }
)`;

/** Zendesk views (saved ticket filters) → unified collections of type `other` (membership is computed). */
export const zendeskCollectionRecord = `
{
  "id": $string(id),
  "name": title,
  "description": description,
  "type": "other",
  "urls": $settings.subdomain
    ? [{ "url": "https://" & $settings.subdomain & ".zendesk.com/agent/filters/" & $string(id), "type": "web" }],
  "created_at": created_at,
  "updated_at": updated_at,
  "entity_type": "ticket"
}`;

/**
 * Zendesk attachments → unified attachments. Listed per ticket from its comments, each attachment
 * carrying its comment's id, author (sideloaded) and time; fetched alone they have none of those.
 */
export const zendeskAttachmentRecord = `
(
  $ticketId := $exists(ticket_id) ? ticket_id : $request.query.ticket_id;
  {
    "id": $string(id),
    "file_name": $exists(file_name) ? file_name : filename,
    "ticket_id": $ticketId ? $string($ticketId),
    "size": size,
    "file_url": content_url,
    "content_type": content_type,
    "uploaded_by": author ? $string(author.id),
    "uploaded_by_type": author ? (author.role = "end-user" ? "contact" : "user"),
    "created_at": created_at
  }
)`;

export const zendeskAttachmentListResponse = `
(
  $users := users;
  [comments.( $c := $; attachments.$merge([$, {
    "comment_id": $c.id, "created_at": $c.created_at, "author": $users[id = $c.author_id]
  }]) )]
)`;

/**
 * Zendesk takes files in two steps: the raw bytes to `uploads` (the name in `filename`) answer a token;
 * a ticket comment naming the token in `uploads` attaches the file. The comment is an internal note
 * saying the file's name, so a file added through the API is not mailed to the requester.
 */
export const zendeskAttachmentUpload: FileUploadDefinition = {
  steps: [
    {
      method: 'POST',
      path: '"/api/v2/uploads"',
      query: '{ "filename": file.name }',
      file: { as: 'raw' },
    },
    {
      method: 'PUT',
      path: '"/api/v2/tickets/" & $encodeUrlComponent(body.ticket_id)',
      body: `{ "ticket": { "comment": {
        "body": "Attached " & file.name,
        "public": false,
        "uploads": [steps[0].upload.token]
      } } }`,
    },
  ],
  response: 'steps[0].upload.attachment',
};
