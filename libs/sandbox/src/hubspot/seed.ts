/**
 * A HubSpot account (portal 24681357) with Service Hub: owners and teams, two ticket pipelines, the
 * ticket properties, contacts and companies. Shapes follow HubSpot's CRM v3 reference examples: every
 * property value is a string, ids are numeric strings, times ISO-8601 with milliseconds.
 */
import type { ProviderObject } from '../kit/described';

export const HUBSPOT_SEED_TOKEN = 'pat-na1-5e1d7c2a-0b3f-4c7e-9a1d-2f6b8e4c0d13';
export const HUBSPOT_SEED_PORTAL_ID = '24681357';

const at = (day: number, hour = 9) =>
  `2026-0${1 + Math.floor(day / 28)}-${String(1 + (day % 28)).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:30.512Z`;

export const hubspotOwners = (): ProviderObject[] =>
  [
    ['110001', 'maya.okafor@northwind.test', 'Maya', 'Okafor', 2001, ['3001']],
    ['110002', 'lukas.brandt@northwind.test', 'Lukas', 'Brandt', 2002, ['3001', '3002']],
    ['110003', 'ines.duarte@northwind.test', 'Ines', 'Duarte', 2003, ['3002']],
    ['110004', 'sam.whitfield@northwind.test', 'Sam', 'Whitfield', 2004, []],
  ].map(([id, email, firstName, lastName, userId, teams], i) => ({
    id,
    email,
    type: 'PERSON',
    firstName,
    lastName,
    userId,
    userIdIncludingInactive: userId,
    createdAt: at(i),
    updatedAt: at(i + 3),
    archived: false,
    teams: (teams as string[]).map((team, n) => ({
      id: team,
      name: team === '3001' ? 'Support' : 'Billing',
      primary: n === 0,
    })),
  }));

export const hubspotTeams = (): ProviderObject[] => [
  { id: '3001', name: 'Support', userIds: ['2001', '2002'], secondaryUserIds: [] },
  { id: '3002', name: 'Billing', userIds: ['2003'], secondaryUserIds: ['2002'] },
];

const stage = (id: string, label: string, order: number, state: 'OPEN' | 'CLOSED') => ({
  label,
  displayOrder: order,
  metadata: { ticketState: state, isClosed: String(state === 'CLOSED') },
  id,
  createdAt: at(0, 8),
  updatedAt: at(0, 8),
  archived: false,
  writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
});

export const hubspotPipelines = (): ProviderObject[] => [
  {
    label: 'Support Pipeline',
    displayOrder: 0,
    id: '0',
    stages: [
      stage('1', 'New', 0, 'OPEN'),
      stage('2', 'Waiting on contact', 1, 'OPEN'),
      stage('3', 'Waiting on us', 2, 'OPEN'),
      stage('4', 'Closed', 3, 'CLOSED'),
    ],
    createdAt: at(0, 8),
    updatedAt: at(0, 8),
    archived: false,
  },
  {
    label: 'Escalations',
    displayOrder: 1,
    id: '7265180',
    stages: [stage('7265181', 'Triage', 0, 'OPEN'), stage('7265182', 'Resolved', 1, 'CLOSED')],
    createdAt: at(2, 8),
    updatedAt: at(2, 8),
    archived: false,
  },
];

const option = (value: string, label: string, displayOrder: number) => ({
  label,
  value,
  description: '',
  displayOrder,
  hidden: false,
});

const property = (
  name: string,
  label: string,
  type: string,
  fieldType: string,
  options: ReturnType<typeof option>[] = [],
  hubspotDefined = true,
): ProviderObject => ({
  updatedAt: at(0, 7),
  createdAt: at(0, 7),
  name,
  label,
  type,
  fieldType,
  description: '',
  groupName: 'ticketinformation',
  options,
  displayOrder: -1,
  calculated: false,
  externalOptions: false,
  hasUniqueValue: false,
  hidden: false,
  ...(hubspotDefined ? { hubspotDefined: true } : {}),
  modificationMetadata: {
    archivable: !hubspotDefined,
    readOnlyDefinition: hubspotDefined,
    readOnlyValue: false,
  },
  formField: true,
});

export const hubspotTicketProperties = (): ProviderObject[] => [
  property('subject', 'Ticket name', 'string', 'text'),
  property('content', 'Ticket description', 'string', 'textarea'),
  property('hs_pipeline', 'Pipeline', 'enumeration', 'select'),
  property('hs_pipeline_stage', 'Ticket status', 'enumeration', 'select'),
  property('hs_ticket_priority', 'Priority', 'enumeration', 'select', [
    option('LOW', 'Low', 0),
    option('MEDIUM', 'Medium', 1),
    option('HIGH', 'High', 2),
    option('URGENT', 'Urgent', 3),
  ]),
  property('hs_ticket_category', 'Category', 'enumeration', 'checkbox', [
    option('PRODUCT_ISSUE', 'Product issue', 0),
    option('BILLING_ISSUE', 'Billing issue', 1),
    option('FEATURE_REQUEST', 'Feature request', 2),
    option('GENERAL_INQUIRY', 'General inquiry', 3),
  ]),
  property('hubspot_owner_id', 'Ticket owner', 'enumeration', 'select'),
  property('source_type', 'Source', 'enumeration', 'select', [
    option('EMAIL', 'Email', 0),
    option('CHAT', 'Chat', 1),
    option('PHONE', 'Phone', 2),
    option('FORM', 'Form', 3),
  ]),
  property('closed_date', 'Close date', 'datetime', 'date'),
  property('createdate', 'Create date', 'datetime', 'date'),
  property('hs_lastmodifieddate', 'Last modified date', 'datetime', 'date'),
  property(
    'plan_tier',
    'Plan tier',
    'enumeration',
    'select',
    [option('starter', 'Starter', 0), option('pro', 'Pro', 1)],
    false,
  ),
];

export const hubspotContacts = (): ProviderObject[] =>
  [
    ['51', 'Rachel', 'Green', 'rachel.green@centralperk.test', '+1 212 555 0101', null],
    ['52', 'Monica', 'Geller', 'monica.geller@centralperk.test', null, '+1 212 555 0102'],
    ['53', 'Chandler', 'Bing', 'chandler.bing@bingco.test', '+1 212 555 0103', null],
    ['54', 'Joey', 'Tribbiani', 'joey@drakeramoray.test', null, null],
    ['55', 'Phoebe', 'Buffay', 'phoebe.buffay@smellycat.test', '+1 212 555 0105', null],
  ].map(([id, firstname, lastname, email, phone, mobilephone], i) => ({
    id,
    properties: {
      firstname,
      lastname,
      email,
      phone,
      mobilephone,
      createdate: at(3 + i),
      lastmodifieddate: at(5 + i),
      hs_object_id: id,
    },
    createdAt: at(3 + i),
    updatedAt: at(5 + i),
    archived: false,
  }));

export const hubspotCompanies = (): ProviderObject[] =>
  [
    ['9001', 'Central Perk', 'centralperk.test'],
    ['9002', 'Bing & Co', 'bingco.test'],
    ['9003', 'Smelly Cat Records', null],
  ].map(([id, name, domain], i) => ({
    id,
    properties: { name, domain, createdate: at(1 + i), hs_lastmodifieddate: at(4 + i), hs_object_id: id },
    createdAt: at(1 + i),
    updatedAt: at(4 + i),
    archived: false,
  }));
