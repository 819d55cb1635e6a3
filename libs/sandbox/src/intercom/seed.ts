/**
 * The seeded Intercom workspace, shaped after the objects and examples of Intercom's OpenAPI description
 * (version 2.16): admins, teams, tags, ticket types with their attributes, ticket states, companies and
 * contacts. Tickets and their parts are in `seed-tickets.ts`. Times are Unix seconds, as Intercom's are;
 * Intercom ids are strings (numeric for most objects, 24 hex digits for contacts and companies).
 */
import type { ProviderObject } from '../kit/described';

export const INTERCOM_SEED_TOKEN = 'dG9rOmFjbWUtc2FuZGJveDo5OTEyNjc0NjA6MTpzYW5kYm94';
/** A token of the same workspace without write scopes: writes answer 403 `forbidden`. */
export const INTERCOM_READ_ONLY_TOKEN = 'dG9rOmFjbWUtc2FuZGJveDo5OTEyNjc0NjE6MDpyZWFkb25seQ==';
export const INTERCOM_WORKSPACE_ID = 'qx7k2m4p';
export const INTERCOM_SEED_ADMIN_ID = '991267460';
/** The ticket type and contact the demo connection uses when a created ticket names none. */
export const INTERCOM_SEED_TICKET_TYPE_ID = '67';
export const INTERCOM_SEED_CONTACT_ID = '6762f0d01bb69f9f2193bb01';
export const T0 = 1734537000;

const admin = (id: number, name: string, teams: number[], job: string, role = 'Support Agent') => ({
  type: 'admin',
  email: `${name.split(' ')[0].toLowerCase()}@acme.example`,
  id: String(id),
  name,
  job_title: job,
  away_mode_enabled: id === 991267463,
  away_mode_reassign: false,
  away_status_reason_id: null,
  has_inbox_seat: true,
  team_ids: teams,
  avatar: `https://static.intercomassets.com/avatars/${id}/square_128/avatar.png`,
  team_priority_level: { primary_team_ids: teams.slice(0, 1), secondary_team_ids: teams.slice(1) },
  role: { type: 'role', id: role === 'Admin' ? '1' : '2', name: role },
});

export const intercomAdmins = (): ProviderObject[] => [
  admin(991267460, 'Amara Okafor', [991267900], 'Support Lead', 'Admin'),
  admin(991267461, 'Liu Wei', [991267900, 991267901], 'Support Engineer'),
  admin(991267462, 'Sofia Ramos', [991267901], 'Billing Specialist'),
  admin(991267463, 'Jonas Berg', [991267902], 'Engineer'),
  admin(991267464, 'Priya Nair', [991267902], 'Engineer'),
  admin(991267465, 'Mateo Silva', [], 'Account Manager'),
];

const team = (id: number, name: string, admins: number[], limit: number | null) => ({
  type: 'team',
  id: String(id),
  name,
  admin_ids: admins,
  admin_priority_level: { primary_admin_ids: admins.slice(0, 1), secondary_admin_ids: admins.slice(1) },
  assignment_limit: limit,
  distribution_method: limit === null ? null : 'round_robin',
});

export const intercomTeams = (): ProviderObject[] => [
  team(991267900, 'Support', [991267460, 991267461], 10),
  team(991267901, 'Billing', [991267461, 991267462], null),
  team(991267902, 'Engineering', [991267463, 991267464], 5),
];

export const intercomTags = (): ProviderObject[] =>
  ['VIP', 'Bug', 'Refund', 'Onboarding', 'Churn risk', 'Feature request'].map((name, i) => ({
    type: 'tag',
    id: String(102 + i),
    name,
  }));

/** States belong to the workspace; `ticket_type_ids` (emulator only) says which types use each. */
const state = (id: number, category: string, internal: string, external: string, types: string[]) => ({
  type: 'ticket_state',
  id: String(id),
  category,
  internal_label: internal,
  external_label: external,
  archived: false,
  ticket_type_ids: types,
});

const ALL_TYPES = ['67', '68', '69', '70'];
export const intercomTicketStates = (): ProviderObject[] => [
  state(8321, 'submitted', 'Submitted', 'Submitted', ALL_TYPES),
  state(8322, 'in_progress', 'In progress', 'In progress', ALL_TYPES),
  state(8323, 'waiting_on_customer', 'Waiting on customer', 'Waiting on you', ALL_TYPES),
  state(8324, 'resolved', 'Resolved', 'Resolved', ALL_TYPES),
  state(8325, 'in_progress', 'With Dev Team', 'In progress', ['69', '70']),
];

const attribute = (
  id: number,
  type: number,
  name: string,
  required: boolean,
  extra: Partial<ProviderObject> = {},
) => ({
  type: 'ticket_type_attribute',
  id: String(id),
  workspace_id: INTERCOM_WORKSPACE_ID,
  name,
  description: '',
  data_type: 'string',
  input_options: { multiline: name === '_default_description_' },
  order: 0,
  required_to_create: required,
  required_to_create_for_contacts: false,
  visible_on_create: true,
  visible_to_contacts: true,
  default: name.startsWith('_default_'),
  ticket_type_id: type,
  archived: false,
  created_at: T0 + 60,
  updated_at: T0 + 60,
  ...extra,
});

/** A ticket type as stored: the attributes are its own; its states are joined from the ticket states. */
export const ticketType = (
  id: number,
  name: string,
  description: string,
  category: string,
  icon: string,
  attributes: ProviderObject[] = [],
  at = T0 + 60,
): ProviderObject => ({
  type: 'ticket_type',
  id: String(id),
  name,
  description,
  icon,
  workspace_id: INTERCOM_WORKSPACE_ID,
  archived: false,
  created_at: at,
  updated_at: at,
  is_internal: false,
  ticket_type_attributes: {
    type: 'list',
    data: [
      attribute(id * 3 - 36, id, '_default_title_', true, { created_at: at, updated_at: at }),
      attribute(id * 3 - 35, id, '_default_description_', false, { created_at: at, updated_at: at }),
      ...attributes,
    ],
  },
  category,
});

export const intercomTicketTypes = (): ProviderObject[] => [
  ticketType(67, 'Bug Report', 'Something in the product does not work', 'Customer', '🐞', [
    attribute(500, 67, 'Severity', false, { data_type: 'list', input_options: { list_options: [] } }),
  ]),
  ticketType(68, 'Billing Question', 'Invoices, refunds and plan changes', 'Customer', '💳'),
  ticketType(69, 'Engineering Task', 'Work handed to the engineering team', 'Back-office', '🛠️'),
  ticketType(70, 'Incident Tracker', 'One outage, many customer reports', 'Tracker', '🚨'),
];
