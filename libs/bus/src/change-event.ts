import { createHash } from 'node:crypto';

/** What a provider delivery (or a poll) can say happened to a record. */
export type ChangeAction = 'created' | 'updated' | 'deleted';

/**
 * The action part of a change event's type: a change, or `synced` — the record as a snapshot read it
 * (POST /connections/{id}/syncs), which says nothing about whether or when it changed.
 */
export type ChangeEventAction = ChangeAction | 'synced';

export const CHANGE_EVENT_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'synced',
] as const satisfies readonly ChangeEventAction[];

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
  /**
   * Extension: present (and true) only when `data` carries just what the delivery itself said, because the
   * record could not be fetched any more (see docs/events.md, "Partial events").
   */
  partial?: true;
  data: TData;
}

export interface ChangeEventInput<TData> {
  tenantId: string;
  connectionId: string;
  provider: string;
  deliveryId: string;
  /** Unified resource name in singular form, e.g. `ticket`. */
  entity: string;
  action: ChangeEventAction;
  remoteId: string;
  time: string;
  data: TData;
  /** `data` holds only what the delivery said (the record was gone when fetched). */
  partial?: boolean;
  /**
   * Tells apart two events one delivery yields about one record (the deletion a thin event's 404
   * implies, beside the partial event): joined to the id's parts so that each keeps its own stable id.
   */
  variant?: string;
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
  variant?: string;
}): string {
  const base = [parts.connectionId, parts.deliveryId, parts.entity, parts.remoteId];
  return uuidShapedHash(parts.variant ? [...base, parts.variant] : base);
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
    ...(input.partial ? { partial: true as const } : {}),
    data: input.data,
  };
}

/** Kafka key of a change event: one record's events share a partition and so stay in order. */
export function changeEventKey(connectionId: string, remoteId: string): string {
  return `${connectionId}:${remoteId}`;
}
