import type { WritePlan } from '../demo/conformance-profile';

/** What the conformance suite writes for jira (unified bodies), per resource. */
export const JIRA_WRITE_PLANS: Record<string, WritePlan> = {
  tickets: {
    create: {
      name: 'Gateway ticket',
      description: 'Created through the unified API',
      workspace: { id: '10000' },
    },
    update: { name: 'Gateway ticket (edited)' },
  },
  comments: {
    query: { ticket_id: '{{ticket:SUP-3}}' },
    create: { ticket: { id: '{{ticket:SUP-3}}' }, body: 'Through the gateway' },
    update: { body: 'Edited through the gateway' },
  },
  collections: {
    create: { name: 'Gateway epic', description: 'Everything', workspace: { id: 'ENG' } },
    update: { description: 'Edited' },
  },
  tasks: {
    query: { ticket_id: '{{ticket:SUP-1}}' },
    create: { name: 'Gateway sub-task', ticket: { id: '{{ticket:SUP-1}}' } },
    update: { description: 'Edited through the gateway' },
  },
  attachments: { query: { ticket_id: '{{ticket:SUP-1}}' }, existing: '10000' },
  teams: { create: { name: 'gateway-team' } },
  ticket_types: {
    create: { name: 'Gateway type', description: 'Research' },
    update: { description: 'Edited' },
  },
  ticket_priorities: {
    create: { name: 'Gateway priority', description: 'Stops a release' },
    update: { description: 'Stops every release' },
  },
  fields: {
    create: { name: 'Gateway severity', type: 'option', description: 'How bad' },
    update: { label: 'Gateway severity II' },
  },
  workspaces: { existing: '10002', update: { description: 'On-call' } },
};
