/**
 * The seeded Freshdesk helpdesk `acme.freshdesk.com`, shaped after the objects of Freshdesk's API v2
 * reference (developers.freshdesk.com/api: Tickets, Conversations, Contacts, Companies, Agents, Groups,
 * Ticket Fields). Freshdesk publishes no machine-readable description, so the reference's examples are
 * the source. Ids are Freshdesk's: tickets carry the helpdesk's small display ids, every other object a
 * large account-wide id. Tickets keep their `stats` and `deleted`/`spam` flags in store; the emulator
 * serves them the way the API does (stats with `include=stats`, trashed tickets out of lists).
 */
import type { ProviderObject } from '../kit/described';

export const FRESHDESK_SEED_DOMAIN = 'acme';
/** An administrator's API key (every privilege). */
export const FRESHDESK_SEED_API_KEY = 'fd-sandbox-admin-key-0123456789';
/** A plain agent's API key: reads and ticket work, but no admin settings (groups, fields): 403 there. */
export const FRESHDESK_SEED_AGENT_API_KEY = 'fd-sandbox-agent-key-9876543210';
export const FRESHDESK_WEB = `https://${FRESHDESK_SEED_DOMAIN}.freshdesk.com`;

const AT = '2026-01-05T09:00:00Z';
const ADMIN = 19000000101;

export const freshdeskCompanies = (): ProviderObject[] =>
  [
    [19000000501, 'Globex Corporation', ['globex.example'], 'Premium'],
    [19000000502, 'Initech', ['initech.example', 'initech.test'], 'Basic'],
    [19000000503, 'Umbrella Health', ['umbrella.example'], 'Premium'],
  ].map(([id, name, domains, tier]) => ({
    id,
    name,
    description: `${String(name)} — customer since 2025`,
    note: null,
    domains,
    created_at: '2025-06-01T08:00:00Z',
    updated_at: '2025-06-01T08:00:00Z',
    custom_fields: {},
    health_score: 'Happy',
    account_tier: tier,
    renewal_date: null,
    industry: null,
  }));

function contact(id: number, name: string, email: string | null, company: number | null, extra = {}) {
  return {
    active: true,
    address: null,
    company_id: company,
    description: null,
    email,
    id,
    job_title: null,
    language: 'en',
    mobile: null,
    name,
    phone: null,
    time_zone: 'Eastern Time (US & Canada)',
    twitter_id: null,
    custom_fields: {},
    facebook_id: null,
    created_at: '2025-09-10T10:00:00Z',
    updated_at: '2025-09-10T10:00:00Z',
    csat_rating: 103,
    preferred_source: 'email',
    other_emails: [],
    unique_external_id: null,
    avatar: null,
    view_all_tickets: false,
    deleted: false,
    other_companies: [],
    tags: [],
    ...extra,
  };
}

/** Nine contacts; the last is in the trash (soft-deleted), which lists leave out. */
export const freshdeskContacts = (): ProviderObject[] => [
  contact(19000001001, 'Rachel Green', 'rachel@globex.example', 19000000501, {
    phone: '+1 555 0101',
    job_title: 'Purchasing',
  }),
  contact(19000001002, 'Monica Geller', 'monica@globex.example', 19000000501, {
    other_emails: ['monica.geller@personal.test'],
  }),
  contact(19000001003, 'Peter Gibbons', 'peter@initech.example', 19000000502, { mobile: '+1 555 0199' }),
  contact(19000001004, 'Milton Waddams', 'milton@initech.example', 19000000502, {
    description: 'Asks about his stapler',
  }),
  contact(19000001005, 'Alice Abernathy', 'alice@umbrella.example', 19000000503),
  contact(19000001006, 'Walk-in Caller', null, null, { phone: '+1 555 0142', active: false }),
  contact(19000001007, 'Joey Tribbiani', 'joey@example.test', null, {
    custom_fields: { loyalty_tier: 'gold' },
  }),
  contact(19000001008, 'Ross Geller', 'ross@example.test', null),
  contact(19000001009, 'Spam Bot', 'bot@spam.test', null, { deleted: true }),
];

function agent(id: number, name: string, email: string, groups: number[], extra = {}) {
  return {
    available: true,
    occasional: false,
    id,
    ticket_scope: 1,
    signature: `<div>${name}<br>Acme Support</div>`,
    group_ids: groups,
    role_ids: [19000000901],
    skill_ids: [],
    available_since: null,
    contact: {
      active: true,
      email,
      job_title: 'Support Agent',
      language: 'en',
      last_login_at: '2026-11-30T08:00:00Z',
      mobile: null,
      name,
      phone: null,
      time_zone: 'Eastern Time (US & Canada)',
      created_at: '2025-01-10T09:00:00Z',
      updated_at: '2026-11-30T08:00:00Z',
    },
    created_at: '2025-01-10T09:00:00Z',
    updated_at: '2026-11-30T08:00:00Z',
    type: 'support_agent',
    focus_mode: true,
    ...extra,
  };
}

export const freshdeskAgents = (): ProviderObject[] => [
  agent(ADMIN, 'Ada Admin', 'ada@acme-support.test', [19000000201], { role_ids: [19000000900] }),
  agent(19000000102, 'Ben Agent', 'ben@acme-support.test', [19000000201, 19000000202]),
  agent(19000000103, 'Chloe Agent', 'chloe@acme-support.test', [19000000202]),
  agent(19000000104, 'Dan Occasional', 'dan@acme-support.test', [], { occasional: true, available: false }),
];

export const freshdeskGroups = (): ProviderObject[] =>
  [
    [19000000201, 'Tier 1', 'First-line support', [ADMIN, 19000000102]],
    [19000000202, 'Billing', 'Invoices and refunds', [19000000102, 19000000103]],
    [19000000203, 'Escalations', 'Engineering hand-offs', []],
  ].map(([id, name, description, agents]) => ({
    id,
    name,
    description,
    escalate_to: null,
    unassigned_for: '30m',
    business_hour_id: null,
    group_type: 'support_agent_group',
    agent_ids: agents,
    auto_ticket_assign: 0,
    created_at: AT,
    updated_at: AT,
  }));

const STATUS_CHOICES = {
  2: ['Open', 'Being Processed'],
  3: ['Pending', 'Awaiting your Reply'],
  4: ['Resolved', 'This ticket has been Resolved'],
  5: ['Closed', 'This ticket has been Closed'],
  6: ['Waiting on Customer', 'Awaiting your Reply'],
  7: ['Waiting on Third Party', 'Being Processed'],
};

export const FRESHDESK_TICKET_TYPES = ['Question', 'Incident', 'Problem', 'Feature Request', 'Refund'];

function field(id: number, name: string, label: string, type: string, extra: ProviderObject = {}) {
  const custom = type.startsWith('custom_') || type === 'nested_field';
  return {
    id,
    name,
    label,
    description: `${label} of the ticket`,
    position: id - 19000000300,
    required_for_closure: false,
    required_for_agents: false,
    type,
    default: !custom,
    customers_can_edit: !custom,
    label_for_customers: label,
    required_for_customers: false,
    displayed_to_customers: true,
    created_at: '2025-01-10T09:00:00Z',
    updated_at: '2025-01-10T09:00:00Z',
    ...extra,
  };
}

export const freshdeskTicketFields = (): ProviderObject[] => [
  field(19000000301, 'requester', 'Search a requester', 'default_requester', {
    required_for_agents: true,
    portal_cc: false,
    portal_cc_to: 'company',
  }),
  field(19000000302, 'subject', 'Subject', 'default_subject', { required_for_agents: true }),
  field(19000000303, 'ticket_type', 'Type', 'default_ticket_type', { choices: FRESHDESK_TICKET_TYPES }),
  field(19000000304, 'source', 'Source', 'default_source', {
    choices: { Email: 1, Portal: 2, Phone: 3, Chat: 7, 'Feedback Widget': 9, 'Outbound Email': 10 },
  }),
  field(19000000305, 'status', 'Status', 'default_status', {
    required_for_agents: true,
    customers_can_edit: false,
    label_for_customers: 'Status',
    choices: STATUS_CHOICES,
  }),
  field(19000000306, 'priority', 'Priority', 'default_priority', {
    required_for_agents: true,
    choices: { Low: 1, Medium: 2, High: 3, Urgent: 4 },
  }),
  field(19000000307, 'group', 'Group', 'default_group', {
    choices: { 'Tier 1': 19000000201, Billing: 19000000202, Escalations: 19000000203 },
  }),
  field(19000000308, 'agent', 'Agent', 'default_agent', {
    choices: { 'Ada Admin': ADMIN, 'Ben Agent': 19000000102, 'Chloe Agent': 19000000103 },
  }),
  field(19000000309, 'description', 'Description', 'default_description', { required_for_agents: true }),
  field(19000000310, 'company', 'Company', 'default_company', { required_for_agents: false }),
  field(19000000311, 'cf_order_number', 'Order number', 'custom_text', { displayed_to_customers: false }),
  field(19000000312, 'cf_refund_reason', 'Refund reason', 'custom_dropdown', {
    required_for_closure: true,
    choices: ['Damaged', 'Late delivery', 'Changed mind'],
  }),
  field(19000000313, 'cf_units', 'Units', 'custom_number'),
];

/** The status choices: which numbers a ticket may carry (the default four and two custom statuses). */
export const FRESHDESK_STATUS_IDS = Object.keys(STATUS_CHOICES).map(Number);

export { freshdeskTickets, freshdeskConversations } from './seed-tickets';
