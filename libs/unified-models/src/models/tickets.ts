import type {
  ActorReference,
  CollectionReference,
  CustomFields,
  IsoDateOrDateTime,
  IsoDateTime,
  Nullable,
  PriorityReference,
  Reference,
  StatusReference,
  Timestamps,
  UnifiedRecordBase,
} from './common';

/** The core resource: a piece of work to carry out (issue, task, work item, support request). */
export interface Ticket extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  number?: Nullable<string>;
  assignees?: Nullable<Reference[]>;
  status?: Nullable<StatusReference>;
  created_by?: Nullable<ActorReference>;
  due_date?: Nullable<IsoDateOrDateTime>;
  description?: Nullable<string>;
  workspace?: Nullable<Reference>;
  team?: Nullable<Reference>;
  collections?: Nullable<CollectionReference[]>;
  conversations?: Nullable<Reference[]>;
  ticket_type?: Nullable<Reference>;
  contact?: Nullable<Reference>;
  additional_contacts?: Nullable<Reference[]>;
  account?: Nullable<Reference>;
  parent_ticket?: Nullable<Reference>;
  attachments?: Nullable<Reference[]>;
  tags?: Nullable<Reference[]>;
  completed_at?: Nullable<IsoDateTime>;
  ticket_url?: Nullable<string>;
  priority?: Nullable<PriorityReference>;
  languages?: Nullable<string[]>;
  is_unread?: Nullable<boolean>;
  source?: Nullable<Reference>;
  custom_fields?: Nullable<CustomFields>;
}

/** A status a ticket can have in the provider. Its unified category appears on `Ticket.status`. */
export interface TicketStatus extends UnifiedRecordBase {
  name?: Nullable<string>;
  description?: Nullable<string>;
}

/** A priority a ticket can have in the provider. Its unified category appears on `Ticket.priority`. */
export interface TicketPriority extends UnifiedRecordBase {
  name?: Nullable<string>;
  description?: Nullable<string>;
}

/** A kind of ticket: bug, feature, incident, question… */
export interface TicketType extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  description?: Nullable<string>;
  project?: Nullable<string>;
}
