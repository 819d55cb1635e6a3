import type {
  CustomFields,
  EmailAddress,
  Nullable,
  PhoneNumber,
  Reference,
  Timestamps,
  UnifiedRecordBase,
} from './common';

/** A person who uses the ticketing system: agent, team member, admin… */
export interface User extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  first_name?: Nullable<string>;
  last_name?: Nullable<string>;
  username?: Nullable<string>;
  emails?: Nullable<EmailAddress[]>;
  is_active?: Nullable<boolean>;
  team_ids?: Nullable<string[]>;
  avatar?: Nullable<string>;
  roles?: Nullable<Reference[]>;
}

/** An external person you are in contact with (customer, requester). */
export interface Contact extends UnifiedRecordBase, Timestamps {
  first_name?: Nullable<string>;
  last_name?: Nullable<string>;
  name?: Nullable<string>;
  emails?: Nullable<EmailAddress[]>;
  phones?: Nullable<PhoneNumber[]>;
  details?: Nullable<string>;
  account_id?: Nullable<string>;
  custom_fields?: Nullable<CustomFields>;
  is_active?: Nullable<boolean>;
}

/** A company you are in contact with; has Contacts. */
export interface Account extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  domains?: Nullable<string[]>;
}

/** A group of Users (team, group, agent group). */
export interface Team extends UnifiedRecordBase, Timestamps {
  name?: Nullable<string>;
  description?: Nullable<string>;
}
