/**
 * One Freshservice service desk (`acme.freshservice.com`), seeded with objects shaped as its API v2
 * serves them (https://api.freshservice.com/#view_a_ticket and siblings): integer ids, ISO-8601 UTC
 * times in whole seconds, requesters with first/last names and `primary_email`, agents with
 * `member_of` groups, departments with `domains`.
 */
import type { ProviderObject } from '../kit/described';
import { freshserviceTicketFields } from './seed-fields';

export { freshserviceTicketFields };
export const FRESHSERVICE_SEED_DOMAIN = 'acme';
export const FRESHSERVICE_SEED_API_KEY = 'fs-demo-api-key';

const WORKSPACE = 2;
/** May 2026, day `day` (later days roll into June), in Freshservice's whole-second UTC form. */
const at = (day: number, hour = 9) =>
  new Date(Date.UTC(2026, 4, day, hour)).toISOString().replace('.000Z', 'Z');
const DEPARTMENT_OF: Record<number, number> = { 3000001: 7000001, 3000002: 7000002, 3000003: 7000002 };

export function freshserviceDepartments(): ProviderObject[] {
  return [
    [7000001, 'Finance', 'Accounts payable and payroll', ['finance.acme.test']],
    [7000002, 'Engineering', 'Product engineering', ['eng.acme.test', 'dev.acme.test']],
  ].map(([id, name, description, domains], i) => ({
    id,
    name,
    description,
    head_user_id: null,
    prime_user_id: null,
    domains,
    custom_fields: { cost_centre: null },
    created_at: at(1 + i),
    updated_at: at(1 + i, 10),
  }));
}

export function freshserviceGroups(): ProviderObject[] {
  return [
    [5000001, 'Service Desk', 'First line', [4000001, 4000002]],
    [5000002, 'Network Team', 'Routers, VPN and Wi-Fi', [4000003]],
  ].map(([id, name, description, members], i) => ({
    id,
    name,
    description,
    escalate_to: null,
    unassigned_for: '30m',
    business_hours_id: null,
    members,
    observers: [],
    leaders: [],
    restricted: false,
    approval_required: false,
    auto_ticket_assign: false,
    workspace_id: WORKSPACE,
    created_at: at(1 + i),
    updated_at: at(1 + i, 11),
  }));
}

export function freshserviceAgents(): ProviderObject[] {
  return [
    [4000001, 'Priya', 'Nair', 'priya.nair@acme.test', [5000001], true],
    [4000002, 'Tom', 'Okafor', 'tom.okafor@acme.test', [5000001], true],
    [4000003, 'Lena', 'Berg', 'lena.berg@acme.test', [5000002], false],
  ].map(([id, first_name, last_name, email, member_of, active], i) => ({
    id,
    first_name,
    last_name,
    occasional: false,
    active,
    email,
    job_title: 'IT Support',
    work_phone_number: null,
    mobile_phone_number: null,
    department_ids: [],
    reporting_manager_id: null,
    time_zone: 'Europe/London',
    language: 'en',
    location_id: null,
    scoreboard_level_id: 1,
    member_of,
    observer_of: [],
    roles: [{ role_id: 9000001, assignment_scope: 'entire_helpdesk', groups: [] }],
    last_login_at: at(20 + i),
    last_active_at: at(20 + i, 12),
    has_logged_in: true,
    custom_fields: {},
    created_at: at(1 + i),
    updated_at: at(2 + i),
  }));
}

export function freshserviceRequesters(): ProviderObject[] {
  return [
    [
      3000001,
      'Ana',
      'Souza',
      'ana.souza@acme.test',
      ['ana@personal.test'],
      '+44 20 7946 0101',
      7000001,
      true,
    ],
    [3000002, 'Ben', 'Cole', 'ben.cole@acme.test', [], null, 7000002, true],
    [3000003, 'Chen', 'Wei', 'chen.wei@acme.test', [], '+44 20 7946 0103', 7000002, true],
    [3000004, 'Dana', null, 'dana@acme.test', [], null, null, false],
  ].map(([id, first_name, last_name, primary_email, secondary_emails, phone, dept, active], i) => ({
    id,
    first_name,
    last_name,
    job_title: null,
    primary_email,
    secondary_emails,
    work_phone_number: phone,
    mobile_phone_number: null,
    department_ids: dept ? [dept] : [],
    can_see_all_tickets_from_associated_departments: false,
    reporting_manager_id: null,
    address: null,
    time_zone: 'Europe/London',
    time_format: '24h',
    language: 'en',
    location_id: null,
    background_information: i === 0 ? 'Prefers e-mail' : null,
    custom_fields: { employee_id: null },
    active,
    has_logged_in: active,
    is_agent: false,
    vip_user: false,
    created_at: at(3 + i),
    updated_at: at(4 + i),
  }));
}

type TicketSeed = [
  id: number,
  subject: string,
  status: number,
  priority: number,
  requester: number,
  responder: number | null,
  group: number | null,
  type: string,
  day: number,
  deleted?: boolean,
];

const TICKETS: TicketSeed[] = [
  [1, 'Laptop will not boot', 2, 3, 3000001, 4000001, 5000001, 'Incident', 5],
  [2, 'VPN drops every hour', 3, 2, 3000002, 4000003, 5000002, 'Incident', 7],
  [3, 'New starter: accounts for Chen', 4, 2, 3000003, 4000002, 5000001, 'Service Request', 9],
  [4, 'Printer on floor 2 jams', 5, 1, 3000001, null, null, 'Incident', 11],
  [5, 'Access to finance share', 2, 4, 3000001, 4000002, 5000001, 'Service Request', 13],
  [6, 'Wi-Fi slow in meeting rooms', 2, 2, 3000003, null, 5000002, 'Incident', 15],
  [7, 'Monitor request', 6, 1, 3000002, 4000001, 5000001, 'Service Request', 17],
  [8, 'Duplicate of #1', 5, 1, 3000001, null, null, 'Incident', 19, true],
];

export function freshserviceTickets(): ProviderObject[] {
  return TICKETS.map(([id, subject, status, priority, requester, responder, group, type, day, deleted]) => ({
    id,
    workspace_id: WORKSPACE,
    subject,
    description: `<div>${subject}.</div>`,
    description_text: `${subject}.`,
    group_id: group,
    requester_id: requester,
    requested_for_id: requester,
    responder_id: responder,
    source: id % 3 === 0 ? 2 : 1,
    status,
    priority,
    type,
    urgency: 1,
    impact: 1,
    category: type === 'Incident' ? 'Hardware' : null,
    sub_category: null,
    item_category: null,
    department_id: DEPARTMENT_OF[requester] ?? null,
    due_by: at(day + 3),
    fr_due_by: at(day + 1),
    fr_escalated: false,
    is_escalated: false,
    spam: false,
    deleted: deleted === true,
    cc_emails: [],
    fwd_emails: [],
    reply_cc_emails: [],
    to_emails: null,
    tags: id === 2 ? ['network', 'vpn'] : [],
    attachments: [],
    custom_fields: { asset_tag: null },
    created_at: at(day),
    updated_at: at(day + 1, 10),
    stats: {
      first_responded_at: at(day, 10),
      resolved_at: status >= 4 && status <= 5 ? at(day + 1) : null,
      closed_at: status === 5 ? at(day + 1, 10) : null,
      status_updated_at: at(day + 1, 10),
      pending_since: status === 3 ? at(day + 1) : null,
      opened_at: null,
      agent_responded_at: at(day, 10),
      requester_responded_at: null,
    },
  }));
}

/** Ticket 1 has a thread (e-mail in, reply, private note, requester answer); ticket 2 one note. */
export function freshserviceConversations(): ProviderObject[] {
  const rows: [number, number, number, boolean, boolean, number, string][] = [
    [6000001, 1, 3000001, true, false, 0, 'It shows a black screen after the logo.'],
    [6000002, 1, 4000001, false, false, 0, 'Could you hold the power button for 30 seconds?'],
    [6000003, 1, 4000001, false, true, 2, 'Likely the SSD, order a spare.'],
    [6000004, 1, 3000001, true, false, 0, 'Tried that, still black.'],
    [6000005, 2, 4000003, false, true, 2, 'Keepalive timeout on the concentrator.'],
  ];
  return rows.map(([id, ticket, user, incoming, isPrivate, source, text], i) => ({
    id,
    user_id: user,
    to_emails: incoming ? ['support@acme.freshservice.com'] : [],
    from_email: null,
    cc_emails: [],
    bcc_emails: [],
    body: `<div>${text}</div>`,
    body_text: text,
    ticket_id: ticket,
    incoming,
    private: isPrivate,
    source,
    support_email: null,
    attachments: [],
    created_at: at(5 + ticket, 10 + i),
    updated_at: at(5 + ticket, 10 + i),
  }));
}

/** The account's workspaces: IT (the primary one, where the seeded tickets are) and HR. */
export function freshserviceWorkspaces(): ProviderObject[] {
  return [
    [2, 'IT', 'IT service desk', 'it', true],
    [3, 'HR', 'People team requests', 'hr', false],
  ].map(([id, name, description, template_name, primary], i) => ({
    id,
    name,
    description,
    state: 'active',
    primary,
    template_name,
    restricted: false,
    created_at: at(1 + i),
    updated_at: at(1 + i, 10),
  }));
}

/** Ticket 1 has two tasks (one done), ticket 3 one. Status: 1 Open, 2 In Progress, 3 Completed. */
export function freshserviceTasks(): ProviderObject[] {
  const rows: [number, number, string, number, number | null][] = [
    [8000001, 1, 'Order a replacement SSD', 3, 4000001],
    [8000002, 1, 'Restore the user profile', 1, 4000002],
    [8000003, 3, 'Create the AD account', 2, null],
  ];
  return rows.map(([id, ticket, title, status, agent], i) => ({
    id,
    ticket_id: ticket,
    agent_id: agent,
    group_id: null,
    status,
    due_date: at(10 + i),
    notify_before: 3600,
    title,
    description: `${title}.`,
    created_at: at(6 + i),
    updated_at: at(6 + i, 11),
    closed_at: status === 3 ? at(7 + i) : null,
    workspace_id: WORKSPACE,
  }));
}
