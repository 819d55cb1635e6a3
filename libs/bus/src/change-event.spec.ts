import { buildChangeEvent, changeEventKey, deterministicEventId } from './change-event';

const base = { connectionId: 'c1', deliveryId: 'd1', entity: 'ticket', remoteId: '42' };

describe('change events', () => {
  it('derives the same id from the same change and a different one otherwise', () => {
    expect(deterministicEventId(base)).toBe(deterministicEventId({ ...base }));
    expect(deterministicEventId(base)).not.toBe(deterministicEventId({ ...base, deliveryId: 'd2' }));
    expect(deterministicEventId(base)).not.toBe(deterministicEventId({ ...base, entity: 'comment' }));
    expect(deterministicEventId(base)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('builds a CloudEvents 1.0 envelope with the extensions', () => {
    const event = buildChangeEvent({
      ...base,
      tenantId: 't1',
      provider: 'github',
      action: 'created',
      time: '2026-01-01T00:00:00.000Z',
      data: { id: '42' },
    });
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'ticketing.ticket.created',
      source: '/connections/c1',
      subject: '42',
      tenantid: 't1',
      connectionid: 'c1',
      provider: 'github',
      datacontenttype: 'application/json',
    });
    expect(changeEventKey('c1', '42')).toBe('c1:42');
  });
});
