import { createHmac, randomUUID } from 'node:crypto';
import { newNumericDeliveryId } from '../kit/delivery-ids';
import type { WebhookEmitter } from '../kit/webhook-emitter';
import type { ZdComment, ZdOrganization, ZdTicket, ZdUser } from './model';

const EVENT_VERSION = '2022-11-06';
const WEBHOOK_ID = '01JEMULATORZENDESKWEBHOOK1';

/** One change inside a ticket event: Zendesk sends each as its own delivery. */
interface TicketChange {
  type: string;
  event: Record<string, unknown>;
}

/**
 * Emits Zendesk event-subscription webhooks (https://developer.zendesk.com/api-reference/webhooks/event-types/):
 * `{type: "zen:event-type:…", account_id, id, time, zendesk_event_version, subject, detail, event}`,
 * signed as Zendesk signs them: base64(HMAC-SHA256(secret, timestamp + body)), the timestamp in
 * `x-zendesk-webhook-signature-timestamp`, a fresh `x-zendesk-webhook-invocation-id` per delivery.
 */
export class ZendeskEventPublisher {
  constructor(
    private readonly emitter: WebhookEmitter,
    private readonly accountId: number,
    private readonly now: () => Date,
  ) {}

  ticketCreated(ticket: ZdTicket, actorId: number): void {
    this.ticketEvents(ticket, actorId, [{ type: 'ticket.created', event: {} }]);
  }

  ticketDeleted(ticket: ZdTicket, actorId: number): void {
    this.ticketEvents(ticket, actorId, [{ type: 'ticket.soft_deleted', event: {} }]);
  }

  /** One event per changed property (and one for a new comment), as Zendesk reports an update. */
  ticketUpdated(
    before: ZdTicket,
    after: ZdTicket,
    actorId: number,
    comment: ZdComment | undefined,
    author?: ZdUser,
  ): void {
    const changes: TicketChange[] = [];
    const upper = (v: string | null) => (v === null ? null : v.toUpperCase());
    const str = (v: number | null) => (v === null ? null : String(v));
    const diff = (type: string, previous: unknown, current: unknown) => {
      if (JSON.stringify(previous) !== JSON.stringify(current))
        changes.push({ type, event: { current, previous } });
    };
    diff('ticket.status_changed', upper(before.status), upper(after.status));
    diff('ticket.custom_status_changed', String(before.custom_status_id), String(after.custom_status_id));
    diff('ticket.priority_changed', upper(before.priority), upper(after.priority));
    diff('ticket.type_changed', upper(before.type), upper(after.type));
    diff('ticket.subject_changed', before.subject, after.subject);
    diff('ticket.agent_assignment_changed', str(before.assignee_id), str(after.assignee_id));
    diff('ticket.group_assignment_changed', str(before.group_id), str(after.group_id));
    diff('ticket.organization_changed', str(before.organization_id), str(after.organization_id));
    diff('ticket.requester_changed', str(before.requester_id), str(after.requester_id));
    diff('ticket.task_due_at_changed', before.due_at, after.due_at);
    diff('ticket.external_id_changed', before.external_id, after.external_id);
    const added = after.tags.filter((t) => !before.tags.includes(t));
    const removed = before.tags.filter((t) => !after.tags.includes(t));
    if (added.length + removed.length > 0) {
      changes.push({ type: 'ticket.tags_changed', event: { tags_added: added, tags_removed: removed } });
    }
    for (const field of after.custom_fields) {
      const old = before.custom_fields.find((f) => f.id === field.id)?.value ?? null;
      if (JSON.stringify(old) !== JSON.stringify(field.value)) {
        changes.push({
          type: 'ticket.custom_field_changed',
          event: {
            current: { value: field.value },
            previous: { value: old },
            custom_field: { id: String(field.id) },
          },
        });
      }
    }
    if (comment) {
      changes.push({
        type: 'ticket.comment_added',
        event: {
          comment: {
            id: String(comment.id),
            body: comment.body,
            is_public: comment.public,
            author: {
              id: String(comment.author_id),
              is_staff: author?.role !== 'end-user',
              name: author?.name ?? null,
            },
          },
        },
      });
    }
    this.ticketEvents(after, actorId, changes);
  }

  /** `user.created`, `user.deleted`, `user.name_changed`… with Zendesk's short user detail. */
  userEvent(type: string, user: ZdUser, event: Record<string, unknown> = {}): void {
    this.send(
      `zen:user:${user.id}`,
      type,
      {
        created_at: user.created_at,
        email: user.email,
        external_id: '',
        default_group_id: String(user.default_group_id ?? 0),
        id: String(user.id),
        organization_id: String(user.organization_id ?? 0),
        role: user.role,
        updated_at: user.updated_at,
      },
      event,
    );
  }

  organizationEvent(type: string, org: ZdOrganization, event: Record<string, unknown> = {}): void {
    this.send(
      `zen:organization:${org.id}`,
      type,
      {
        created_at: org.created_at,
        external_id: org.external_id,
        group_id: org.group_id === null ? null : String(org.group_id),
        id: String(org.id),
        name: org.name,
        shared_comments: false,
        shared_tickets: false,
        updated_at: org.updated_at,
      },
      event,
    );
  }

  private ticketEvents(ticket: ZdTicket, actorId: number, changes: TicketChange[]): void {
    const sequence = randomUUID().replace(/-/g, '').toUpperCase();
    changes.forEach((change, position) => {
      const event = {
        ...change.event,
        meta: { sequence: { id: sequence, position: position + 1, total: changes.length } },
      };
      this.send(`zen:ticket:${ticket.id}`, change.type, ticketEventDetail(ticket, actorId), event);
    });
  }

  private send(
    subject: string,
    type: string,
    detail: Record<string, unknown>,
    event: Record<string, unknown>,
  ): void {
    const time = this.now().toISOString();
    const payload = {
      account_id: this.accountId,
      detail,
      event,
      id: randomUUID(),
      subject,
      time,
      type: `zen:event-type:${type}`,
      zendesk_event_version: EVENT_VERSION,
    };
    this.emitter.emit(payload, (body, secret) => {
      const timestamp = time.replace(/\.\d{3}Z$/, 'Z');
      return {
        'user-agent': 'Zendesk Webhook',
        'x-zendesk-account-id': String(this.accountId),
        'x-zendesk-webhook-id': WEBHOOK_ID,
        'x-zendesk-webhook-invocation-id': newNumericDeliveryId(),
        'x-zendesk-webhook-signature-timestamp': timestamp,
        'x-zendesk-webhook-signature': signZendesk(secret, timestamp, body),
      };
    });
  }
}

/** Zendesk's webhook signature: base64(HMAC-SHA256(signing secret, timestamp + raw body)). */
export function signZendesk(secret: string, timestamp: string, body: Buffer): string {
  return createHmac('sha256', secret).update(timestamp, 'utf8').update(body).digest('base64');
}

/** A string id as event payloads carry them ("19395"), null kept. */
const sid = (value: number | null): string | null => (value === null ? null : String(value));

/**
 * The `detail` object of Zendesk ticket events: a short snapshot of the ticket with string ids and
 * upper-case enumerations, as Zendesk's ticket-event examples show (`"status": "NEW"`).
 */
export function ticketEventDetail(t: ZdTicket, actorId: number): Record<string, unknown> {
  return {
    actor_id: String(actorId),
    assignee_id: sid(t.assignee_id),
    brand_id: String(t.brand_id),
    created_at: t.created_at,
    custom_status: String(t.custom_status_id),
    description: t.description,
    external_id: t.external_id,
    form_id: sid(t.ticket_form_id),
    group_id: sid(t.group_id),
    id: String(t.id),
    is_public: t.is_public,
    organization_id: sid(t.organization_id),
    priority: t.priority ? t.priority.toUpperCase() : null,
    requester_id: String(t.requester_id),
    status: t.status.toUpperCase(),
    subject: t.subject,
    submitter_id: String(t.submitter_id),
    tags: t.tags.length > 0 ? [...t.tags] : null,
    type: t.type ? t.type.toUpperCase() : null,
    updated_at: t.updated_at,
    via: { channel: t.channel },
  };
}
