/**
 * Help Scout webhooks: the body is the conversation (threads embedded) or the customer, the event in
 * `X-HelpScout-Event`, and `X-HelpScout-Signature` the base64 HMAC-SHA1 of the body with the secret key.
 */
import { createHmac } from 'node:crypto';
import type { EmulatorContext, EmulatorKit, ProviderObject } from '../kit/described';
import { renderConversation } from './render';

/**
 * The event name of the delivery being built. The kit asks the collection for the payload and then, in
 * the same synchronous call, the description to sign it: the event travels between the two here.
 */
let pendingEvent = '';

export function announceEvent(
  kit: EmulatorKit,
  collection: 'conversations' | 'customers',
  event: string,
  record: ProviderObject,
  ctx: EmulatorContext,
): void {
  pendingEvent = event;
  kit.announce(collection, 'updated', record, ctx);
  pendingEvent = '';
}

/** The payload of a conversation or customer event, as Help Scout posts it. */
export function helpScoutPayload(collection: string, record: ProviderObject, ctx: EmulatorContext): unknown {
  if (!pendingEvent) return undefined; // only writes that Help Scout announces
  return collection === 'conversations' ? renderConversation(record, ctx, true) : record;
}

export function signHelpScoutDelivery(body: Buffer, secret: string): Record<string, string> {
  return {
    'x-helpscout-event': pendingEvent,
    'x-helpscout-signature': createHmac('sha1', secret).update(body).digest('base64'),
  };
}
