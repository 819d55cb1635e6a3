/**
 * Message examples of the AsyncAPI document, built with the producers' own functions
 * (buildChangeEvent, encodeRawWebhook) so that they have the shape of real messages. The unit tests
 * validate each one against its message.
 */
import { entityNameOf, EXAMPLE_RECORDS, type UnifiedResourceName } from '@app/unified-models';
import { buildChangeEvent, type ChangeEventAction } from '../change-event';
import { buildConnectionEvent, type ConnectionChange } from '../connection-event';
import type { DeadLetterRecord } from '../dead-letter';
import type { RawWebhookRecord } from '../raw-webhook';
import { TOPICS } from '../topics';
import { changeEventType } from './topic-contracts';

const CONNECTION = '3f0c9a52-7d1e-4b8a-9c61-2e5f4d7a8b90';
const TENANT = '8d2b6f14-0a3c-4e59-b7d8-61c2f9e0a4d3';
const DELIVERY = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
const RECEIVED_AT = '2026-02-03T15:42:11.031Z';
/** A synced event's `deliveryid` names the sync job (and page) that read the record, not a provider delivery. */
const SYNC_DELIVERY = 'sync:5b1e2c7a-4f0d-4c3e-9a8b-1d2e3f4a5b6c';

export interface MessageExample {
  name: string;
  summary: string;
  payload: unknown;
}

/** The provider's own object, as `remote_data` carries it (shortened). */
const REMOTE_DATA = { id: 10042, key: 'PAY-42', fields: { summary: 'Checkout fails with 502' } };

export function changeEventExample(resource: UnifiedResourceName, action: ChangeEventAction): MessageExample {
  const record = EXAMPLE_RECORDS[resource] as { id: string };
  const data = action === 'deleted' ? { id: record.id } : { ...record, remote_data: REMOTE_DATA };
  return {
    name: changeEventType(resource, action).replace(/\./g, '-'),
    summary:
      action === 'deleted'
        ? 'A deletion where the provider sent only the id'
        : action === 'synced'
          ? 'A record read by a snapshot (sync job), with the provider object in remote_data'
          : 'Every contract field, with the provider object in remote_data',
    payload: buildChangeEvent({
      tenantId: TENANT,
      connectionId: CONNECTION,
      provider: 'jira',
      deliveryId: action === 'synced' ? SYNC_DELIVERY : DELIVERY,
      entity: entityNameOf(resource),
      action,
      remoteId: record.id,
      time: RECEIVED_AT,
      data,
    }),
  };
}

const RAW: RawWebhookRecord = {
  deliveryId: DELIVERY,
  connectionId: CONNECTION,
  tenantId: TENANT,
  provider: 'github',
  receivedAt: RECEIVED_AT,
  headers: {
    'content-type': 'application/json',
    'x-github-event': 'issues',
    'x-github-delivery': DELIVERY,
    'x-hub-signature-256': 'sha256=3c7f5c0e0bd1cbd5b1b7aa2d8a0e6f6dd0e1f9b59d5c4f1f3b1f5e2a7d9c8b6a',
  },
  body: '{"action":"opened","issue":{"number":1,"title":"Spelling error in the README file"}}',
};

export const RAW_WEBHOOK_EXAMPLE: MessageExample = {
  name: 'github-issues-opened',
  summary: 'A GitHub "issues" delivery (body shortened)',
  payload: RAW,
};

const DEAD_LETTER: DeadLetterRecord = {
  code: 'unmapped_event',
  reason: 'no event mapping of github matches the delivery (x-github-event=star)',
  failedAt: '2026-02-03T15:42:11.207Z',
  source: { topic: TOPICS.rawWebhooks, partition: 1, offset: '4711' },
  original: { ...RAW, headers: { ...RAW.headers, 'x-github-event': 'star' }, body: '{"action":"created"}' },
};

export const DEAD_LETTER_EXAMPLE: MessageExample = {
  name: 'unmapped-event',
  summary: 'A delivery of an event the provider definition does not map',
  payload: DEAD_LETTER,
};

export function connectionEventExample(change: ConnectionChange): MessageExample {
  return {
    name: `ticketing-connection-${change.replace(/_/g, '-')}`,
    summary:
      change === 'needs_reauth'
        ? 'Zendesk refused to refresh the tokens of an OAuth connection'
        : 'The end user connected the account again',
    payload: buildConnectionEvent({
      tenantId: TENANT,
      connectionId: CONNECTION,
      provider: 'zendesk',
      externalId: 'customer-42',
      change,
      time: RECEIVED_AT,
      reason:
        change === 'needs_reauth'
          ? 'zendesk refused to refresh the tokens (invalid_grant)'
          : 'the end user connected the account again',
    }),
  };
}
