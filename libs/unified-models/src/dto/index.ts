import type { UnifiedResourceName } from '../resources';
import {
  CreateAttachmentDto,
  CreateCommentDto,
  UpdateAttachmentDto,
  UpdateCommentDto,
} from './conversation.dto';
import type { DtoClass } from './decorators';
import {
  CreateAccountDto,
  CreateContactDto,
  CreateTeamDto,
  CreateUserDto,
  UpdateAccountDto,
  UpdateContactDto,
  UpdateTeamDto,
  UpdateUserDto,
} from './people.dto';
import {
  CreateCollectionDto,
  CreateFieldDto,
  CreateOrganizationDto,
  CreateTagDto,
  CreateWorkspaceDto,
  UpdateCollectionDto,
  UpdateFieldDto,
  UpdateOrganizationDto,
  UpdateTagDto,
  UpdateWorkspaceDto,
} from './structure.dto';
import { CreateTaskDto, CreateTaskListDto, UpdateTaskDto, UpdateTaskListDto } from './tasks.dto';
import {
  CreateTicketDto,
  CreateTicketPriorityDto,
  CreateTicketStatusDto,
  CreateTicketTypeDto,
  UpdateTicketDto,
  UpdateTicketPriorityDto,
  UpdateTicketStatusDto,
  UpdateTicketTypeDto,
} from './tickets.dto';

export * from './common.dto';
export * from './conversation.dto';
export type { DtoClass } from './decorators';
export { DateTimeField } from './decorators';
export * from './people.dto';
export * from './structure.dto';
export * from './tasks.dto';
export * from './tickets.dto';
export { UpdateOf } from './update-of';

/** Resource name → class-validator DTO of its create body (for a generic `POST /{resource}`). */
export const CREATE_DTOS = {
  accounts: CreateAccountDto,
  attachments: CreateAttachmentDto,
  collections: CreateCollectionDto,
  comments: CreateCommentDto,
  contacts: CreateContactDto,
  fields: CreateFieldDto,
  organizations: CreateOrganizationDto,
  tags: CreateTagDto,
  task_lists: CreateTaskListDto,
  tasks: CreateTaskDto,
  teams: CreateTeamDto,
  ticket_priorities: CreateTicketPriorityDto,
  ticket_status: CreateTicketStatusDto,
  ticket_types: CreateTicketTypeDto,
  tickets: CreateTicketDto,
  users: CreateUserDto,
  workspaces: CreateWorkspaceDto,
} as const satisfies Record<UnifiedResourceName, DtoClass>;

/** Resource name → class-validator DTO of its update body (for a generic `PATCH /{resource}/{id}`). */
export const UPDATE_DTOS = {
  accounts: UpdateAccountDto,
  attachments: UpdateAttachmentDto,
  collections: UpdateCollectionDto,
  comments: UpdateCommentDto,
  contacts: UpdateContactDto,
  fields: UpdateFieldDto,
  organizations: UpdateOrganizationDto,
  tags: UpdateTagDto,
  task_lists: UpdateTaskListDto,
  tasks: UpdateTaskDto,
  teams: UpdateTeamDto,
  ticket_priorities: UpdateTicketPriorityDto,
  ticket_status: UpdateTicketStatusDto,
  ticket_types: UpdateTicketTypeDto,
  tickets: UpdateTicketDto,
  users: UpdateUserDto,
  workspaces: UpdateWorkspaceDto,
} as const satisfies Record<UnifiedResourceName, DtoClass>;
