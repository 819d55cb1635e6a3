import type { WebhookDefinition } from '../definition';

const type = 'body.type';
const isEvent = (name: string) => `${type} = "zen:event-type:${name}"`;
const isTicketEvent = `$substringBefore(${type}, ".") = "zen:event-type:ticket"`;

/**
 * Zendesk webhooks: event subscriptions (`zen:event-type:*`, https://developer.zendesk.com/api-reference/webhooks/event-types/)
 * and trigger/automation webhooks whose body the account writes (we document a thin `{ticket_id, action}` template).
 * Signed as base64(HMAC-SHA256(secret, TIMESTAMP + BODY)), timestamp in its own header (ISO-8601).
 */
export const zendeskWebhooks: WebhookDefinition = {
  // A webhook subscribed to the ticket, user and organization event types this definition maps; Zendesk
  // chooses its signing secret, read back after creating it.
  registration: {
    create: {
      path: '"/api/v2/webhooks"',
      body:
        '{"webhook": {"name": "Unified ticketing", "endpoint": url, "http_method": "POST", "request_format": "json", "status": "active", ' +
        '"subscriptions": ["zen:event-type:ticket.created", "zen:event-type:ticket.status_changed", "zen:event-type:ticket.comment_added", ' +
        '"zen:event-type:ticket.soft_deleted", "zen:event-type:ticket.permanently_deleted", ' +
        '"zen:event-type:ticket.attachment_linked_to_comment", ' +
        '"zen:event-type:user.created", "zen:event-type:user.deleted", "zen:event-type:user.details_changed", ' +
        '"zen:event-type:user.name_changed", "zen:event-type:user.active_changed", "zen:event-type:user.role_changed", ' +
        '"zen:event-type:user.identity_changed", "zen:event-type:user.group_membership_created", ' +
        '"zen:event-type:user.group_membership_deleted", "zen:event-type:organization.created", ' +
        '"zen:event-type:organization.deleted", "zen:event-type:organization.name_changed", ' +
        '"zen:event-type:organization.tags_changed", "zen:event-type:organization.custom_field_changed"]}}',
      hookId: 'body.webhook.id',
    },
    secret: { path: '"/api/v2/webhooks/" & hookId & "/signing_secret"', value: 'body.signing_secret.secret' },
    get: { path: '"/api/v2/webhooks/" & hookId' },
    remove: { path: '"/api/v2/webhooks/" & hookId' },
  },
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'x-zendesk-webhook-signature',
    encoding: 'base64',
    signedContent: [{ part: 'header', name: 'x-zendesk-webhook-signature-timestamp' }, { part: 'body' }],
    // Zendesk retries for a while; five minutes either way bounds replays without refusing slow deliveries.
    timestamp: { header: 'x-zendesk-webhook-signature-timestamp', format: 'iso8601', toleranceSeconds: 300 },
  },
  deliveryIdHeader: 'x-zendesk-webhook-invocation-id',
  // Help Center, community, agent availability and routing events say nothing about tickets or people.
  ignore: `$exists(${type}) and $not($substringBefore($substringAfter(${type}, "zen:event-type:"), ".") in ["ticket", "messaging_ticket", "user", "organization"])`,
  events: [
    {
      description:
        'ticket.soft_deleted, ticket.permanently_deleted, ticket.marked_as_spam: the ticket is gone',
      match: `${type} in ["zen:event-type:ticket.soft_deleted", "zen:event-type:ticket.permanently_deleted", "zen:event-type:ticket.marked_as_spam"]`,
      resource: 'tickets',
      action: '"deleted"',
      object: 'body.detail',
    },
    {
      description: 'ticket.comment_added: a comment (public reply or internal note) on a ticket',
      match: isEvent('ticket.comment_added'),
      resource: 'comments',
      action: '"created"',
      // The event's comment does not name its ticket; the envelope does (detail.id).
      object: '$merge([body.event.comment, {"ticket_id": body.detail.id}])',
    },
    {
      description: 'ticket.attachment_linked_to_comment: a file attached to a ticket comment',
      match: isEvent('ticket.attachment_linked_to_comment'),
      resource: 'attachments',
      action: '"created"',
      object:
        '$merge([body.event.comment.attachment, {"ticket_id": body.detail.id, "comment_id": body.event.comment.id}])',
    },
    {
      description:
        'every other ticket.* event (created, status/priority/assignee/tags/field changes, undeleted, merged…): ' +
        'the detail is a short snapshot, so the full ticket is fetched',
      match: isTicketEvent,
      resource: 'tickets',
      action: `${type} in ["zen:event-type:ticket.created", "zen:event-type:ticket.undeleted"] ? "created" : "updated"`,
      object: 'body.detail',
      fetchId: 'body.detail.id',
    },
    {
      description: 'messaging_ticket.* (messages added in messaging conversations): the ticket changed',
      match: `$substringBefore(${type}, ".") = "zen:event-type:messaging_ticket"`,
      resource: 'tickets',
      action: '"updated"',
      object: 'body.detail',
      fetchId: 'body.detail.id',
    },
    {
      description: 'user.deleted for end users: a contact is gone',
      match: `${isEvent('user.deleted')} and body.detail.role = "end-user"`,
      resource: 'contacts',
      action: '"deleted"',
      object: 'body.detail',
    },
    {
      description: 'user.deleted for agents and admins',
      match: isEvent('user.deleted'),
      resource: 'users',
      action: '"deleted"',
      object: 'body.detail',
    },
    {
      description: 'other user.* events of end users (the detail has no name: fetched)',
      match: `$substringBefore(${type}, ".") = "zen:event-type:user" and body.detail.role = "end-user"`,
      resource: 'contacts',
      action: `${isEvent('user.created')} ? "created" : "updated"`,
      object: 'body.detail',
      fetchId: 'body.detail.id',
    },
    {
      description: 'other user.* events of agents and admins (fetched)',
      match: `$substringBefore(${type}, ".") = "zen:event-type:user"`,
      resource: 'users',
      action: `${isEvent('user.created')} ? "created" : "updated"`,
      object: 'body.detail',
      fetchId: 'body.detail.id',
    },
    {
      description: 'organization.deleted: an account is gone',
      match: isEvent('organization.deleted'),
      resource: 'accounts',
      action: '"deleted"',
      object: 'body.detail',
    },
    {
      description: 'other organization.* events (fetched: the detail has no domains)',
      match: `$substringBefore(${type}, ".") = "zen:event-type:organization"`,
      resource: 'accounts',
      action: `${isEvent('organization.created')} ? "created" : "updated"`,
      object: 'body.detail',
      fetchId: 'body.detail.id',
    },
    {
      description:
        'trigger/automation webhook with the documented thin body {"ticket_id": "{{ticket.id}}", "action": "created|updated"}',
      match: `$not($exists(${type})) and $exists(body.ticket_id)`,
      resource: 'tickets',
      action: 'body.action = "created" ? "created" : "updated"',
      object: 'body',
      fetchId: '$string(body.ticket_id)',
    },
  ],
};
