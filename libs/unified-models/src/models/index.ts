import type { UnifiedResourceName } from '../resources';
import type { Attachment, Comment } from './conversation';
import type { Account, Contact, Team, User } from './people';
import type { Collection, Field, Organization, Tag, Workspace } from './structure';
import type { Task, TaskList } from './tasks';
import type { Ticket, TicketPriority, TicketStatus, TicketType } from './tickets';

export * from './common';
export * from './conversation';
export * from './people';
export * from './structure';
export * from './tasks';
export * from './tickets';

/** Resource name → record type. */
export interface UnifiedRecordMap {
  accounts: Account;
  attachments: Attachment;
  collections: Collection;
  comments: Comment;
  contacts: Contact;
  fields: Field;
  organizations: Organization;
  tags: Tag;
  task_lists: TaskList;
  tasks: Task;
  teams: Team;
  ticket_priorities: TicketPriority;
  ticket_status: TicketStatus;
  ticket_types: TicketType;
  tickets: Ticket;
  users: User;
  workspaces: Workspace;
}

export type UnifiedRecord<N extends UnifiedResourceName = UnifiedResourceName> = UnifiedRecordMap[N];
