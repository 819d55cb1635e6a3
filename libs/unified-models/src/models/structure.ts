import type { CollectionType } from '../enums';
import type { FieldOption, Nullable, Reference, Timestamps, UnifiedRecordBase, WebUrl } from './common';

/** The company using the ticketing system. */
export interface Organization extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
}

/** Top-level subdivision: project, repository, base, space… */
export interface Workspace extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  status?: Nullable<string>;
  description?: Nullable<string>;
}

/** A grouping of tickets or contacts: project, list, epic, milestone, sprint… */
export interface Collection extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  description?: Nullable<string>;
  type?: Nullable<CollectionType>;
  parent_collection_id?: Nullable<string>;
  urls?: Nullable<WebUrl[]>;
  workspace?: Nullable<Reference>;
  entity_type?: Nullable<string>;
}

/** A label used to classify tickets. */
export interface Tag extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  color?: Nullable<string>;
  workspace?: Nullable<Reference>;
  status?: Nullable<string>;
  parent?: Nullable<Reference>;
}

/** Definition of a system or custom attribute of an entity. */
export interface Field extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  label?: Nullable<string>;
  description?: Nullable<string>;
  type?: Nullable<string>;
  format?: Nullable<string>;
  is_hidden?: Nullable<boolean>;
  is_unique?: Nullable<boolean>;
  is_required?: Nullable<boolean>;
  options?: Nullable<FieldOption[]>;
  is_user_defined?: Nullable<boolean>;
  entity_type?: Nullable<string>;
  entity_id?: Nullable<string>;
  applicable_in?: Nullable<string>;
  applicable_for?: Nullable<string>;
  ticket_type?: Nullable<string>;
  status?: Nullable<string>;
}
