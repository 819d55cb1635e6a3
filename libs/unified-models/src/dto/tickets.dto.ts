import {
  ActorReferenceDto,
  CollectionReferenceDto,
  PriorityReferenceDto,
  ReferenceDto,
  StatusReferenceDto,
} from './common.dto';
import {
  BooleanField,
  DateOrDateTimeField,
  DateTimeField,
  NestedArrayField,
  NestedField,
  ObjectField,
  StringArrayField,
  StringField,
  UrlField,
} from './decorators';
import { UpdateOf } from './update-of';

export class CreateTicketDto {
  @StringField({ required: true })
  name!: string;

  @StringField()
  number?: string | null;

  @NestedArrayField(() => ReferenceDto)
  assignees?: ReferenceDto[] | null;

  @NestedField(() => StatusReferenceDto)
  status?: StatusReferenceDto | null;

  @NestedField(() => ActorReferenceDto)
  created_by?: ActorReferenceDto | null;

  @DateOrDateTimeField()
  due_date?: string | null;

  @StringField()
  description?: string | null;

  @NestedField(() => ReferenceDto)
  workspace?: ReferenceDto | null;

  @NestedField(() => ReferenceDto)
  team?: ReferenceDto | null;

  @NestedArrayField(() => CollectionReferenceDto)
  collections?: CollectionReferenceDto[] | null;

  @NestedArrayField(() => ReferenceDto)
  conversations?: ReferenceDto[] | null;

  @NestedField(() => ReferenceDto)
  ticket_type?: ReferenceDto | null;

  @NestedField(() => ReferenceDto)
  contact?: ReferenceDto | null;

  @NestedArrayField(() => ReferenceDto)
  additional_contacts?: ReferenceDto[] | null;

  @NestedField(() => ReferenceDto)
  account?: ReferenceDto | null;

  @NestedField(() => ReferenceDto)
  parent_ticket?: ReferenceDto | null;

  @NestedArrayField(() => ReferenceDto)
  attachments?: ReferenceDto[] | null;

  @NestedArrayField(() => ReferenceDto)
  tags?: ReferenceDto[] | null;

  @DateTimeField()
  completed_at?: string | null;

  @UrlField()
  ticket_url?: string | null;

  @NestedField(() => PriorityReferenceDto)
  priority?: PriorityReferenceDto | null;

  @StringArrayField()
  languages?: string[] | null;

  @BooleanField()
  is_unread?: boolean | null;

  @NestedField(() => ReferenceDto)
  source?: ReferenceDto | null;

  @ObjectField()
  custom_fields?: Record<string, unknown> | null;
}

export class UpdateTicketDto extends UpdateOf(CreateTicketDto) {}

export class CreateTicketStatusDto {
  @StringField({ required: true })
  name!: string;

  @StringField()
  description?: string | null;
}

export class UpdateTicketStatusDto extends UpdateOf(CreateTicketStatusDto) {}

export class CreateTicketPriorityDto {
  @StringField({ required: true })
  name!: string;

  @StringField()
  description?: string | null;
}

export class UpdateTicketPriorityDto extends UpdateOf(CreateTicketPriorityDto) {}

export class CreateTicketTypeDto {
  @StringField({ required: true })
  name!: string;

  @StringField()
  description?: string | null;

  @StringField()
  project?: string | null;
}

export class UpdateTicketTypeDto extends UpdateOf(CreateTicketTypeDto) {}
