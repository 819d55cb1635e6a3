import { createEventValidator, deterministicEventId, TOPICS } from '@app/bus';
import { EXAMPLE_RECORDS } from '@app/unified-models';
import { syncDeliveryId, syncedMessages } from './synced-events';

const source = { jobId: 'syn_1', tenantId: 'ten_1', connectionId: 'con_1', provider: 'github' };
const validate = createEventValidator();

describe('syncedMessages', () => {
  it('makes ticketing.{entity}.synced events on the resource topic, keyed connectionId:remoteId', () => {
    const readAt = new Date('2026-02-03T04:05:06.000Z');
    const { topic, messages } = syncedMessages(source, 'users', [{ id: '7', name: 'Ann' }], readAt);
    expect(topic).toBe(TOPICS.users);
    expect(messages).toHaveLength(1);
    expect(messages[0].key).toBe('con_1:7');
    expect(JSON.parse(messages[0].value)).toMatchObject({
      type: 'ticketing.user.synced',
      subject: '7',
      source: '/connections/con_1',
      time: '2026-02-03T04:05:06.000Z',
      deliveryid: 'sync:syn_1',
      tenantid: 'ten_1',
      connectionid: 'con_1',
      provider: 'github',
      data: { id: '7', name: 'Ann' },
    });
  });

  it('gives a record the same id whenever its job reads it again, and another id in another job', () => {
    const record = { id: '42' };
    const first = JSON.parse(syncedMessages(source, 'tickets', [record], new Date(1)).messages[0].value);
    const again = JSON.parse(syncedMessages(source, 'tickets', [record], new Date(2)).messages[0].value);
    const otherJob = JSON.parse(
      syncedMessages({ ...source, jobId: 'syn_2' }, 'tickets', [record], new Date(1)).messages[0].value,
    );
    expect(again.id).toBe(first.id);
    expect(otherJob.id).not.toBe(first.id);
    expect(first.id).toBe(
      deterministicEventId({
        connectionId: 'con_1',
        deliveryId: syncDeliveryId('syn_1'),
        entity: 'ticket',
        remoteId: '42',
      }),
    );
  });

  it('passes the event contract for a full ticket record', () => {
    const ticket = { ...(EXAMPLE_RECORDS.tickets as { id: string }), remote_data: { id: 42 } };
    const { topic, messages } = syncedMessages(source, 'tickets', [ticket], new Date());
    const result = validate(topic, messages[0].value, messages[0].key);
    expect(result.errors).toEqual([]);
  });
});
