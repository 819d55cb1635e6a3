/**
 * Seed data of one Gorgias account, shaped like the objects of Gorgias's REST reference
 * (developers.gorgias.com/reference): integer ids, naive ISO-8601 UTC datetimes with microseconds,
 * people embedded as `{id, email, name, firstname, lastname, meta}`. Gorgias publishes no
 * machine-readable description.
 */
import type { ProviderObject } from '../kit/described';

export const GORGIAS_SEED_DOMAIN = 'acme-store';
export const GORGIAS_SEED_EMAIL = 'api@acme-store.test';
export const GORGIAS_SEED_API_KEY = 'gorgias-sandbox-api-key-5f4e3d2c1b';

export const stamp = (day: number, hour = 9) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:30:00.000000`;

export const gorgiasUsers = (): ProviderObject[] =>
  [
    ['Alex', 'Martin', 'alex@acme-store.test', 'admin', true],
    ['Bea', 'Kowalski', 'bea@acme-store.test', 'agent', true],
    ['Chen', 'Wu', 'chen@acme-store.test', 'lite-agent', false],
  ].map(([firstname, lastname, email, role, active], i) => ({
    id: 1 + i,
    external_id: null,
    active,
    email,
    name: `${firstname as string} ${lastname as string}`,
    firstname,
    lastname,
    bio: null,
    role: { name: role },
    country: 'FR',
    language: 'en',
    timezone: 'Europe/Paris',
    meta: { profile_picture_url: i === 0 ? 'https://cdn.gorgias.test/avatars/1.png' : null },
    created_datetime: stamp(1, 8 + i),
    updated_datetime: stamp(2, 8 + i),
    deactivated_datetime: active ? null : stamp(3),
  }));

/** The embedded form of a user or customer on tickets and messages. */
export const personRef = (p: ProviderObject) => ({
  id: p.id,
  email: p.email,
  name: p.name,
  firstname: p.firstname,
  lastname: p.lastname,
  meta: p.meta ?? null,
});

export const gorgiasTeams = (): ProviderObject[] => [
  {
    id: 11,
    uri: '/api/teams/11/',
    name: 'Front line',
    description: 'First replies',
    decoration: { emoji: '🛟' },
    members: gorgiasUsers().slice(0, 2).map(personRef),
    created_datetime: stamp(1, 10),
  },
  {
    id: 12,
    uri: '/api/teams/12/',
    name: 'Returns',
    description: null,
    decoration: null,
    members: [personRef(gorgiasUsers()[1])],
    created_datetime: stamp(1, 11),
  },
];

export const gorgiasTags = (): ProviderObject[] =>
  [
    ['refund', '#E74C3C', 'Refund requested'],
    ['shipping', '#3498DB', null],
    ['vip', '#F1C40F', 'Top customers'],
  ].map(([name, color, description], i) => ({
    id: 21 + i,
    uri: `/api/tags/${21 + i}/`,
    name,
    description,
    decoration: { color },
    usage: 2 - Math.min(i, 2),
    created_datetime: stamp(1, 12 + i),
    deleted_datetime: null,
  }));

export const gorgiasCustomers = (): ProviderObject[] =>
  [
    ['Maya', 'Lopez', 'maya@example.test', '+33 6 12 34 56 78', 'Prefers e-mail'],
    ['Tom', 'Baker', 'tom@example.test', null, null],
    ['Ines', 'Duarte', 'ines@example.test', null, null],
    ['Olu', 'Adeyemi', null, '+44 7700 900123', 'Phone only'],
  ].map(([firstname, lastname, email, phone, note], i) => {
    const id = 31 + i;
    const channel = (n: number, type: string, address: unknown) => ({
      id: id * 10 + n,
      type,
      address,
      preferred: n === 1,
      created_datetime: stamp(4 + i),
      updated_datetime: stamp(4 + i),
    });
    return {
      id,
      external_id: i === 0 ? 'shopify-8812' : null,
      active: true,
      email,
      name: `${firstname as string} ${lastname as string}`,
      firstname,
      lastname,
      language: 'en',
      timezone: null,
      note,
      channels: [
        email ? channel(1, 'email', email) : undefined,
        phone ? channel(2, 'phone', phone) : undefined,
      ].filter(Boolean),
      data: null,
      meta: null,
      integrations: {},
      created_datetime: stamp(4 + i),
      updated_datetime: stamp(5 + i),
    };
  });

export const gorgiasTickets = (): ProviderObject[] => {
  const users = gorgiasUsers();
  const customers = gorgiasCustomers();
  const teams = gorgiasTeams();
  const tags = gorgiasTags();
  return [
    ['Where is my order #1042?', 'open', 'normal', 'email', 0, 1, 0, [1]],
    ['Refund for damaged mug', 'open', 'high', 'email', 1, 2, 1, [0]],
    ['Change delivery address', 'closed', 'normal', 'chat', 2, 1, null, [1]],
    ['Wholesale pricing', 'open', 'low', 'contact_form', 3, null, null, [2]],
    ['Return label not received', 'closed', 'critical', 'email', 0, 2, 1, [0, 1]],
    ['Gift wrapping options', 'open', 'normal', 'chat', 1, null, 0, []],
  ].map(([subject, status, priority, channel, customer, assignee, team, tagIdx], i) => ({
    id: 101 + i,
    uri: `/api/tickets/${101 + i}/`,
    external_id: null,
    language: 'en',
    status,
    priority,
    channel,
    via: channel === 'contact_form' ? 'contact_form' : channel,
    from_agent: false,
    customer: personRef(customers[customer as number]),
    assignee_user: assignee === null ? null : personRef(users[(assignee as number) - 1]),
    assignee_team:
      team === null
        ? null
        : {
            id: teams[team as number].id,
            name: teams[team as number].name,
            decoration: teams[team as number].decoration,
          },
    subject,
    excerpt: `${subject as string}: the customer's first message.`,
    integrations: [],
    meta: null,
    tags: (tagIdx as number[]).map((t) => ({
      id: tags[t].id,
      name: tags[t].name,
      uri: tags[t].uri,
      decoration: tags[t].decoration,
    })),
    messages_count: i < 2 ? 2 : 1,
    is_unread: i === 3,
    spam: false,
    custom_fields: i === 0 ? { '41': { id: 41, value: 'Shipping' } } : {},
    created_datetime: stamp(10 + i),
    opened_datetime: stamp(10 + i, 10),
    last_received_message_datetime: stamp(10 + i),
    last_message_datetime: stamp(10 + i, 11),
    updated_datetime: stamp(10 + i, 12),
    closed_datetime: status === 'closed' ? stamp(10 + i, 13) : null,
    snooze_datetime: null,
    trashed_datetime: null,
  }));
};

/** The delivery state of a message sent at `at` without a hitch. */
export const sentAt = (at: string) => ({
  created_datetime: at,
  sent_datetime: at,
  failed_datetime: null,
  deleted_datetime: null,
  opened_datetime: null,
  last_sending_error: null,
  is_retriable: false,
  rule_id: null,
});

export const gorgiasMessages = (): ProviderObject[] => {
  const users = gorgiasUsers();
  const customers = gorgiasCustomers();
  return [
    [101, customers[0], false, 'email', true, 'Hi, my order #1042 has not arrived yet.'],
    [101, users[0], true, 'email', true, 'Sorry about that, it left our warehouse today.'],
    [102, customers[1], false, 'email', true, 'The mug arrived broken.'],
    [102, users[1], true, 'internal-note', false, 'Approved a full refund.'],
    [103, customers[2], false, 'chat', true, 'Can I change my delivery address?'],
  ].map(([ticketId, sender, fromAgent, channel, isPublic, text], i) => ({
    id: 501 + i,
    uri: `/api/tickets/${ticketId as number}/messages/${501 + i}/`,
    message_id: channel === 'email' ? `<m${501 + i}@mail.acme-store.test>` : null,
    ticket_id: ticketId,
    external_id: null,
    public: isPublic,
    channel,
    via: channel === 'internal-note' ? 'helpdesk' : channel,
    source:
      channel === 'email'
        ? {
            type: 'email',
            from: { name: (sender as ProviderObject).name, address: (sender as ProviderObject).email },
            to: [],
          }
        : { type: channel },
    sender: personRef(sender as ProviderObject),
    receiver: null,
    integration_id: null,
    subject: null,
    body_text: text,
    body_html: `<div>${text as string}</div>`,
    stripped_text: text,
    stripped_html: `<div>${text as string}</div>`,
    stripped_signature: null,
    attachments:
      i === 2
        ? [
            {
              url: 'https://uploads.gorgias.test/mug.jpg',
              name: 'mug.jpg',
              size: 48213,
              content_type: 'image/jpeg',
              public: true,
            },
          ]
        : [],
    actions: null,
    macros: [],
    meta: null,
    from_agent: fromAgent,
    ...sentAt(stamp(10 + (ticketId as number) - 101, 9 + (i % 2))),
  }));
};

export const gorgiasCustomFields = (): ProviderObject[] => [
  {
    id: 41,
    external_id: null,
    object_type: 'Ticket',
    label: 'Contact reason',
    description: 'Why the customer wrote',
    priority: 1,
    required: true,
    managed_type: 'contact_reason',
    definition: {
      data_type: 'text',
      input_settings: { input_type: 'dropdown', choices: ['Shipping', 'Refund', 'Product question'] },
    },
    created_datetime: stamp(1),
    updated_datetime: stamp(2),
    deactivated_datetime: null,
  },
  {
    id: 42,
    external_id: null,
    object_type: 'Ticket',
    label: 'Order value',
    description: null,
    priority: 2,
    required: false,
    managed_type: null,
    definition: { data_type: 'number', input_settings: { input_type: 'input_number', min: 0, max: null } },
    created_datetime: stamp(1),
    updated_datetime: stamp(1),
    deactivated_datetime: null,
  },
  {
    id: 43,
    external_id: null,
    object_type: 'Ticket',
    label: 'Gift',
    description: null,
    priority: 3,
    required: false,
    managed_type: null,
    definition: { data_type: 'boolean', input_settings: { input_type: 'dropdown', choices: [true, false] } },
    created_datetime: stamp(1),
    updated_datetime: stamp(1),
    deactivated_datetime: null,
  },
  {
    id: 44,
    external_id: null,
    object_type: 'Customer',
    label: 'Loyalty tier',
    description: null,
    priority: 1,
    required: false,
    managed_type: null,
    definition: { data_type: 'text', input_settings: { input_type: 'input' } },
    created_datetime: stamp(1),
    updated_datetime: stamp(1),
    deactivated_datetime: null,
  },
];
