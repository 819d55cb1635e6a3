import { HubspotEmulator } from './hubspot-emulator';
import { HUBSPOT_SEED_TOKEN } from './seed';

const emulator = new HubspotEmulator();
const call = (path: string, init: RequestInit = {}, token = HUBSPOT_SEED_TOKEN) =>
  fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
/** The fields of HubSpot's answers these tests read. */
interface Answer {
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  results: { id: string }[];
  paging?: { next: { after: string } };
  total?: number;
  status?: string;
  category?: string;
  message: string;
  errorType?: string;
}
const json = async (response: Response) => (await response.json()) as Answer;

describe('HubspotEmulator (HubSpot CRM v3 on the wire)', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('answers only the properties asked for (and the defaults), with associations when asked', async () => {
    const ticket = await json(
      await call('/crm/v3/objects/tickets/1001?properties=subject&associations=contacts'),
    );
    expect(ticket).toEqual({
      id: '1001',
      properties: {
        subject: 'Cannot log in after password reset',
        createdate: ticket.createdAt,
        hs_lastmodifieddate: ticket.properties.hs_lastmodifieddate,
        hs_object_id: '1001',
      },
      createdAt: ticket.createdAt,
      updatedAt: ticket.updatedAt,
      archived: false,
      associations: { contacts: { results: [{ id: '51', type: 'ticket_to_contact' }] } },
    });
  });

  it('pages with limit/after and paging.next.after; the last page has no paging', async () => {
    const first = await json(await call('/crm/v3/objects/contacts?limit=3'));
    expect(first.results).toHaveLength(3);
    const after = first.paging?.next.after ?? '';
    const last = await json(await call(`/crm/v3/objects/contacts?limit=3&after=${after}`));
    expect([last.results.length, last.paging]).toEqual([2, undefined]);
  });

  it('searches notes by their ticket, paging in the body', async () => {
    const search = (after?: string) =>
      call('/crm/v3/objects/notes/search', {
        method: 'POST',
        body: JSON.stringify({
          filterGroups: [
            { filters: [{ propertyName: 'associations.ticket', operator: 'EQ', value: '1001' }] },
          ],
          properties: ['hs_note_body'],
          limit: 2,
          after,
        }),
      });
    const first = await json(await search());
    expect([first.total, first.results.map((n) => n.id)]).toEqual([3, ['40001', '40002']]);
    const last = await json(await search(first.paging?.next.after));
    expect([last.results.map((n) => n.id), last.paging]).toEqual([['40003'], undefined]);
  });

  it('refuses as HubSpot does: bad token, unknown property, invalid option, unknown association target', async () => {
    const denied = await call('/crm/v3/objects/tickets', {}, 'pat-na1-nope');
    expect([denied.status, (await json(denied)).category]).toEqual([401, 'INVALID_AUTHENTICATION']);
    const write = (body: object) =>
      call('/crm/v3/objects/tickets', { method: 'POST', body: JSON.stringify(body) });
    const base = { subject: 'x', hs_pipeline: '0', hs_pipeline_stage: '1' };
    for (const [body, message] of [
      [{ properties: { ...base, colour: 'red' } }, 'Property "colour" does not exist'],
      [{ properties: { ...base, hs_ticket_priority: 'SOON' } }, 'SOON was not one of the allowed options'],
      [
        { properties: base, associations: [{ to: { id: '404' }, types: [{ associationTypeId: 16 }] }] },
        'contacts 404 does not exist',
      ],
    ] as const) {
      const refused = await write(body);
      const answer = await json(refused);
      expect([refused.status, answer.status, answer.category]).toEqual([400, 'error', 'VALIDATION_ERROR']);
      expect(answer.message).toContain(message);
    }
    const missing = await json(await call('/crm/v3/objects/tickets/999'));
    expect(missing.category).toBe('OBJECT_NOT_FOUND');
  });

  it('sends rate-limit headers on every answer and its own 429 body', async () => {
    const ok = await call('/crm/v3/owners');
    expect(ok.headers.get('x-hubspot-ratelimit-max')).toBe('190');
    emulator.injectFault(emulator.rateLimitFault(1, 1));
    const limited = await call('/crm/v3/owners');
    expect([limited.status, (await json(limited)).errorType]).toEqual([429, 'RATE_LIMIT']);
  });
});
