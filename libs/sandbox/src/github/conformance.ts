import type { WritePlan } from '../demo/conformance-profile';

/** What the conformance suite writes for github (unified bodies), per resource. */
export const GITHUB_WRITE_PLANS: Record<string, WritePlan> = {
  tickets: {
    create: { name: 'Gateway ticket', description: 'Created through the unified API' },
    update: { name: 'Gateway ticket (edited)' },
  },
  comments: {
    query: { ticket_id: '3' },
    create: { ticket: { id: '3' }, body: 'Through the gateway' },
    update: { body: 'Edited through the gateway' },
  },
  tags: { create: { name: 'gateway-label', color: '#00FF00' }, update: { color: '#ff0000' } },
  collections: {
    create: { name: 'v9.0', description: 'Gateway milestone' },
    update: { description: 'Edited' },
  },
  ticket_types: { create: { name: 'Gateway type', description: 'Research' } },
  fields: {
    create: { name: 'Gateway severity', type: 'enum', options: [{ value: 'S1' }, { value: 'S2' }] },
    update: { description: 'How bad' },
  },
  tasks: { query: { ticket_id: '1' } },
};
