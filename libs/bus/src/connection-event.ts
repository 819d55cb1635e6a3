import { uuidShapedHash } from './change-event';

/** What can happen to a connection's authorisation, as `ticketing.connection.{change}` events say. */
export const CONNECTION_CHANGES = ['needs_reauth', 'reauthorized'] as const;
export type ConnectionChange = (typeof CONNECTION_CHANGES)[number];

export interface ConnectionEventData {
  /** The connection's id (also the event's subject). */
  id: string;
  provider: string;
  /** Your own id for the end user, as set when connecting. */
  external_id: string | null;
  auth_status: 'ok' | 'needs_reauth';
  /** Why, for people. */
  reason: string;
}

/** A connection event: CloudEvents 1.0 in structured JSON mode, like change events but without a delivery. */
export interface ConnectionEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  tenantid: string;
  connectionid: string;
  provider: string;
  data: ConnectionEventData;
}

export interface ConnectionEventInput {
  tenantId: string;
  connectionId: string;
  provider: string;
  externalId: string | null;
  change: ConnectionChange;
  /** When the connection's state changed: with the change, what makes the event id (a repeat has the same). */
  time: string;
  reason: string;
}

export function buildConnectionEvent(input: ConnectionEventInput): ConnectionEvent {
  return {
    specversion: '1.0',
    id: uuidShapedHash([input.connectionId, input.change, input.time]),
    source: `/connections/${input.connectionId}`,
    type: `ticketing.connection.${input.change}`,
    subject: input.connectionId,
    time: input.time,
    datacontenttype: 'application/json',
    tenantid: input.tenantId,
    connectionid: input.connectionId,
    provider: input.provider,
    data: {
      id: input.connectionId,
      provider: input.provider,
      external_id: input.externalId,
      auth_status: input.change === 'needs_reauth' ? 'needs_reauth' : 'ok',
      reason: input.reason,
    },
  };
}

/** Where connection events go: the connections topic, keyed by connection (one connection's events in order). */
export async function publishConnectionEvent(
  producer: { publish(topic: string, messages: { key: string; value: string }[]): Promise<void> },
  input: ConnectionEventInput,
): Promise<ConnectionEvent> {
  const event = buildConnectionEvent(input);
  await producer.publish('ticketing.connections.v1', [
    { key: input.connectionId, value: JSON.stringify(event) },
  ]);
  return event;
}
