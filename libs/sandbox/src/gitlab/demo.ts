import { countListed, rateLimitNext, type ListedCollections } from '../kit/described';
import type { DemoProvider } from '../demo/demo-provider';
import { GitlabEmulator } from './gitlab-emulator';
import { GITLAB_SEED_PROJECT_ID, GITLAB_SEED_TOKEN } from './seed';

/** Unified resource → the emulator collection behind it, and which of its records a list returns. */
const LISTED: ListedCollections = {
  tickets: ['issues', () => true],
  // System notes are GitLab's activity log; the definition leaves them out.
  comments: ['notes', (n, q) => String(n.noteable_iid) === q.ticket_id && n.system !== true],
  users: ['users', () => true],
  teams: ['groups', () => true],
  workspaces: ['projects', () => true],
  tags: ['labels', () => true],
  collections: ['milestones', () => true],
};

export const gitlabDemo: DemoProvider<GitlabEmulator> = {
  provider: 'gitlab',
  port: 4104,
  createEmulator: () => new GitlabEmulator(),
  settings: { project_id: String(GITLAB_SEED_PROJECT_ID) },
  credentials: { token: GITLAB_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          tags: [{ id: 'bug' }],
        },
        update: { name: 'Gateway ticket (edited)', status: { id: 'closed' } },
      },
      comments: {
        query: { ticket_id: '1' },
        create: { ticket: { id: '1' }, body: 'Through the gateway' },
        update: { body: 'Edited through the gateway' },
      },
      tags: { create: { name: 'gateway-label', color: '#00ff00' }, update: { color: '#ff0000' } },
      collections: {
        create: { name: 'v9.0', description: 'Gateway milestone' },
        update: { description: 'Edited' },
      },
    },
    count: countListed(LISTED),
    // The documented Issue Hook (action open) and Note Hook (on an issue, action create).
    corpus: (delivery) =>
      ({
        'issue_hook.open.json': { kind: 'changes' as const, resources: ['tickets:created'] },
        'note_hook.issue.json': { kind: 'changes' as const, resources: ['comments:created'] },
      })[delivery.name],
    rateLimitNext,
  },
};
