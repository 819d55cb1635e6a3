import { createHash } from 'node:crypto';

export type ChangeAction = 'created' | 'updated' | 'deleted';

/**
 * A unified change event: CloudEvents 1.0 in structured JSON mode. Extension attributes carry the
 * tenant, connection and provider (CloudEvents extension names are lower-case alphanumerics).
 */
export interface UnifiedChangeEvent<TData = Record<string, unknown>> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema?: string;
  tenantid: string;
  connectionid: string;
  provider: string;
  deliveryid: string;
  data: TData;
}

export interface ChangeEventInput<TData> {
  tenantId: string;
  connectionId: string;
  provider: string;
  deliveryId: string;
  /** Unified resource name in singular form, e.g. `ticket`. */
  entity: string;
  action: ChangeAction;
  remoteId: string;
  time: string;
  data: TData;
}

/**
 * The id depends only on what identifies the change (connection, delivery, entity, remote id), so a
 * delivery processed twice yields the same id and consumers can deduplicate.
 */
export function deterministicEventId(parts: {
  connectionId: string;
  deliveryId: string;
  entity: string;
  remoteId: string;
}): string {
  return uuidShapedHash([parts.connectionId, parts.deliveryId, parts.entity, parts.remoteId]);
}

/**
 * SHA-256 of the parts, shaped as a UUID (version nibble 5-like) for consumers that store event ids in
 * UUID columns: the same parts always give the same id.
 */
export function uuidShapedHash(parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function buildChangeEvent<TData>(input: ChangeEventInput<TData>): UnifiedChangeEvent<TData> {
  return {
    specversion: '1.0',
    id: deterministicEventId(input),
    source: `/connections/${input.connectionId}`,
    type: `ticketing.${input.entity}.${input.action}`,
    subject: input.remoteId,
    time: input.time,
    datacontenttype: 'application/json',
    tenantid: input.tenantId,
    connectionid: input.connectionId,
    provider: input.provider,
    deliveryid: input.deliveryId,
    data: input.data,
  };
}

/** Kafka key of a change event: one record's events share a partition and so stay in order. */
export function changeEventKey(connectionId: string, remoteId: string): string {
  return `${connectionId}:${remoteId}`;
}
