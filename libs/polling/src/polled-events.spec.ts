import { createEventValidator, TOPICS } from '@app/bus';
import { polledEventMessage } from './polled-events';

const source = { tenantId: 't1', connectionId: 'c1', provider: 'github', resource: 'tickets' as const };

describe('polledEventMessage', () => {
  it('gives the same content the same event id, another content another id, keyed connection:remote id', () => {
    const change = {
      action: 'updated' as const,
      remoteId: '7',
      data: { id: '7', updated_at: '2026-01-01T00:00:00Z' },
      contentHash: '"h1"',
    };
    const a = polledEventMessage(source, change, '2026-01-02T00:00:00.000Z');
    const b = polledEventMessage(source, change, '2026-01-03T00:00:00.000Z');
    const c = polledEventMessage(source, { ...change, contentHash: '"h2"' }, '2026-01-02T00:00:00.000Z');
    expect(a.key).toBe('c1:7');
    expect(a.value).toBe(b.value);
    expect(JSON.parse(a.value).id).not.toBe(JSON.parse(c.value).id);
    expect(JSON.parse(a.value)).toMatchObject({
      type: 'ticketing.ticket.updated',
      deliveryid: 'poll:"h1"',
      time: '2026-01-01T00:00:00.000Z',
    });
  });

  it('makes a deletion event the contract accepts', () => {
    const message = polledEventMessage(
      source,
      { action: 'deleted', remoteId: '7', data: { id: '7' }, contentHash: '"h1"' },
      '2026-01-02T00:00:00.000Z',
    );
    const event = JSON.parse(message.value);
    expect(event).toMatchObject({
      type: 'ticketing.ticket.deleted',
      deliveryid: 'poll-deleted:"h1"',
      time: '2026-01-02T00:00:00.000Z',
    });
    expect(createEventValidator()(TOPICS.tickets, message.value, message.key)).toMatchObject({ valid: true });
  });
});
