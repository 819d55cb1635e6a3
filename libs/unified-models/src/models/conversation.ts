import type { ActorType } from '../enums';
import type { ActorReference, Nullable, Reference, Timestamps, UnifiedRecordBase } from './common';

/** A message on a ticket: a reply between a user and a contact, or an internal note. */
export interface Comment extends UnifiedRecordBase, Timestamps {
  author?: Nullable<ActorReference>;
  receiver?: Nullable<ActorReference>;
  body?: Nullable<string>;
  html_body?: Nullable<string>;
  ticket?: Nullable<Reference>;
  attachments?: Nullable<Reference[]>;
  is_internal?: Nullable<boolean>;
  is_private?: Nullable<boolean>;
  channel?: Nullable<Reference>;
}

/** A file attached to a ticket or a comment. */
export interface Attachment extends UnifiedRecordBase, Timestamps {
  file_name?: Nullable<string>;
  ticket_id?: Nullable<string>;
  /** Bytes. */
  size?: Nullable<number>;
  file_url?: Nullable<string>;
  content_type?: Nullable<string>;
  uploaded_by?: Nullable<string>;
  uploaded_by_type?: Nullable<ActorType>;
}
