import type { DemoProvider } from '../demo/demo-provider';
import { LinearEmulator } from './linear-emulator';
import { LINEAR_SEED_API_KEY, LINEAR_TEAM_ID, seedLinear, type LinearState } from './seed';

const seed = seedLinear();
const firstIssue = String(seed.issues[0].id);
const doneState = String(seed.workflowStates.find((s) => s.type === 'completed')?.id);

/** Unified resource → the emulator's records a full list returns. */
const LISTED: Record<string, (s: LinearState, q: Record<string, string>) => unknown[]> = {
  tickets: (s) => s.issues,
  comments: (s, q) => s.comments.filter((c) => !q.ticket_id || c.issueId === q.ticket_id),
  users: (s) => s.users,
  teams: (s) => s.teams,
  ticket_status: (s) => s.workflowStates,
  collections: (s) => s.projects,
  tags: (s) => s.labels,
  attachments: (s) => s.attachments,
};

export const linearDemo: DemoProvider<LinearEmulator> = {
  provider: 'linear',
  port: 4109,
  createEmulator: () => new LinearEmulator(),
  settings: { team_id: LINEAR_TEAM_ID },
  credentials: { api_key: LINEAR_SEED_API_KEY },
  conformance: {
    plans: {
      tickets: {
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          priority: { id: '2' },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: doneState } },
      },
      comments: {
        query: { ticket_id: firstIssue },
        create: { ticket: { id: firstIssue }, body: 'Through the gateway' },
        update: { body: 'Edited through the gateway' },
      },
      tags: { create: { name: 'gateway-label', color: '#00ff00' }, update: { color: '#ff0000' } },
    },
    count: (emulator, resource, query) => LISTED[resource]?.(emulator.state, query).length,
    corpus: (delivery) => {
      const body = delivery.json as { type: string; action: string };
      const action = { create: 'created', update: 'updated', remove: 'deleted' }[body.action];
      const resource = { Issue: 'tickets', Comment: 'comments' }[body.type];
      return resource && action
        ? { kind: 'changes', resources: [`${resource}:${action}`] }
        : { kind: 'ignored' };
    },
    rateLimitNext: (emulator, times) => emulator.injectFault(emulator.rateLimitFault(times)),
  },
};
