import type { DemoProvider } from '../demo/demo-provider';
import { countListed, rateLimitNext, type ListedCollections, type ProviderObject } from '../kit/described';
import { AzureDevopsEmulator } from './azure-devops-emulator';
import { ADO_ORG, ADO_PROJECT, ADO_SEED_PAT, ADO_TEAM, IDENTITIES } from './seed';

/** Unified resource → the emulator collection behind it, and which of its records a list returns. */
const LISTED: ListedCollections = {
  tickets: ['workitems', () => true],
  comments: ['comments', (c, q) => String(c.workItemId) === q.ticket_id],
  users: ['members', (m) => m.team === ADO_TEAM],
  teams: ['teams', () => true],
  workspaces: ['projects', () => true],
  tags: ['tags', () => true],
  ticket_types: ['workitemtypes', () => true],
  fields: ['fields', () => true],
  // Every node of both trees: none is deeper than the four levels the definition reads.
  collections: ['nodes', () => true],
};

const distinctStates = (emulator: AzureDevopsEmulator) =>
  new Set(emulator.records('workitemtypes').flatMap((t) => (t.states as ProviderObject[]).map((s) => s.name)))
    .size;

export const azureDevopsDemo: DemoProvider<AzureDevopsEmulator> = {
  provider: 'azure_devops',
  port: 4114,
  createEmulator: () => new AzureDevopsEmulator(),
  settings: { organization: ADO_ORG, project: ADO_PROJECT },
  credentials: { personal_access_token: ADO_SEED_PAT },
  conformance: {
    plans: {
      tickets: {
        create: {
          name: 'Gateway ticket',
          description: '<div>Created through the unified API</div>',
          ticket_type: { id: 'Bug' },
          tags: [{ id: 'customer', name: 'customer' }],
          assignees: [{ id: String(IDENTITIES.christie.id) }],
          priority: { id: '2' },
        },
        update: { name: 'Gateway ticket (edited)', status: { id: 'Active' } },
      },
      comments: {
        query: { ticket_id: '1' },
        create: { ticket: { id: '1' }, body: 'Through the gateway' },
        update: { body: 'Edited through the gateway' },
      },
      teams: { create: { name: 'Gateway team', description: 'Tier 3' }, update: { description: 'Tier 4' } },
      tags: { existing: 'a1c2e3f4-0003-4b5c-9d6e-7f8091a2b3c3', update: { name: 'regression-2' } },
    },
    count: (emulator, resource, query) =>
      resource === 'ticket_status'
        ? distinctStates(emulator)
        : countListed(LISTED)(emulator, resource, query),
    rateLimitNext,
  },
};
