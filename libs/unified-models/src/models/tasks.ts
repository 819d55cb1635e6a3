import type {
  IsoDateOrDateTime,
  Nullable,
  Reference,
  StatusReference,
  Timestamps,
  UnifiedRecordBase,
} from './common';

/** A smaller piece of work inside a ticket (checklist item, sub-task). */
export interface Task extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  assignees?: Nullable<Reference[]>;
  description?: Nullable<string>;
  due_date?: Nullable<IsoDateOrDateTime>;
  ticket?: Nullable<Reference>;
  task_list?: Nullable<Reference>;
  status?: Nullable<StatusReference>;
}

/** A list of Tasks on a ticket. */
export interface TaskList extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  ticket?: Nullable<Reference>;
  tasks?: Nullable<Reference[]>;
}
