import { ValidateIf } from 'class-validator';
import { ACTOR_TYPES } from '../enums';
import type { ActorType } from '../enums';
import { ActorReferenceDto, ReferenceDto } from './common.dto';
import {
  BooleanField,
  InField,
  NestedArrayField,
  NestedField,
  SizeField,
  StringField,
  UrlField,
} from './decorators';
import { UpdateOf } from './update-of';

export class CreateCommentDto {
  @NestedField(() => ActorReferenceDto)
  author?: ActorReferenceDto | null;

  @NestedField(() => ActorReferenceDto)
  receiver?: ActorReferenceDto | null;

  /** Required unless `html_body` is given. */
  @ValidateIf((dto: CreateCommentDto) => dto.body != null || dto.html_body == null)
  @StringField({ required: true })
  body?: string | null;

  @StringField()
  html_body?: string | null;

  @NestedField(() => ReferenceDto, { required: true })
  ticket!: ReferenceDto;

  @NestedArrayField(() => ReferenceDto)
  attachments?: ReferenceDto[] | null;

  @BooleanField()
  is_internal?: boolean | null;

  @BooleanField()
  is_private?: boolean | null;

  @NestedField(() => ReferenceDto)
  channel?: ReferenceDto | null;
}

export class UpdateCommentDto extends UpdateOf(CreateCommentDto) {}

export class CreateAttachmentDto {
  @StringField({ required: true })
  file_name!: string;

  @StringField()
  ticket_id?: string | null;

  @SizeField()
  size?: number | null;

  @UrlField()
  file_url?: string | null;

  @StringField()
  content_type?: string | null;

  @StringField()
  uploaded_by?: string | null;

  @InField(ACTOR_TYPES)
  uploaded_by_type?: ActorType | null;
}

export class UpdateAttachmentDto extends UpdateOf(CreateAttachmentDto) {}
