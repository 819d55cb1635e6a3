/**
 * The service desk's ticket form fields as /api/v2/ticket_form_fields serves them: default fields with
 * `{id, value}` choices (a status also with the label requesters see) and two custom fields.
 */
import type { ProviderObject } from '../kit/described';

export const FRESHSERVICE_STATUSES = [2, 3, 4, 5, 6];
export const FRESHSERVICE_TICKET_TYPES = ['Incident', 'Service Request', 'Alert'];

const field = (
  id: number,
  name: string,
  label: string,
  field_type: string,
  choices: ProviderObject[] = [],
  required = false,
): ProviderObject => ({
  id,
  workspace_id: 2,
  created_at: '2026-04-01T08:00:00Z',
  updated_at: '2026-04-01T08:00:00Z',
  name,
  label,
  description: `Ticket ${label.toLowerCase()}`,
  field_type,
  required,
  required_for_closure: false,
  default_field: field_type.startsWith('default_'),
  choices,
  nested_fields: [],
  required_for_agents: required,
  required_for_customers: false,
  label_for_customers: label,
  customers_can_edit: field_type !== 'default_status',
  displayed_to_customers: !['default_agent', 'default_group'].includes(field_type),
  portalcc: false,
  portalcc_to: 'all',
  belongs_to_section: false,
});

export function freshserviceTicketFields(): ProviderObject[] {
  return [
    field(1000001, 'requester', 'Requester', 'default_requester', [], true),
    field(1000002, 'subject', 'Subject', 'default_subject', [], true),
    field(
      1000003,
      'status',
      'Status',
      'default_status',
      [
        [2, 'Open', 'Being Processed'],
        [3, 'Pending', 'Awaiting your Reply'],
        [4, 'Resolved', 'This ticket has been Resolved'],
        [5, 'Closed', 'This ticket has been Closed'],
        [6, 'Waiting on Third Party', 'Being Processed'],
      ].map(([id, value, customer_display_name]) => ({ id, value, customer_display_name })),
      true,
    ),
    field(
      1000004,
      'priority',
      'Priority',
      'default_priority',
      ['Low', 'Medium', 'High', 'Urgent'].map((value, i) => ({ id: i + 1, value })),
      true,
    ),
    field(
      1000005,
      'ticket_type',
      'Type',
      'default_ticket_type',
      FRESHSERVICE_TICKET_TYPES.map((value, i) => ({ id: 1000100 + i, value })),
    ),
    field(1000006, 'group', 'Group', 'default_group'),
    field(1000007, 'responder', 'Agent', 'default_agent'),
    field(1000008, 'department', 'Department', 'default_department'),
    field(1000009, 'description', 'Description', 'default_description', [], true),
    field(1000010, 'asset_tag', 'Asset tag', 'custom_text'),
  ];
}
