import { COLLECTION_TYPES } from '../enums';
import type { CollectionType } from '../enums';
import { FieldOptionDto, ReferenceDto, UrlDto } from './common.dto';
import { BooleanField, InField, NestedArrayField, NestedField, StringField } from './decorators';
import { UpdateOf } from './update-of';

export class CreateOrganizationDto {
  @StringField({ required: true })
  name!: string;
}

export class UpdateOrganizationDto extends UpdateOf(CreateOrganizationDto) {}

export class CreateWorkspaceDto {
  @StringField({ required: true })
  name!: string;

  @StringField()
  status?: string | null;

  @StringField()
  description?: string | null;
}

export class UpdateWorkspaceDto extends UpdateOf(CreateWorkspaceDto) {}

export class CreateCollectionDto {
  @StringField({ required: true })
  name!: string;

  @StringField()
  description?: string | null;

  @InField(COLLECTION_TYPES)
  type?: CollectionType | null;

  @StringField()
  parent_collection_id?: string | null;

  @NestedArrayField(() => UrlDto)
  urls?: UrlDto[] | null;

  @NestedField(() => ReferenceDto)
  workspace?: ReferenceDto | null;

  @StringField()
  entity_type?: string | null;
}

export class UpdateCollectionDto extends UpdateOf(CreateCollectionDto) {}

export class CreateTagDto {
  @StringField({ required: true })
  name!: string;

  @StringField()
  color?: string | null;

  @NestedField(() => ReferenceDto)
  workspace?: ReferenceDto | null;

  @StringField()
  status?: string | null;

  @NestedField(() => ReferenceDto)
  parent?: ReferenceDto | null;
}

export class UpdateTagDto extends UpdateOf(CreateTagDto) {}

export class CreateFieldDto {
  @StringField({ required: true })
  name!: string;

  @StringField()
  label?: string | null;

  @StringField()
  description?: string | null;

  @StringField()
  type?: string | null;

  @StringField()
  format?: string | null;

  @BooleanField()
  is_hidden?: boolean | null;

  @BooleanField()
  is_unique?: boolean | null;

  @BooleanField()
  is_required?: boolean | null;

  @NestedArrayField(() => FieldOptionDto)
  options?: FieldOptionDto[] | null;

  @BooleanField()
  is_user_defined?: boolean | null;

  @StringField()
  entity_type?: string | null;

  @StringField()
  entity_id?: string | null;

  @StringField()
  applicable_in?: string | null;

  @StringField()
  applicable_for?: string | null;

  @StringField()
  ticket_type?: string | null;

  @StringField()
  status?: string | null;
}

export class UpdateFieldDto extends UpdateOf(CreateFieldDto) {}
