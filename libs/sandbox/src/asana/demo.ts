import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext, type ProviderObject } from '../kit/described';
import { AsanaEmulator } from './asana-emulator';
import { ASANA_PROJECT_GID, ASANA_SEED_TOKEN, ASANA_WORKSPACE_GID } from './seed';

const gids = (value: unknown) =>
  ([] as unknown[]).concat(value).map((r) => (r as ProviderObject | null)?.gid);
const inWorkspace = (r: ProviderObject) => gids(r.workspace ?? r.workspaces).includes(ASANA_WORKSPACE_GID);

/** Unified resource → the emulator's records a full list walk returns. */
const LISTED = {
  tickets: ['tasks', (t: ProviderObject) => gids(t.projects).includes(ASANA_PROJECT_GID)],
  comments: [
    'stories',
    (s: ProviderObject, q: Record<string, string>) => s.type === 'comment' && s.task_scope === q.ticket_id,
  ],
  collections: ['projects', inWorkspace],
  ticket_status: ['sections', (s: ProviderObject) => s.project_scope === ASANA_PROJECT_GID],
  workspaces: ['workspaces', () => true],
  teams: ['teams', (t: ProviderObject) => t.workspace_scope === ASANA_WORKSPACE_GID],
  users: ['users', inWorkspace],
  tags: ['tags', inWorkspace],
  fields: ['custom_fields', (f: ProviderObject) => f.workspace_scope === ASANA_WORKSPACE_GID],
} satisfies Parameters<typeof countListed>[0];

export const asanaDemo: DemoProvider<AsanaEmulator> = {
  provider: 'asana',
  port: 4112,
  createEmulator: () => new AsanaEmulator(),
  settings: { workspace_gid: ASANA_WORKSPACE_GID, project_gid: ASANA_PROJECT_GID },
  credentials: { access_token: ASANA_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        // The status is a section of the project: the task joins "In progress", then "Done" completes it.
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          assignees: [{ id: '1200000000000012' }],
          due_date: '2026-12-24',
          status: { id: '1200000000000202' },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: '1200000000000204', category: 'done' } },
      },
      comments: {
        query: { ticket_id: '1200000000001001' },
        create: { ticket: { id: '1200000000001001' }, body: 'Through the gateway' },
        update: { body: 'Edited through the gateway' },
      },
      tags: { create: { name: 'gateway', color: 'light-blue' }, update: { name: 'gateway-renamed' } },
    },
    count: countListed(LISTED),
    rateLimitNext,
  },
};
