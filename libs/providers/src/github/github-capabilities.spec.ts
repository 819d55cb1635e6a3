import { createRecordValidator } from '@app/unified-models';
import type { GithubState } from '@app/sandbox/github';
import { capabilitiesOf } from '../engine/capabilities';
import { githubHarness, unifiedFields } from './github-test-kit';

type Json = Record<string, unknown>;

interface ListCase {
  query?: Json;
  limit: number;
  /** How many records the emulator holds for this list. */
  total: (s: GithubState) => number;
  /** The provider does not paginate this list (the engine pages it for the caller). */
  unpaged?: boolean;
}

const isPull = (s: GithubState, n: number) => s.issues.some((i) => i.number === n && i.pull_request);

/** Every list the definition offers, with what the emulator should give back in full. */
const LISTS: Record<string, ListCase> = {
  tickets: { limit: 10, total: (s) => s.issues.filter((i) => !i.pull_request).length },
  comments: { limit: 4, total: (s) => s.comments.filter((c) => !isPull(s, c.issue)).length },
  users: { limit: 2, total: (s) => s.users.length },
  tags: { limit: 4, total: (s) => s.labels.length },
  collections: { limit: 2, total: (s) => s.milestones.length },
  workspaces: { limit: 1, total: (s) => s.repos.filter((r) => !r.private).length },
  organizations: { limit: 1, total: (s) => s.memberships.length },
  teams: { limit: 2, total: (s) => s.teams.length },
  tasks: { limit: 1, query: { ticket_id: '1' }, total: (s) => s.issues.filter((i) => i.parent === 1).length },
  ticket_types: { limit: 1, unpaged: true, total: (s) => s.issueTypes.length },
  fields: { limit: 1, unpaged: true, total: (s) => s.issueFields.length },
  ticket_status: { limit: 1, unpaged: true, total: () => 2 },
};

/** An id each `get` can fetch (label names with spaces test the path encoding). */
const GET_IDS: Record<string, string> = {
  tickets: '7',
  comments: '900003',
  users: '1002',
  tags: 'good first issue',
  collections: '2',
  workspaces: 'octo-org/tracker',
  organizations: 'octo-org',
  teams: 'design',
  tasks: '3',
};

describe('GitHub definition × emulator: every capability', () => {
  const { emulator, registry, client, connection, listAll } = githubHarness();
  const capabilities = capabilitiesOf(registry);

  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('declares exactly the capabilities these tests and github-writes.spec.ts exercise', () => {
    // Lists and gets are driven by LISTS and GET_IDS here; every write below has its own test there.
    expect(Object.fromEntries(capabilities.map((c) => [c.resource, c.methods]))).toEqual({
      collections: ['list', 'get', 'create', 'update', 'delete'],
      comments: ['list', 'get', 'create', 'update', 'delete'],
      fields: ['list', 'create', 'update', 'delete'],
      organizations: ['list', 'get'],
      tags: ['list', 'get', 'create', 'update', 'delete'],
      tasks: ['list', 'get'],
      teams: ['list', 'get'],
      ticket_status: ['list'],
      ticket_types: ['list', 'create', 'delete'],
      // GitHub's REST API cannot delete an issue.
      tickets: ['list', 'get', 'create', 'update'],
      users: ['list', 'get'],
      workspaces: ['list', 'get'],
    });
    const reads = capabilities.flatMap((c) =>
      c.methods.filter((m) => m === 'list' || m === 'get').map((m) => `${c.resource}.${m}`),
    );
    const driven = [
      ...Object.keys(LISTS).map((r) => `${r}.list`),
      ...Object.keys(GET_IDS).map((r) => `${r}.get`),
    ];
    expect(reads.sort()).toEqual(driven.sort());
  });

  it.each(Object.entries(LISTS))(
    'lists every %s across pages, without duplicates, all valid',
    async (resource, c) => {
      const { records, pages } = await listAll(resource, { limit: c.limit, query: c.query });
      const ids = records.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(records).toHaveLength(c.total(emulator.state));
      // Unpaged at GitHub, paged by the engine: `limit` holds for every list.
      expect(pages).toBe(Math.ceil(c.total(emulator.state) / c.limit));
      if (!c.unpaged) expect(pages).toBeGreaterThanOrEqual(3);
      const validate = createRecordValidator(resource as never);
      for (const record of records) expect(validate(record).errors ?? []).toEqual([]);
    },
  );

  it('walks tickets in creation order and leaves pull requests out', async () => {
    const { records } = await listAll('tickets', { limit: 10 });
    const numbers = records.map((r) => Number(r.id));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers).not.toContain(5);
    expect(records.every((r) => (r.remote_data as Json).pull_request === undefined)).toBe(true);
  });

  it.each(Object.entries(GET_IDS))(
    'gets one %s by id, the same record the list gives',
    async (resource, id) => {
      const record = await client.get(connection(), resource, id);
      expect(record.id).toBe(id);
      expect(createRecordValidator(resource as never)(record).errors ?? []).toEqual([]);
      const list = registry.get('github').resources[resource].methods?.list;
      if (list && !list.isPartial) {
        const { records } = await listAll(resource, { limit: 100, query: LISTS[resource].query });
        expect(unifiedFields(records.find((r) => r.id === id)!)).toEqual(unifiedFields(record));
      }
    },
  );

  it('puts issue field values on custom_fields under the names the fields list gives', async () => {
    const ticket = await client.get(connection(), 'tickets', '3');
    expect(ticket.custom_fields).toEqual({ Priority: 'Low', Effort: 3 });
    const { records: fields } = await listAll('fields');
    const names = fields.map((f) => f.name);
    expect(Object.keys(ticket.custom_fields as object).every((key) => names.includes(key))).toBe(true);
    const priority = fields.find((f) => f.name === 'Priority')!;
    expect(priority.options).toContainEqual({ value: 'Low', label: 'Low' });
    expect((await client.get(connection(), 'tickets', '4')).custom_fields).toEqual({});
  });

  it('derives the two issue states from the repository, with a status for every ticket', async () => {
    const { records: statuses } = await listAll('ticket_status');
    expect(statuses.map((s) => s.id)).toEqual(['open', 'closed']);
    const { records: tickets } = await listAll('tickets', { limit: 100 });
    const used = new Set(tickets.map((t) => (t.status as { id: string }).id));
    expect([...used].sort()).toEqual(['closed', 'open']);
  });
});
