import { ACTOR_TYPES, COLLECTION_TYPES, PRIORITY_CATEGORIES, TICKET_STATUS_CATEGORIES } from '../enums';
import type { ActorType, CollectionType, PriorityCategory, TicketStatusCategory } from '../enums';
import { EmailField, InField, StringField, UrlField } from './decorators';

/** `{id, name}`: points at another record. Writes only need `id`. */
export class ReferenceDto {
  @StringField({ required: true })
  id!: string;

  @StringField()
  name?: string | null;
}

export class ActorReferenceDto extends ReferenceDto {
  @InField(ACTOR_TYPES, { required: true })
  type!: ActorType;
}

/** Writes select a status by the provider's `id`; `category` is accepted but derived on reads. */
export class StatusReferenceDto extends ReferenceDto {
  @InField(TICKET_STATUS_CATEGORIES)
  category?: TicketStatusCategory | null;
}

export class PriorityReferenceDto extends ReferenceDto {
  @InField(PRIORITY_CATEGORIES)
  category?: PriorityCategory | null;
}

export class CollectionReferenceDto extends ReferenceDto {
  @InField(COLLECTION_TYPES)
  type?: CollectionType | null;
}

export class EmailDto {
  @EmailField()
  email!: string;

  @StringField()
  type?: string | null;
}

export class PhoneDto {
  @StringField({ required: true })
  number!: string;

  @StringField()
  type?: string | null;
}

export class UrlDto {
  @UrlField({ required: true })
  url!: string;

  @StringField()
  type?: string | null;
}

export class FieldOptionDto {
  @StringField({ required: true })
  value!: string;

  @StringField()
  label?: string | null;
}
