import { EmailDto, PhoneDto, ReferenceDto } from './common.dto';
import {
  BooleanField,
  NestedArrayField,
  ObjectField,
  StringArrayField,
  StringField,
  UrlField,
} from './decorators';
import { UpdateOf } from './update-of';

export class CreateUserDto {
  @StringField()
  name?: string | null;

  @StringField()
  first_name?: string | null;

  @StringField()
  last_name?: string | null;

  @StringField()
  username?: string | null;

  @NestedArrayField(() => EmailDto)
  emails?: EmailDto[] | null;

  @BooleanField()
  is_active?: boolean | null;

  @StringArrayField()
  team_ids?: string[] | null;

  @UrlField()
  avatar?: string | null;

  @NestedArrayField(() => ReferenceDto)
  roles?: ReferenceDto[] | null;
}

export class UpdateUserDto extends UpdateOf(CreateUserDto) {}

export class CreateContactDto {
  @StringField()
  first_name?: string | null;

  @StringField()
  last_name?: string | null;

  @StringField()
  name?: string | null;

  @NestedArrayField(() => EmailDto)
  emails?: EmailDto[] | null;

  @NestedArrayField(() => PhoneDto)
  phones?: PhoneDto[] | null;

  @StringField()
  details?: string | null;

  @StringField()
  account_id?: string | null;

  @ObjectField()
  custom_fields?: Record<string, unknown> | null;

  @BooleanField()
  is_active?: boolean | null;
}

export class UpdateContactDto extends UpdateOf(CreateContactDto) {}

export class CreateAccountDto {
  @StringField({ required: true })
  name!: string;

  @StringArrayField()
  domains?: string[] | null;
}

export class UpdateAccountDto extends UpdateOf(CreateAccountDto) {}

export class CreateTeamDto {
  @StringField({ required: true })
  name!: string;

  @StringField()
  description?: string | null;
}

export class UpdateTeamDto extends UpdateOf(CreateTeamDto) {}
