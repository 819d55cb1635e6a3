/**
 * Seed data of one Zoho Desk organization, shaped like the objects of Zoho Desk's API reference
 * (desk.zoho.com/DeskAPIDocument): ids are long numeric strings, times ISO-8601 with milliseconds,
 * custom field values under `cf`. Zoho publishes no machine-readable description.
 */
import type { ProviderObject } from '../kit/described';

export const ZOHO_DESK_SEED_TOKEN = '1000.zohodesk-sandbox-token.0f9e8d7c6b5a';
export const ZOHO_DESK_SEED_ORG_ID = '60012345678';
export const ZOHO_DESK_PORTAL = 'zylker';

const SUPPORT = '7189000000006907';
const BILLING = '7189000000006911';
const AGENTS = ['7189000000042001', '7189000000042005', '7189000000042009'];
const CONTACTS = ['7189000000051001', '7189000000051005', '7189000000051009', '7189000000051013'];
const ACCOUNTS = ['7189000000061001', '7189000000061005'];

const at = (day: number, hour = 9) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:00.000Z`;

export const zohoDepartments = (): ProviderObject[] => [
  {
    id: SUPPORT,
    name: 'Support',
    nameInCustomerPortal: 'Support',
    description: 'Product questions and incidents',
    isEnabled: true,
    isDefault: true,
    sanitizedName: 'support',
    hasLogo: false,
    creatorId: AGENTS[0],
    createdTime: at(1, 8),
    chatStatus: 'AVAILABLE',
    isAssignToTeamEnabled: true,
    isVisibleInCustomerPortal: true,
  },
  {
    id: BILLING,
    name: 'Billing',
    nameInCustomerPortal: 'Billing',
    description: 'Invoices and refunds',
    isEnabled: true,
    isDefault: false,
    sanitizedName: 'billing',
    hasLogo: false,
    creatorId: AGENTS[0],
    createdTime: at(1, 9),
    chatStatus: 'DISABLED',
    isAssignToTeamEnabled: false,
    isVisibleInCustomerPortal: true,
  },
];

export const zohoAgents = (): ProviderObject[] =>
  [
    ['Jade', 'Tha', 'jade@zylker.test', 'ACTIVE', [SUPPORT, BILLING]],
    ['Marcus', 'Lee', 'marcus@zylker.test', 'ACTIVE', [SUPPORT]],
    ['Priya', 'Nair', 'priya@zylker.test', 'DISABLED', [BILLING]],
  ].map(([firstName, lastName, emailId, status, departments], i) => ({
    id: AGENTS[i],
    firstName,
    lastName,
    name: `${firstName as string} ${lastName as string}`,
    emailId,
    status,
    isConfirmed: status === 'ACTIVE',
    roleId: i === 0 ? '7189000000011001' : '7189000000011005',
    profileId: i === 0 ? '7189000000010001' : '7189000000010005',
    associatedDepartmentIds: departments,
    photoURL: `https://desk.zoho.com/api/v1/agents/${AGENTS[i]}/photo?orgId=${ZOHO_DESK_SEED_ORG_ID}`,
    zuid: String(70001000 + i),
    langCode: 'en_US',
    timeZone: 'Europe/London',
    phone: null,
    mobile: null,
  }));

export const zohoTeams = (): ProviderObject[] => [
  {
    id: '7189000000083001',
    name: 'Tier 1',
    description: 'First response',
    departmentId: SUPPORT,
    roleId: '7189000000011009',
    derivedAgents: [AGENTS[0], AGENTS[1]],
    subTeams: [],
    logoUrl: null,
  },
  {
    id: '7189000000083005',
    name: 'Refunds',
    description: 'Refund approvals',
    departmentId: BILLING,
    roleId: '7189000000011013',
    derivedAgents: [AGENTS[2]],
    subTeams: [],
    logoUrl: null,
  },
];

export const zohoAccounts = (): ProviderObject[] => [
  {
    id: ACCOUNTS[0],
    accountName: 'Globex',
    website: 'https://globex.test',
    email: 'it@globex.test',
    phone: '+1 555 0100',
    industry: 'Manufacturing',
    description: null,
    ownerId: AGENTS[0],
    createdTime: at(2),
    modifiedTime: at(2),
    cf: { cf_tier: 'Gold' },
    webUrl: `https://desk.zoho.com/support/${ZOHO_DESK_PORTAL}/ShowHomePage.do#Accounts/dv/${ACCOUNTS[0]}`,
  },
  {
    id: ACCOUNTS[1],
    accountName: 'Initech',
    website: 'initech.test',
    email: null,
    phone: null,
    industry: 'Software',
    description: 'Pilot customer',
    ownerId: AGENTS[1],
    createdTime: at(3),
    modifiedTime: at(4),
    cf: { cf_tier: null },
    webUrl: `https://desk.zoho.com/support/${ZOHO_DESK_PORTAL}/ShowHomePage.do#Accounts/dv/${ACCOUNTS[1]}`,
  },
];

export const zohoContacts = (): ProviderObject[] =>
  [
    ['Lucas', 'Carol', 'carol@globex.test', 'lucas.c@home.test', '+1 555 0101', '+1 555 0199', ACCOUNTS[0]],
    [null, 'Gibbons', 'milton@initech.test', null, null, null, ACCOUNTS[1]],
    ['Ana', 'Ruiz', 'ana@example.test', null, '+34 600 000 000', null, null],
    ['Sam', 'Okafor', 'sam@example.test', null, null, '+44 7700 900000', null],
  ].map(([firstName, lastName, email, secondaryEmail, phone, mobile, accountId], i) => ({
    id: CONTACTS[i],
    firstName,
    lastName,
    email,
    secondaryEmail,
    phone,
    mobile,
    accountId,
    description: i === 0 ? 'Prefers e-mail' : null,
    type: i < 2 ? 'paid' : null,
    ownerId: AGENTS[0],
    isSpam: false,
    photoURL: null,
    createdTime: at(5 + i),
    modifiedTime: at(6 + i),
    cf: { cf_customer_since: i === 0 ? '2019-04-01' : null },
    webUrl: `https://desk.zoho.com/support/${ZOHO_DESK_PORTAL}/ShowHomePage.do#Contacts/dv/${CONTACTS[i]}`,
  }));

const STATUS_TYPES: Record<string, string> = {
  Open: 'Open',
  'On Hold': 'On Hold',
  Escalated: 'Open',
  Closed: 'Closed',
};
export const zohoStatusType = (status: string) => STATUS_TYPES[status] ?? 'Open';

export const zohoTickets = (): ProviderObject[] =>
  [
    ['Printer driver crashes on startup', 'Open', 'High', 'Email', 'Problem', 0, AGENTS[0], SUPPORT],
    ['Refund for duplicate invoice', 'On Hold', 'Medium', 'Web', 'Question', 1, AGENTS[2], BILLING],
    ['Export to CSV', 'Escalated', 'Low', 'Phone', 'Feature', 2, null, SUPPORT],
    ['Password reset link expired', 'Closed', 'High', 'Chat', 'Problem', 3, AGENTS[1], SUPPORT],
    ['Invoice address change', 'Open', null, 'Email', null, 0, null, BILLING],
    ['API rate limits', 'Open', 'Medium', 'Forums', 'Question', 2, AGENTS[0], SUPPORT],
    ['Data residency question', 'Closed', 'Low', 'Email', 'Others', 1, AGENTS[1], SUPPORT],
  ].map(([subject, status, priority, channel, classification, contact, assigneeId, departmentId], i) => {
    const id = String(7189000000100001n + BigInt(i * 4));
    const contactId = CONTACTS[contact as number];
    const accountId = (zohoContacts()[contact as number].accountId as string | null) ?? null;
    return {
      id,
      ticketNumber: String(101 + i),
      subject,
      description: `<div>${subject as string}: details from the customer.</div>`,
      status,
      statusType: zohoStatusType(status as string),
      priority,
      channel,
      classification,
      category: null,
      subCategory: null,
      language: 'English',
      departmentId,
      contactId,
      accountId,
      productId: null,
      assigneeId,
      teamId: i === 1 ? '7189000000083005' : null,
      email: zohoContacts()[contact as number].email,
      phone: null,
      dueDate: i % 2 === 0 ? at(20 + i, 17) : null,
      createdTime: at(10 + i),
      modifiedTime: at(10 + i, 15),
      closedTime: status === 'Closed' ? at(10 + i, 16) : null,
      onholdTime: status === 'On Hold' ? at(10 + i, 12) : null,
      customerResponseTime: at(10 + i),
      responseDueDate: null,
      isSpam: false,
      isOverDue: false,
      isEscalated: status === 'Escalated',
      isRead: i !== 4,
      threadCount: '1',
      commentCount: i < 2 ? '2' : '0',
      sentiment: null,
      resolution: null,
      cf: { cf_serial_number: i === 0 ? 'PX-2210' : null, cf_refund_amount: i === 1 ? '129.50' : null },
      webUrl: `https://desk.zoho.com/support/${ZOHO_DESK_PORTAL}/ShowHomePage.do#Cases/dv/${id}`,
    };
  });

const FIRST_TICKET = '7189000000100001';
const SECOND_TICKET = '7189000000100005';

export const zohoComments = (): ProviderObject[] =>
  [
    [FIRST_TICKET, AGENTS[0], 'AGENT', false, 'html', '<div>Asked the customer for the crash log.</div>'],
    [FIRST_TICKET, AGENTS[1], 'AGENT', true, 'plainText', 'A fix ships in 4.2.'],
    [SECOND_TICKET, AGENTS[2], 'AGENT', false, 'plainText', 'Waiting for finance approval.'],
    [SECOND_TICKET, CONTACTS[1], 'END_USER', true, 'html', '<div>Any news on my refund?</div>'],
  ].map(([ticketId, commenterId, type, isPublic, contentType, content], i) => {
    const agent = zohoAgents().find((a) => a.id === commenterId);
    const contact = zohoContacts().find((c) => c.id === commenterId);
    const person = agent ?? contact!;
    return {
      id: String(7189000000200001n + BigInt(i * 4)),
      ticketId,
      commenterId,
      commenter: {
        firstName: person.firstName ?? '',
        lastName: person.lastName,
        name: [person.firstName, person.lastName].filter(Boolean).join(' '),
        photoURL: null,
        roleName: type === 'AGENT' ? 'Agent' : null,
        type,
        email: agent ? agent.emailId : person.email,
      },
      isPublic,
      contentType,
      content,
      attachments: [],
      mention: [],
      commentedTime: at(12 + i),
      modifiedTime: null,
    };
  });

/** `GET /organizationFields?module=tickets`: system and custom fields with their picklist values. */
export const zohoTicketFields = (): ProviderObject[] => {
  const field = (
    n: number,
    apiName: string,
    displayLabel: string,
    type: string,
    extra: ProviderObject = {},
  ): ProviderObject => ({
    id: String(7189000000300001n + BigInt(n * 4)),
    apiName,
    displayLabel,
    i18NLabel: displayLabel,
    type,
    isCustomField: apiName.startsWith('cf_'),
    isMandatory: false,
    isEncryptedField: false,
    showToHelpCenter: true,
    isSystemMandatory: false,
    maxLength: type === 'Text' ? 255 : null,
    allowedValues: null,
    defaultValue: null,
    ...extra,
  });
  const values = (...v: string[]) => v.map((value) => ({ value }));
  return [
    field(0, 'subject', 'Subject', 'Text', { isMandatory: true, isSystemMandatory: true }),
    field(1, 'departmentId', 'Department', 'LookUp', { isMandatory: true, isSystemMandatory: true }),
    field(2, 'contactId', 'Contact Name', 'LookUp', { isMandatory: true, isSystemMandatory: true }),
    field(3, 'status', 'Status', 'Picklist', {
      allowedValues: values('Open', 'On Hold', 'Escalated', 'Closed'),
      defaultValue: 'Open',
    }),
    field(4, 'priority', 'Priority', 'Picklist', { allowedValues: values('High', 'Medium', 'Low') }),
    field(5, 'classification', 'Classification', 'Picklist', {
      allowedValues: values('Question', 'Problem', 'Feature', 'Others'),
    }),
    field(6, 'channel', 'Channel', 'Picklist', {
      allowedValues: values('Phone', 'Email', 'Web', 'Twitter', 'Facebook', 'Chat', 'Forums'),
    }),
    field(7, 'dueDate', 'Due Date', 'DateTime'),
    field(8, 'description', 'Description', 'Textarea', { maxLength: 65535 }),
    field(9, 'cf_serial_number', 'Serial Number', 'Text', { maxLength: 50 }),
    field(10, 'cf_refund_amount', 'Refund Amount', 'Currency', { showToHelpCenter: false }),
    field(11, 'cf_reproducible', 'Reproducible', 'Boolean', { showToHelpCenter: false }),
  ];
};
