import type { CorpusDelivery } from '../corpus';
import type { CorpusOutcome } from '../demo/conformance-profile';

/**
 * What each Zendesk delivery of the shared corpus must become, from its event type: ticket events are
 * tickets (thin: fetched, or published partial with the deletion when the ticket is gone), an attachment
 * linked to a comment is an attachment, messaging events change their ticket, and a trigger webhook with
 * the documented `ticket_id` body is a ticket update (created only when it says so).
 */
export function zendeskCorpusOutcome(delivery: CorpusDelivery): CorpusOutcome | undefined {
  const body = delivery.json as { type?: string; ticket_id?: unknown; action?: string };
  const type = body.type?.replace(/^zen:event-type:/, '');
  if (type === undefined)
    return body.ticket_id !== undefined
      ? { kind: 'changes', resources: [`tickets:${body.action === 'created' ? 'created' : 'updated'}`] }
      : undefined;
  if (type === 'ticket.attachment_linked_to_comment')
    return { kind: 'changes', resources: ['attachments:created'] };
  if (type === 'ticket.comment_added') return { kind: 'changes', resources: ['comments:created'] };
  if (['ticket.soft_deleted', 'ticket.permanently_deleted', 'ticket.marked_as_spam'].includes(type))
    return { kind: 'changes', resources: ['tickets:deleted'] };
  if (type.startsWith('ticket.') || type.startsWith('messaging_ticket.'))
    return {
      kind: 'changes',
      resources: [`tickets:${['ticket.created', 'ticket.undeleted'].includes(type) ? 'created' : 'updated'}`],
    };
  return undefined;
}
