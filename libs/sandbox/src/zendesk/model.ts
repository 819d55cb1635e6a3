/**
 * The emulator's in-memory records, in Zendesk's own field names. Serialisers (./serialize.ts) add the
 * derived keys (`url`, `raw_subject`, `fields`…) the API returns, so stored state stays minimal.
 */
export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketType = 'problem' | 'incident' | 'question' | 'task';
export type StatusCategory = 'new' | 'open' | 'pending' | 'hold' | 'solved';
export type UserRole = 'end-user' | 'agent' | 'admin';

export const TICKET_STATUSES: readonly TicketStatus[] = [
  'new',
  'open',
  'pending',
  'hold',
  'solved',
  'closed',
];
export const TICKET_PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
export const TICKET_TYPES: readonly TicketType[] = ['problem', 'incident', 'question', 'task'];

export interface CustomFieldValue {
  id: number;
  value: unknown;
}

export interface ZdTicket {
  id: number;
  external_id: string | null;
  channel: string;
  created_at: string;
  updated_at: string;
  type: TicketType | null;
  subject: string;
  description: string;
  priority: TicketPriority | null;
  status: TicketStatus;
  custom_status_id: number;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  problem_id: number | null;
  is_public: boolean;
  due_at: string | null;
  tags: string[];
  custom_fields: CustomFieldValue[];
  ticket_form_id: number | null;
  brand_id: number;
}

export interface ZdAttachment {
  id: number;
  file_name: string;
  content_type: string;
  size: number;
  inline: boolean;
}

export interface ZdComment {
  id: number;
  ticket_id: number;
  author_id: number;
  body: string;
  html_body: string;
  public: boolean;
  channel: string;
  created_at: string;
  audit_id: number;
  attachments: ZdAttachment[];
}

export interface ZdUser {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  role: UserRole;
  organization_id: number | null;
  default_group_id: number | null;
  active: boolean;
  suspended: boolean;
  verified: boolean;
  details: string;
  notes: string;
  tags: string[];
  user_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** A user as Zendesk creates one with nothing else said: an active, unverified end user. */
export function newEndUser(id: number, name: string, email: string | null, now: string): ZdUser {
  return {
    id,
    name,
    email,
    phone: null,
    role: 'end-user',
    organization_id: null,
    default_group_id: null,
    active: true,
    suspended: false,
    verified: false,
    details: '',
    notes: '',
    tags: [],
    user_fields: {},
    created_at: now,
    updated_at: now,
  };
}

export interface ZdOrganization {
  id: number;
  name: string;
  domain_names: string[];
  details: string;
  notes: string;
  group_id: number | null;
  tags: string[];
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ZdGroup {
  id: number;
  name: string;
  description: string;
  default: boolean;
  is_public: boolean;
  created_at: string;
  updated_at: string;
}

export interface ZdBrand {
  id: number;
  name: string;
  subdomain: string;
  active: boolean;
  default: boolean;
  created_at: string;
  updated_at: string;
}

export interface ZdCustomStatus {
  id: number;
  status_category: StatusCategory;
  agent_label: string;
  end_user_label: string;
  description: string;
  end_user_description: string;
  active: boolean;
  default: boolean;
  created_at: string;
  updated_at: string;
}

export interface FieldOption {
  id?: number;
  name: string;
  value: string;
  default?: boolean;
}

export interface ZdTicketField {
  id: number;
  type: string;
  title: string;
  description: string;
  position: number;
  active: boolean;
  required: boolean;
  visible_in_portal: boolean;
  editable_in_portal: boolean;
  removable: boolean;
  tag: string | null;
  regexp_for_validation: string | null;
  custom_field_options?: FieldOption[];
  system_field_options?: FieldOption[];
  created_at: string;
  updated_at: string;
}

export interface ZdView {
  id: number;
  title: string;
  description: string | null;
  active: boolean;
  position: number;
  conditions: { all: { field: string; operator: string; value: string }[]; any: never[] };
  created_at: string;
  updated_at: string;
}

/** A soft-deleted ticket as `GET /api/v2/deleted_tickets` lists it (restorable for 30 days at Zendesk). */
export interface ZdDeletedTicket {
  id: number;
  subject: string;
  description: string;
  actor: { id: number; name: string };
  deleted_at: string;
  previous_state: TicketStatus;
}

/** Everything the emulator holds; ids are allocated from `nextId` so new records never collide. */
export interface ZendeskState {
  tickets: Map<number, ZdTicket>;
  /** Tickets deleted through the API, until they are restored. */
  deletedTickets: Map<number, ZdDeletedTicket>;
  comments: ZdComment[];
  users: Map<number, ZdUser>;
  organizations: Map<number, ZdOrganization>;
  groups: Map<number, ZdGroup>;
  brands: Map<number, ZdBrand>;
  customStatuses: Map<number, ZdCustomStatus>;
  ticketFields: Map<number, ZdTicketField>;
  views: Map<number, ZdView>;
  /** Files uploaded and not yet attached to a comment, by upload token. */
  uploads: Map<string, ZdUpload>;
  /** The bytes of attachments uploaded through the API (seeded ones have generated bytes). */
  attachmentBytes: Map<number, Buffer>;
  nextId: number;
}

/** An upload token's files: attached by the comment that names the token, gone after 60 minutes. */
export interface ZdUpload {
  attachments: ZdAttachment[];
  expiresAt: number;
}
