import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext, type ProviderObject } from '../kit/described';
import { ClickUpEmulator } from './clickup-emulator';
import { CLICKUP_LIST_ID, CLICKUP_SEED_TOKEN, CLICKUP_SPACE_ID, CLICKUP_TEAM_ID } from './seed';

const inSpace = (r: ProviderObject) => r.space_scope === CLICKUP_SPACE_ID;
const ofList = (r: ProviderObject) => r.list_scope === CLICKUP_LIST_ID;

/** Unified resource → the emulator's records a full list walk returns. */
const LISTED = {
  // Closed tasks and subtasks included (the definition asks for both).
  tickets: ['tasks', (t: ProviderObject) => ofList(t) && t.archived !== true],
  // The newest 25 of the task's comments.
  comments: ['comments', (c: ProviderObject, q: Record<string, string>) => c.task_scope === q.ticket_id],
  collections: ['folders', inSpace],
  ticket_status: ['lists', (l: ProviderObject) => l.id === CLICKUP_LIST_ID],
  ticket_priorities: ['spaces', (s: ProviderObject) => s.id === CLICKUP_SPACE_ID],
  organizations: ['workspaces', () => true],
  workspaces: ['spaces', (s: ProviderObject) => s.team_scope === CLICKUP_TEAM_ID],
  users: ['users', () => true],
  teams: ['groups', (g: ProviderObject) => g.team_id === CLICKUP_TEAM_ID],
  tags: ['tags', inSpace],
  fields: ['fields', ofList],
} satisfies Parameters<typeof countListed>[0];

const counted = countListed(LISTED);
/** Statuses and priorities are arrays inside one record: their length is the count. */
const INNER: Record<string, (record: ProviderObject) => number> = {
  ticket_status: (list) => (list.statuses as unknown[]).length,
  ticket_priorities: (space) =>
    ((space.features as { priorities: { priorities: unknown[] } }).priorities.priorities ?? []).length,
};

export const clickupDemo: DemoProvider<ClickUpEmulator> = {
  provider: 'clickup',
  port: 4113,
  createEmulator: () => new ClickUpEmulator(),
  settings: { team_id: CLICKUP_TEAM_ID, space_id: CLICKUP_SPACE_ID, list_id: CLICKUP_LIST_ID },
  credentials: { api_token: CLICKUP_SEED_TOKEN },
  conformance: {
    plans: {
      tickets: {
        create: {
          name: 'Gateway ticket',
          description: 'Created through the unified API',
          assignees: [{ id: '81000002' }],
          priority: { id: '2' },
          due_date: '2026-12-24',
          status: { id: 'in progress' },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: 'complete' } },
      },
      comments: {
        query: { ticket_id: '86c0abc01' },
        create: { ticket: { id: '86c0abc01' }, body: 'Through the gateway' },
        update: { body: 'Edited through the gateway' },
      },
      collections: { create: { name: 'Gateway folder' }, update: { name: 'Gateway folder (renamed)' } },
      teams: { create: { name: 'Gateway group' }, update: { name: 'Gateway group (renamed)' } },
    },
    count: (emulator, resource, query) => {
      const inner = INNER[resource];
      if (!inner) return counted(emulator, resource, query);
      const [collection, listed] = LISTED[resource as keyof typeof LISTED];
      const record = emulator.records(collection).find((r) => listed(r, query));
      return record && inner(record);
    },
    rateLimitNext,
  },
};
