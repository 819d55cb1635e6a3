/**
 * One ServiceNow instance (`acme.service-now.com`) seeded with Table API records as they are stored:
 * every value a string, references as sys_ids (`""` when empty), times `YYYY-MM-DD HH:mm:ss` in UTC,
 * sys_ids 32 hexadecimal characters. Incidents use the baseline state, impact/urgency/priority and
 * category choice lists (sys_choice rows below).
 */
import { createHash } from 'node:crypto';
import type { ProviderObject } from '../kit/described';

export const SERVICENOW_SEED_INSTANCE = 'acme';
export const SERVICENOW_SEED_USERNAME = 'svc.integration';
export const SERVICENOW_SEED_PASSWORD = 'sn-demo-password';
export const SERVICENOW_SEED_TOKEN = 'sn-demo-oauth-token';

/** A stable sys_id for the n-th record of a table (seeded or created). */
export const sysId = (table: string, n: number) => createHash('md5').update(`${table}:${n}`).digest('hex');

/** May 2026, day `day`, as ServiceNow stores times. */
export const stamp = (day: number, hour = 9) =>
  new Date(Date.UTC(2026, 4, day, hour))
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');

const system = (table: string, n: number, day: number): ProviderObject => ({
  sys_id: sysId(table, n),
  sys_created_on: stamp(day),
  sys_created_by: 'admin',
  sys_updated_on: stamp(day, 10),
  sys_updated_by: 'admin',
  sys_mod_count: '1',
});

export const USER = (n: number) => sysId('sys_user', n);
export const GROUP = (n: number) => sysId('sys_user_group', n);
export const COMPANY = (n: number) => sysId('core_company', n);

export function serviceNowUsers(): ProviderObject[] {
  return [
    ['svc.integration', 'Integration', 'Service', 'true'],
    ['beth.anglin', 'Beth', 'Anglin', 'true'],
    ['david.loo', 'David', 'Loo', 'true'],
    ['abel.tuter', 'Abel', 'Tuter', 'true'],
    ['fred.luddy', 'Fred', 'Luddy', 'false'],
  ].map(([user_name, first_name, last_name, active], i) => ({
    ...system('sys_user', i + 1, i + 1),
    user_name,
    first_name,
    last_name,
    name: `${first_name} ${last_name}`,
    email: `${user_name}@acme.example`,
    active,
    locked_out: 'false',
    title: i === 0 ? 'Integration user' : 'IT Support',
    phone: '',
    mobile_phone: '',
    company: i < 3 ? COMPANY(1) : COMPANY(2),
    department: '',
    photo: '',
    time_zone: 'Europe/London',
    vip: 'false',
  }));
}

export function serviceNowGroups(): ProviderObject[] {
  return [
    ['Service Desk', 'First line support', 2],
    ['Network', 'Routers, VPN and Wi-Fi', 3],
    ['Hardware', 'Laptops and peripherals', 2],
  ].map(([name, description, manager], i) => ({
    ...system('sys_user_group', i + 1, i + 2),
    name,
    description,
    manager: USER(manager as number),
    email: '',
    active: 'true',
    type: '',
    parent: '',
  }));
}

export function serviceNowCompanies(): ProviderObject[] {
  return [
    ['ACME North America', 'https://www.acme.example', 'true'],
    ['Initech', 'http://initech.example/home', 'true'],
  ].map(([name, website, customer], i) => ({
    ...system('core_company', i + 1, i + 1),
    name,
    website,
    customer,
    vendor: 'false',
    manufacturer: 'false',
    city: '',
    country: 'USA',
    phone: '',
  }));
}

type IncidentSeed = [
  short: string,
  state: string,
  impact: string,
  urgency: string,
  caller: number,
  assignee: number,
  group: number,
  category: string,
  day: number,
];

const INCIDENTS: IncidentSeed[] = [
  ['Email server is down', '2', '1', '1', 3, 2, 1, 'software', 3],
  ['VPN disconnects every hour', '3', '2', '2', 4, 3, 2, 'network', 5],
  ['Laptop screen flickers', '1', '3', '3', 4, 0, 3, 'hardware', 7],
  ['Printer out of toner', '6', '3', '2', 3, 2, 3, 'hardware', 9],
  ['Cannot open the sales report', '7', '2', '3', 5, 2, 1, 'inquiry', 11],
  ['Wi-Fi slow in building B', '2', '2', '1', 3, 3, 2, 'network', 13],
  ['Request: second monitor', '8', '3', '3', 4, 0, 3, 'hardware', 15],
];

/** ServiceNow's default priority lookup from impact and urgency (1 Critical … 5 Planning). */
export function priorityOf(impact: string, urgency: string): string {
  return String(Math.min(5, Math.max(1, Number(impact) + Number(urgency) - 1)));
}

export function serviceNowIncidents(): ProviderObject[] {
  return INCIDENTS.map(([short, state, impact, urgency, caller, assignee, group, category, day], i) => ({
    ...system('incident', i + 1, day),
    sys_mod_count: '3',
    sys_class_name: 'incident',
    number: `INC00100${String(i + 1).padStart(2, '0')}`,
    short_description: short,
    description: `${short}. Reported by phone.`,
    state,
    incident_state: state,
    impact,
    urgency,
    priority: priorityOf(impact, urgency),
    active: ['7', '8'].includes(state) ? 'false' : 'true',
    caller_id: USER(caller),
    opened_by: USER(2),
    opened_at: stamp(day),
    assigned_to: assignee ? USER(assignee) : '',
    assignment_group: GROUP(group),
    company: caller === 5 ? COMPANY(2) : COMPANY(1),
    category,
    subcategory: '',
    contact_type: i % 2 === 0 ? 'phone' : 'email',
    parent: '',
    parent_incident: '',
    due_date: i === 1 ? stamp(day + 7) : '',
    resolved_at: ['6', '7'].includes(state) ? stamp(day + 1) : '',
    resolved_by: ['6', '7'].includes(state) ? USER(2) : '',
    closed_at: state === '7' || state === '8' ? stamp(day + 2) : '',
    close_code: ['6', '7'].includes(state) ? 'Solution provided' : '',
    close_notes: ['6', '7'].includes(state) ? 'Done.' : '',
    comments: '',
    work_notes: '',
    sys_tags: '',
  }));
}

/** Incident 1 has a thread (comment, work note, caller's answer); incident 2 one work note. */
export function serviceNowJournal(): ProviderObject[] {
  const rows: [number, string, string, string, number][] = [
    [1, 'comments', 'beth.anglin', 'We are looking into it.', 1],
    [1, 'work_notes', 'beth.anglin', 'Exchange queue is stuck, restarting transport.', 2],
    [1, 'comments', 'david.loo', 'Still no mail here.', 3],
    [2, 'work_notes', 'david.loo', 'Keepalive timeout on the concentrator.', 1],
  ];
  return rows.map(([incident, element, by, value, hour], i) => ({
    sys_id: sysId('sys_journal_field', i + 1),
    name: 'incident',
    element,
    element_id: sysId('incident', incident),
    value,
    sys_created_on: stamp(3 + incident, 10 + hour),
    sys_created_by: by,
  }));
}

const CHOICES: [element: string, value: string, label: string, sequence: number, hint?: string][] = [
  ['state', '1', 'New', 1],
  ['state', '2', 'In Progress', 2],
  ['state', '3', 'On Hold', 3, 'Awaiting caller, change or vendor'],
  ['state', '6', 'Resolved', 4],
  ['state', '7', 'Closed', 5],
  ['state', '8', 'Canceled', 6],
  ['priority', '1', '1 - Critical', 1],
  ['priority', '2', '2 - High', 2],
  ['priority', '3', '3 - Moderate', 3],
  ['priority', '4', '4 - Low', 4],
  ['priority', '5', '5 - Planning', 5],
  ['impact', '1', '1 - High', 1],
  ['impact', '2', '2 - Medium', 2],
  ['impact', '3', '3 - Low', 3],
  ['urgency', '1', '1 - High', 1],
  ['urgency', '2', '2 - Medium', 2],
  ['urgency', '3', '3 - Low', 3],
  ['category', 'inquiry', 'Inquiry / Help', 1],
  ['category', 'software', 'Software', 2],
  ['category', 'hardware', 'Hardware', 3],
  ['category', 'network', 'Network', 4],
  ['category', 'database', 'Database', 5],
  ['contact_type', 'email', 'Email', 1],
  ['contact_type', 'phone', 'Phone', 2],
  ['contact_type', 'self-service', 'Self-service', 3],
  ['contact_type', 'walk-in', 'Walk-in', 4],
];

export function serviceNowChoices(): ProviderObject[] {
  const rows = CHOICES.map(([element, value, label, sequence, hint], i) => ({
    sys_id: sysId('sys_choice', i + 1),
    name: 'incident',
    element,
    value,
    label,
    hint: hint ?? '',
    sequence: String(sequence),
    inactive: 'false',
    language: 'en',
  }));
  // A retired category stays in the table, inactive.
  rows.push({
    ...rows[rows.length - 5],
    sys_id: sysId('sys_choice', 99),
    value: 'legacy',
    label: 'Legacy',
    inactive: 'true',
  });
  return rows;
}

/** The incident's dictionary: a few baseline columns and one custom (`u_`) column. */
export function serviceNowDictionary(): ProviderObject[] {
  const rows: [element: string, label: string, type: string, extra?: ProviderObject][] = [
    ['', 'Incident', 'collection'],
    ['short_description', 'Short description', 'string', { mandatory: 'true', max_length: '160' }],
    ['description', 'Description', 'string', { max_length: '4000' }],
    ['state', 'State', 'integer', { choice: '3' }],
    ['priority', 'Priority', 'integer', { choice: '1', read_only: 'true' }],
    ['category', 'Category', 'string', { choice: '1' }],
    ['caller_id', 'Caller', 'reference', { reference: 'sys_user', mandatory: 'true' }],
    ['assigned_to', 'Assigned to', 'reference', { reference: 'sys_user' }],
    ['assignment_group', 'Assignment group', 'reference', { reference: 'sys_user_group' }],
    ['company', 'Company', 'reference', { reference: 'core_company' }],
    ['due_date', 'Due date', 'glide_date_time'],
    ['number', 'Number', 'string', { unique: 'true', read_only: 'true' }],
    ['u_vendor_ticket', 'Vendor ticket', 'string', { max_length: '40' }],
  ];
  return rows.map(([element, column_label, internal_type, extra], i) => ({
    ...system('sys_dictionary', i + 1, 1),
    name: 'incident',
    element,
    column_label,
    internal_type,
    max_length: '40',
    mandatory: 'false',
    unique: 'false',
    read_only: 'false',
    active: 'true',
    choice: '0',
    reference: '',
    comments: '',
    ...extra,
  }));
}

/** Two files on incident 1 and one on incident 2, as the Attachment API lists them. */
export function serviceNowAttachments(): ProviderObject[] {
  const rows: [incident: number, file: string, type: string, bytes: number, by: string][] = [
    [1, 'mail-queue.png', 'image/png', 48213, 'beth.anglin'],
    [1, 'transport.log', 'text/plain', 1024, 'beth.anglin'],
    [2, 'vpn-trace.txt', 'text/plain', 8120, 'david.loo'],
  ];
  return rows.map(([incident, file_name, content_type, bytes, by], i) => ({
    ...system('sys_attachment', i + 1, 3 + incident),
    sys_created_by: by,
    sys_updated_by: by,
    file_name,
    content_type,
    size_bytes: String(bytes),
    size_compressed: String(Math.round(bytes / 2)),
    compressed: 'true',
    table_name: 'incident',
    table_sys_id: sysId('incident', incident),
    download_link: '',
    image_width: content_type.startsWith('image/') ? '800' : '',
    image_height: content_type.startsWith('image/') ? '600' : '',
    hash: createHash('sha256').update(file_name).digest('hex'),
  }));
}
