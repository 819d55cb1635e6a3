import type { ActorType, CollectionType, PriorityCategory, TicketStatusCategory } from '../enums';

/** ISO-8601 / RFC 3339 date-time with a time-zone offset, e.g. `2026-03-01T09:30:00Z`. */
export type IsoDateTime = string;
/** ISO-8601 calendar date (`2026-03-01`) or a date-time with offset. */
export type IsoDateOrDateTime = string;

/**
 * Every field but `id` may be absent or null: absent when the mapping does not produce it, null when the
 * provider has no value (or no such concept).
 */
export type Nullable<T> = T | null;

/** A reference to another unified record. */
export interface Reference {
  id: string;
  name?: Nullable<string>;
}

/** A user, contact or system actor that did something (created a ticket, wrote a comment). */
export interface ActorReference extends Reference {
  type: ActorType;
}

/** The provider's own status plus its unified category. */
export interface StatusReference extends Reference {
  category: TicketStatusCategory;
}

/** The provider's own priority plus its unified category (null when it cannot be ranked). */
export interface PriorityReference extends Reference {
  category?: Nullable<PriorityCategory>;
}

/** A reference to a collection with its type, so epics, sprints and milestones can be told apart. */
export interface CollectionReference extends Reference {
  type?: Nullable<CollectionType>;
}

export interface EmailAddress {
  email: string;
  type?: Nullable<string>;
}

export interface PhoneNumber {
  number: string;
  type?: Nullable<string>;
}

export interface WebUrl {
  url: string;
  type?: Nullable<string>;
}

export interface FieldOption {
  value: string;
  label?: Nullable<string>;
}

/** Values of provider-defined custom fields, keyed by the Field's `name`. */
export type CustomFields = Record<string, unknown>;

/** What every unified record carries. */
export interface UnifiedRecordBase {
  /** The provider's identifier, always a string. */
  id: string;
  /** A hash of the unified record, computed by the engine. */
  etag?: string;
  /** The provider's raw object, unmodified; absent when the caller opts out. */
  remote_data?: unknown;
}

export interface Timestamps {
  created_at?: Nullable<IsoDateTime>;
  updated_at?: Nullable<IsoDateTime>;
}
