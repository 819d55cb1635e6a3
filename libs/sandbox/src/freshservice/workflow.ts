/**
 * Freshservice sends webhooks from Workflow Automator only ("Trigger Webhook" action), with the body an
 * administrator writes from placeholders. These are the bodies docs/providers/freshservice.md asks admins
 * to configure; the emulator renders them on the writes that would fire those workflows. Freshservice
 * signs nothing: each workflow adds the connection's secret as a custom header.
 */
import type { ProviderObject } from '../kit/described';

export const FRESHSERVICE_SECRET_HEADER = 'X-Freshservice-Webhook-Secret';

export type WorkflowEvent = 'ticket_created' | 'ticket_updated' | 'ticket_deleted';

/** One template for the three workflows: only the event differs. */
export const FRESHSERVICE_WEBHOOK_TEMPLATE =
  '{"freshservice_webhook":{"event":"{{event}}","ticket_id":"{{ticket.id_numeric}}","updated_at":"{{ticket.updated_at}}"}}';

/** Changes the "ticket is updated" workflow listens for; anything else (subject, tags) fires nothing. */
const OBSERVED = ['status', 'priority', 'type', 'group_id', 'responder_id', 'department_id', 'due_by'];

export function observedChange(before: ProviderObject, after: ProviderObject): boolean {
  return OBSERVED.some((field) => before[field] !== after[field]);
}

/** The body of one workflow's delivery: the template with its placeholders filled in. */
export function workflowPayload(event: WorkflowEvent, ticket: ProviderObject): ProviderObject {
  const values: Record<string, string> = {
    event,
    'ticket.id_numeric': String(ticket.id),
    'ticket.updated_at': String(ticket.updated_at),
  };
  const rendered = FRESHSERVICE_WEBHOOK_TEMPLATE.replace(
    /\{\{\s*([a-z_.]+)\s*\}\}/g,
    (_m, name: string) => values[name] ?? '',
  );
  return JSON.parse(rendered) as ProviderObject;
}
