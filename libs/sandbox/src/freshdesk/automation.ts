/**
 * Freshdesk sends webhooks only from automation rules ("Trigger webhook" action), with the body an
 * administrator writes using placeholders. These are the bodies docs/providers/freshdesk.md asks admins
 * to configure, one rule each; the emulator renders exactly these templates, placeholder by placeholder,
 * on the writes that would fire those rules. Freshdesk signs nothing: the rule adds the connection's
 * secret as the `X-Freshdesk-Webhook-Secret` header.
 */
import type { ProviderObject } from '../kit/described';

export const FRESHDESK_SECRET_HEADER = 'X-Freshdesk-Webhook-Secret';

/** Rule "on ticket creation" → this body; rules "on ticket updates" → the other two. */
export const FRESHDESK_WEBHOOK_TEMPLATES = {
  ticket_created:
    '{"freshdesk_webhook":{"event":"ticket_created","ticket_id":"{{ticket.id}}","modified_on":"{{ticket.modified_on}}"}}',
  ticket_updated:
    '{"freshdesk_webhook":{"event":"ticket_updated","ticket_id":"{{ticket.id}}","modified_on":"{{ticket.modified_on}}","triggered_event":"{{triggered_event}}"}}',
  ticket_deleted:
    '{"freshdesk_webhook":{"event":"ticket_deleted","ticket_id":"{{ticket.id}}","modified_on":"{{ticket.modified_on}}"}}',
} as const;

export type AutomationEvent = keyof typeof FRESHDESK_WEBHOOK_TEMPLATES;

/**
 * The changes the "ticket updates" rule listens for (Freshdesk's observer events), by the ticket
 * attribute and the name `{{triggered_event}}` gives them. A change to anything else (subject,
 * description, tags) fires no rule, so no webhook.
 */
const OBSERVED: [string, string][] = [
  ['status', 'status'],
  ['priority', 'priority'],
  ['type', 'ticket_type'],
  ['group_id', 'group_id'],
  ['responder_id', 'responder_id'],
  ['due_by', 'due_by'],
];

/** `{{triggered_event}}` as Freshdesk renders it, e.g. `{status:{from:2,to:3}}`; '' when nothing observed. */
export function triggeredEvent(before: ProviderObject, after: ProviderObject): string {
  const parts = OBSERVED.filter(([field]) => before[field] !== after[field]).map(
    ([field, name]) => `${name}:{from:${plain(before[field])},to:${plain(after[field])}}`,
  );
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

/** Liquid renders a time with Rails' default format; the emulator's account is on UTC. */
export function modifiedOn(iso: unknown): string {
  return String(iso)
    .replace('T', ' ')
    .replace(/(\.\d+)?Z$/, ' UTC');
}

/** The body of one rule's delivery: its template with the placeholders filled in. */
export function automationPayload(
  event: AutomationEvent,
  ticket: ProviderObject,
  triggered = '',
): ProviderObject {
  const values: Record<string, string> = {
    'ticket.id': String(ticket.id),
    'ticket.modified_on': modifiedOn(ticket.updated_at),
    triggered_event: triggered,
  };
  const rendered = FRESHDESK_WEBHOOK_TEMPLATES[event].replace(
    /\{\{\s*([a-z_.]+)\s*\}\}/g,
    (_m, name: string) => values[name] ?? '',
  );
  return JSON.parse(rendered) as ProviderObject;
}

function plain(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).replace(/["\\]/g, '');
}
