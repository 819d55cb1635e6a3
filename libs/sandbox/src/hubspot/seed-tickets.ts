/** Tickets, their notes and the associations between CRM records of the seeded HubSpot account. */
import type { ProviderObject } from '../kit/described';

const at = (day: number, hour = 10) =>
  `2026-02-${String(1 + day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:42:07.118Z`;

type Row = [
  subject: string,
  stage: string,
  priority: string | null,
  owner: string | null,
  category: string | null,
  source: string,
];

const ROWS: Row[] = [
  ['Cannot log in after password reset', '1', 'HIGH', '110001', 'PRODUCT_ISSUE', 'EMAIL'],
  ['Invoice shows the wrong VAT number', '2', 'MEDIUM', '110003', 'BILLING_ISSUE', 'EMAIL'],
  ['Export to CSV times out', '3', 'HIGH', '110002', 'PRODUCT_ISSUE', 'CHAT'],
  ['Please add dark mode', '4', 'LOW', null, 'FEATURE_REQUEST', 'FORM'],
  ['Refund for duplicate charge', '4', 'URGENT', '110003', 'BILLING_ISSUE', 'PHONE'],
  ['Webhook deliveries delayed', '7265181', 'HIGH', '110002', 'PRODUCT_ISSUE', 'EMAIL'],
  ['How do I add a seat?', '1', null, null, 'GENERAL_INQUIRY', 'CHAT'],
  ['SSO metadata expired', '7265182', 'MEDIUM', '110001', 'PRODUCT_ISSUE', 'EMAIL'],
  ['Change billing contact', '2', 'LOW', '110003', 'BILLING_ISSUE', 'FORM'],
  ['Mobile app crashes on start', '3', 'URGENT', '110002', 'PRODUCT_ISSUE', 'EMAIL'],
  ['Question about the API limits', '1', 'LOW', null, 'GENERAL_INQUIRY', 'EMAIL'],
  ['Data import stuck at 99%', '3', 'HIGH', '110001', 'PRODUCT_ISSUE', 'CHAT'],
];

const CLOSED = ['4', '7265182'];

export const hubspotTicketsSeed = (): ProviderObject[] =>
  ROWS.map(([subject, stage, priority, owner, category, source], i) => {
    const id = String(1001 + i);
    const created = at(i);
    const modified = at(i + 1, 15);
    return {
      id,
      properties: {
        subject,
        content: `${subject}. Reported by the customer; details in the thread.`,
        hs_pipeline: stage.startsWith('7265') ? '7265180' : '0',
        hs_pipeline_stage: stage,
        hs_ticket_priority: priority,
        hs_ticket_category: category,
        hubspot_owner_id: owner,
        source_type: source,
        closed_date: CLOSED.includes(stage) ? modified : null,
        createdate: created,
        hs_lastmodifieddate: modified,
        hs_object_id: id,
        plan_tier: i % 3 === 0 ? 'pro' : 'starter',
      },
      createdAt: created,
      updatedAt: modified,
      archived: false,
    };
  });

/** Notes on tickets 1001 (three), 1002 and 1003; associated through `associations` below. */
export const hubspotNotesSeed = (): ProviderObject[] =>
  [
    ['40001', '1001', '<p>Asked the customer for the <b>browser</b> they use.</p>', '110001', 0],
    ['40002', '1001', '<p>Reproduced with Safari 17; escalating.</p>', '110001', 1],
    ['40003', '1001', '<div>Session cookie was not cleared: fix deployed.</div>', '110002', 2],
    ['40004', '1002', '<p>Finance confirmed the VAT number on file.</p>', '110003', 1],
    ['40005', '1003', '<p>Export limit is 50k rows; suggested filters.</p>', '110002', 2],
  ].map(([id, , body, owner, day]) => {
    const time = at(Number(day), 16);
    return {
      id,
      properties: {
        hs_note_body: body,
        hs_timestamp: time,
        hubspot_owner_id: owner,
        hs_createdate: time,
        hs_lastmodifieddate: time,
        hs_object_id: id,
      },
      createdAt: time,
      updatedAt: time,
      archived: false,
    };
  });

/** Stored one way (`from` → `to`); HubSpot reads associations from either side. */
export const hubspotAssociationsSeed = (): ProviderObject[] => {
  const links: [string, string, string, string, number][] = [
    ['tickets', '1001', 'contacts', '51', 16],
    ['tickets', '1001', 'companies', '9001', 26],
    ['tickets', '1002', 'contacts', '53', 16],
    ['tickets', '1002', 'companies', '9002', 26],
    ['tickets', '1003', 'contacts', '52', 16],
    ['tickets', '1005', 'contacts', '55', 16],
    ['tickets', '1005', 'companies', '9003', 26],
    ['tickets', '1010', 'contacts', '54', 16],
    ['contacts', '51', 'companies', '9001', 1],
    ['contacts', '52', 'companies', '9001', 1],
    ['contacts', '53', 'companies', '9002', 1],
    ['contacts', '55', 'companies', '9003', 1],
    ['notes', '40001', 'tickets', '1001', 228],
    ['notes', '40002', 'tickets', '1001', 228],
    ['notes', '40003', 'tickets', '1001', 228],
    ['notes', '40004', 'tickets', '1002', 228],
    ['notes', '40005', 'tickets', '1003', 228],
  ];
  return links.map(([fromType, fromId, toType, toId, typeId], i) => ({
    id: i + 1,
    fromType,
    fromId,
    toType,
    toId,
    typeId,
  }));
};
