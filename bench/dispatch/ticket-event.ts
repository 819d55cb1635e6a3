import { randomUUID } from 'node:crypto';
import { buildChangeEvent } from '@app/bus';

/** A realistic unified ticket event (about 1.4 kB), as the normalizer publishes it. */
export function ticketEvent(tenantId: string, connectionId: string) {
  const remoteId = String(Math.floor(Math.random() * 1e9));
  return buildChangeEvent({
    tenantId,
    connectionId,
    provider: 'github',
    deliveryId: randomUUID(),
    entity: 'ticket',
    action: 'updated',
    remoteId,
    time: new Date().toISOString(),
    data: {
      id: remoteId,
      name: 'Spelling error in the README file',
      description: 'It looks like you accidentally spelled "commit" with two "t"s. '.repeat(8),
      status: { id: 'open', name: 'open', category: 'open' },
      assignees: [{ id: '21031067', name: 'Codertocat' }],
      tags: [{ id: 'bug', name: 'bug' }],
      created_at: '2019-05-15T15:20:18.000Z',
      updated_at: new Date().toISOString(),
      remote_data: { number: 1, state: 'open', locked: false, comments: 0 },
    },
  });
}
