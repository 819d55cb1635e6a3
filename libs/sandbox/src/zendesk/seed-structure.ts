import type { StatusCategory, ZdCustomStatus, ZdTicketField, ZendeskState } from './model';

/** Fixed clock for the seed: every run produces the same data (no Date.now, no randomness). */
const BASE = Date.parse('2026-01-05T09:00:00Z');
export const at = (minutes: number): string =>
  new Date(BASE + minutes * 60_000).toISOString().replace('.000Z', 'Z');

/** The account's configuration: brands, groups, custom statuses, ticket fields and views. */
export function seedStructure(state: ZendeskState): void {
  const brands = [
    { id: 360001, name: 'Acme Support', subdomain: 'acme-support', default: true },
    { id: 360002, name: 'Acme Labs', subdomain: 'acme-labs', default: false },
    { id: 360003, name: 'Acme Retail', subdomain: 'acme-retail', default: false },
  ];
  for (const b of brands)
    state.brands.set(b.id, { ...b, active: true, created_at: at(-90_000), updated_at: at(-80_000) });

  const groups = [
    { id: 2001, name: 'Support', description: 'First line support', default: true },
    { id: 2002, name: 'Billing', description: 'Invoices, refunds and plans', default: false },
    { id: 2003, name: 'Engineering', description: 'Escalations to the product team', default: false },
  ];
  for (const g of groups)
    state.groups.set(g.id, { ...g, is_public: true, created_at: at(-90_000), updated_at: at(-70_000) });

  const statuses: [number, StatusCategory, string, boolean][] = [
    [101, 'new', 'New', true],
    [102, 'open', 'Open', true],
    [103, 'pending', 'Pending', true],
    [104, 'hold', 'On-hold', true],
    [105, 'solved', 'Solved', true],
    [106, 'open', 'Waiting on engineering', false],
    [107, 'pending', 'Awaiting customer reply', false],
  ];
  for (const [id, category, label, isDefault] of statuses) {
    const status: ZdCustomStatus = {
      id,
      status_category: category,
      agent_label: label,
      end_user_label: isDefault ? label : category === 'open' ? 'Open' : 'Awaiting your reply',
      description: isDefault ? `Default ${category} status` : `${label} (custom)`,
      end_user_description: '',
      active: true,
      default: isDefault,
      created_at: at(-90_000),
      updated_at: at(-60_000),
    };
    state.customStatuses.set(id, status);
  }

  const option = (name: string, value: string) => ({ name, value });
  const system: [number, string, string, ZdTicketField['system_field_options']?][] = [
    [11, 'subject', 'Subject'],
    [12, 'description', 'Description'],
    [
      13,
      'status',
      'Status',
      ['new', 'open', 'pending', 'hold', 'solved'].map((s) => option(s[0].toUpperCase() + s.slice(1), s)),
    ],
    [
      14,
      'tickettype',
      'Type',
      [
        option('Question', 'question'),
        option('Incident', 'incident'),
        option('Problem', 'problem'),
        option('Task', 'task'),
      ],
    ],
    [
      15,
      'priority',
      'Priority',
      [option('Low', 'low'), option('Normal', 'normal'), option('High', 'high'), option('Urgent', 'urgent')],
    ],
    [16, 'group', 'Group'],
    [17, 'assignee', 'Assignee'],
    [18, 'custom_status', 'Ticket status'],
  ];
  system.forEach(([id, type, title, options], position) => {
    state.ticketFields.set(id, {
      ...fieldDefaults(id, type, title, position),
      removable: false,
      required: type === 'subject' || type === 'description',
      ...(options ? { system_field_options: options } : {}),
    });
  });
  const productOptions = [
    { id: 31, name: 'Mobile app', value: 'product_mobile' },
    { id: 32, name: 'Web dashboard', value: 'product_web' },
    { id: 33, name: 'Billing', value: 'product_billing' },
  ];
  state.ticketFields.set(21, {
    ...fieldDefaults(21, 'tagger', 'Product area', 20),
    custom_field_options: productOptions,
  });
  state.ticketFields.set(22, { ...fieldDefaults(22, 'integer', 'Order number', 21) });
  state.ticketFields.set(23, {
    ...fieldDefaults(23, 'checkbox', 'Needs follow-up', 22),
    tag: 'needs_follow_up',
  });
  state.ticketFields.set(24, {
    ...fieldDefaults(24, 'regexp', 'Customer reference', 23),
    regexp_for_validation: '^CR-[0-9]{4}$',
  });

  state.views.set(8001, {
    id: 8001,
    title: 'Unassigned tickets',
    description: 'Tickets waiting for an owner',
    active: true,
    position: 1,
    conditions: { all: [{ field: 'assignee_id', operator: 'is', value: '' }], any: [] },
    created_at: at(-90_000),
    updated_at: at(-50_000),
  });
  state.views.set(8003, {
    id: 8003,
    title: 'Urgent tickets',
    description: 'Everything marked urgent',
    active: true,
    position: 3,
    conditions: { all: [{ field: 'priority', operator: 'is', value: 'urgent' }], any: [] },
    created_at: at(-90_000),
    updated_at: at(-30_000),
  });
  state.views.set(8002, {
    id: 8002,
    title: 'Pending tickets',
    description: null,
    active: true,
    position: 2,
    conditions: { all: [{ field: 'status', operator: 'is', value: 'pending' }], any: [] },
    created_at: at(-90_000),
    updated_at: at(-40_000),
  });
}

function fieldDefaults(id: number, type: string, title: string, position: number): ZdTicketField {
  return {
    id,
    type,
    title,
    description: `${title} of the ticket`,
    position,
    active: true,
    required: false,
    visible_in_portal: position < 2 || position >= 20,
    editable_in_portal: position < 2,
    removable: true,
    tag: null,
    regexp_for_validation: null,
    created_at: at(-90_000),
    updated_at: at(-30_000 + id),
  };
}
