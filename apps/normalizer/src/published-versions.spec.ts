import { buildChangeEvent, TOPICS, type ChangeEventAction, type UnifiedChangeEvent } from '@app/bus';
import type { PublishedVersion } from '@app/store';
import { recordPublishedVersions } from './published-versions';

function ticketEvent(
  remoteId: string,
  action: ChangeEventAction,
  data: Record<string, unknown>,
  partial = false,
): UnifiedChangeEvent {
  return buildChangeEvent({
    tenantId: 'ten_1',
    connectionId: 'con_1',
    provider: 'github',
    deliveryId: `d-${remoteId}-${action}`,
    entity: 'ticket',
    action,
    remoteId,
    time: '2026-12-07T00:00:00.000Z',
    data,
    partial,
  });
}

function fakeStore() {
  const recorded: PublishedVersion[][] = [];
  const forgotten: { connectionId: string; resource: string; remoteIds: string[] }[] = [];
  return {
    recorded,
    forgotten,
    store: {
      publishedVersions: {
        record: async (versions: PublishedVersion[]) => {
          recorded.push(versions);
        },
        forget: async (connectionId: string, resource: string, remoteIds: string[]) => {
          forgotten.push({ connectionId, resource, remoteIds });
        },
      },
    } as never,
  };
}

const etagHasher = {
  hashOf: async (_provider: string, _resource: string, record: Record<string, unknown>) =>
    typeof record.etag === 'string' ? record.etag : undefined,
};

/** Records a run whose tickets topic carried `tickets`, plus anything in `more`; returns what the store got. */
async function record(
  tickets: UnifiedChangeEvent[],
  more: { topic: string; events: UnifiedChangeEvent[] }[] = [],
) {
  const { store, recorded, forgotten } = fakeStore();
  await recordPublishedVersions(store, [{ topic: TOPICS.tickets, events: tickets }, ...more], etagHasher);
  return { recorded, forgotten };
}

describe('recordPublishedVersions', () => {
  it('records the last version of each record published in the run, from the events as built', async () => {
    const { recorded, forgotten } = await record([
      ticketEvent('1', 'created', { id: '1', etag: '"v1"' }),
      ticketEvent('2', 'created', { id: '2', etag: '"a"' }),
      ticketEvent('1', 'updated', { id: '1', etag: '"v2"' }),
    ]);
    expect(recorded).toEqual([
      [
        { connectionId: 'con_1', resource: 'tickets', remoteId: '1', contentHash: '"v2"' },
        { connectionId: 'con_1', resource: 'tickets', remoteId: '2', contentHash: '"a"' },
      ],
    ]);
    expect(forgotten).toEqual([]);
  });

  it('forgets a deleted record, skips partial events, records without a hash and topics of no resource', async () => {
    const { recorded, forgotten } = await record(
      [
        ticketEvent('1', 'created', { id: '1', etag: '"v1"' }),
        ticketEvent('1', 'deleted', { id: '1' }),
        ticketEvent('3', 'updated', { id: '3', etag: '"p"' }, true),
        ticketEvent('4', 'updated', { id: '4' }),
      ],
      [{ topic: TOPICS.dlq, events: [ticketEvent('5', 'created', { id: '5', etag: '"x"' })] }],
    );
    expect(recorded).toEqual([]);
    expect(forgotten).toEqual([{ connectionId: 'con_1', resource: 'tickets', remoteIds: ['1'] }]);
  });
});
