import {
  JIRA_BUSY_ISSUE_COMMENT_COUNT,
  JIRA_BUSY_ISSUE_KEY,
  JIRA_SEED_EPIC_COUNT,
  JIRA_SEED_SUBTASK_COUNT,
  JIRA_SEED_TICKET_COUNT,
} from '@app/sandbox/jira';
import { capabilitiesOf } from '../engine/capabilities';
import { expectValid, jiraHarness } from './jira.test-support';

const ALL_ISSUES = JIRA_SEED_TICKET_COUNT + JIRA_SEED_EPIC_COUNT + JIRA_SEED_SUBTASK_COUNT;

/** Every listable resource: the query it needs, a page size giving 3+ pages where Jira pages, and its size. */
const LISTS: Record<
  string,
  {
    query?: (issueId: (key: string) => string) => Record<string, unknown>;
    limit: number;
    pages: number;
    count: number;
  }
> = {
  tickets: { limit: 10, pages: 5, count: ALL_ISSUES },
  collections: { limit: 1, pages: 3, count: JIRA_SEED_EPIC_COUNT },
  tasks: { query: (id) => ({ ticket_id: id(JIRA_BUSY_ISSUE_KEY) }), limit: 1, pages: 2, count: 2 },
  comments: {
    query: (id) => ({ ticket_id: id(JIRA_BUSY_ISSUE_KEY) }),
    limit: 10,
    pages: 3,
    count: JIRA_BUSY_ISSUE_COMMENT_COUNT,
  },
  attachments: { query: (id) => ({ ticket_id: id(JIRA_BUSY_ISSUE_KEY) }), limit: 10, pages: 1, count: 2 },
  users: { limit: 5, pages: 3, count: 12 },
  teams: { limit: 1, pages: 4, count: 4 },
  workspaces: { limit: 1, pages: 3, count: 3 },
  tags: { limit: 3, pages: 3, count: 8 },
  // Unpaged at Jira, paged by the engine: `limit` holds for every list.
  ticket_types: { limit: 2, pages: 3, count: 5 },
  ticket_status: { limit: 2, pages: 3, count: 6 },
  ticket_priorities: { limit: 2, pages: 3, count: 5 },
  fields: { limit: 10, pages: 3, count: 25 },
};

describe('Jira definition: reads through the engine against the emulator', () => {
  const h = jiraHarness();
  beforeAll(() => h.emulator.start());
  afterAll(() => h.emulator.stop());

  it('lists every resource it declares', () => {
    const listed = capabilitiesOf(h.registry)
      .filter((c) => c.methods.includes('list'))
      .map((c) => c.resource);
    expect(listed.sort()).toEqual(Object.keys(LISTS).sort());
  });

  it.each(Object.entries(LISTS))(
    'walks %s page by page: every record once, valid, the full count',
    async (resource, spec) => {
      const { records, pages } = await h.listAll(resource, {
        limit: spec.limit,
        query: spec.query?.(h.issueId),
      });
      expect({ pages, count: records.length }).toEqual({ pages: spec.pages, count: spec.count });
      expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
      for (const record of records) expectValid(resource, record);
    },
  );

  it.each(
    Object.keys(LISTS).filter((resource) =>
      capabilitiesOf(h.registry).some((c) => c.resource === resource && c.methods.includes('get')),
    ),
  )('gets each listed %s by id, as the list mapped it', async (resource) => {
    const query = LISTS[resource].query?.(h.issueId) ?? {};
    const { result } = await h.client.list(h.connection(), resource, { limit: 3, query });
    expect(result.length).toBeGreaterThan(0);
    for (const listed of result) {
      const got = expectValid(resource, await h.client.get(h.connection(), resource, listed.id, { query }));
      expect(got.id).toBe(listed.id);
      if (resource !== 'users') expect(got.etag).toBe(listed.etag);
    }
  });

  it('maps an issue: ids, key, status and priority categories, epic, ADF description, custom fields', async () => {
    const ticket = expectValid('tickets', await h.client.get(h.connection(), 'tickets', h.issueId('SUP-1')));
    expect(ticket).toMatchObject({
      number: 'SUP-1',
      name: 'Invoice PDF fails to render #1',
      status: { id: '10000', name: 'To Do', category: 'open' },
      priority: { id: '3', name: 'Medium', category: 'medium' },
      workspace: { id: '10000', name: 'Customer Support' },
      ticket_type: { id: '10002', name: 'Bug' },
      created_by: { type: 'user' },
      created_at: '2026-01-05T15:00:00.000+00:00',
      ticket_url: `${h.emulator.url}/browse/SUP-1`,
      tags: [
        { id: 'backend', name: 'backend' },
        { id: 'frontend', name: 'frontend' },
      ],
      attachments: [{ name: 'screenshot.png' }, { name: 'network-trace.har' }],
      custom_fields: {
        customfield_10100: { value: 'Gold', id: '10200' },
        customfield_10101: 'https://app.acme.example/page/0',
      },
    });
    expect(ticket.description).toBe(
      'Steps to reproduce\n\n1. Open the invoice page\n2. Click Download PDF\n\nReported by @Chloe Dubois, see the status page.\n\nHTTP 500 <pdf-renderer>',
    );
    const inEpic = await h.client.get(h.connection(), 'tickets', h.issueId('ENG-4'));
    expect(inEpic.collections).toEqual([
      { id: h.issueId('ENG-1'), name: 'Self-service billing portal', type: 'epic' },
    ]);
    expect(inEpic.parent_ticket).toEqual({ id: h.issueId('ENG-1'), name: 'Self-service billing portal' });
  });

  it('places every seeded status in its unified category', async () => {
    const { records } = await h.listAll('tickets', { limit: 50 });
    const categories = Object.fromEntries(
      records.map((r) => [(r.status as { name: string }).name, (r.status as { category: string }).category]),
    );
    expect(categories).toEqual({
      'To Do': 'open',
      'In Progress': 'in_progress',
      'Waiting for customer': 'on_hold',
      'In Review': 'in_progress',
      Done: 'done',
      "Won't Do": 'cancelled',
    });
    const priorities = new Set(
      records.map((r) =>
        JSON.stringify(
          r.priority && [
            (r.priority as { name: string }).name,
            (r.priority as { category: string }).category,
          ],
        ),
      ),
    );
    expect([...priorities].sort()).toEqual(
      [null, ['Highest', 'urgent'], ['High', 'high'], ['Medium', 'medium'], ['Low', 'low'], ['Lowest', 'low']]
        .map((p) => JSON.stringify(p))
        .sort(),
    );
  });

  it('maps JSM customers and automation as contact and system actors', async () => {
    const { records } = await h.listAll('tickets', { limit: 50 });
    const byCustomer = records.find((r) => (r.created_by as { type: string }).type === 'contact');
    expect(byCustomer).toMatchObject({
      contact: { name: 'Carla Customer' },
      created_by: { name: 'Carla Customer' },
    });
    expect(records.some((r) => (r.created_by as { type: string }).type === 'system')).toBe(true);
  });

  it('renders comment ADF to text and HTML, and reads internal and restricted comments', async () => {
    const query = { ticket_id: h.issueId(JIRA_BUSY_ISSUE_KEY) };
    const { records } = await h.listAll('comments', { limit: 50, query });
    const rich = records[1];
    expect(rich.body).toContain('1. Open the invoice page\n2. Click Download PDF');
    expect(rich.html_body).toBe(
      '<h2>Steps to reproduce</h2><ol><li><p>Open the invoice page</p></li><li><p>Click <strong>Download PDF</strong></p></li></ol>' +
        '<p>Reported by <span class="mention">@Chloe Dubois</span>, see <a href="https://status.acme.example">the status page</a>.</p>' +
        '<pre><code>HTTP 500 &lt;pdf-renderer&gt;</code></pre>',
    );
    expect(records[2]).toMatchObject({ is_private: true, is_internal: false });
    expect(records.every((c) => (c.ticket as { id: string }).id === query.ticket_id)).toBe(true);
    const internal = await h.listAll('comments', { query: { ticket_id: h.issueId('SUP-2') } });
    expect(internal.records[0]).toMatchObject({ is_internal: true });
  });

  it('reads users with their groups and roles on get only (the list is partial)', async () => {
    const page = await h.client.list(h.connection(), 'users', { limit: 1 });
    expect(page.is_partial).toBe(true);
    expect(page.result[0]).toMatchObject({
      name: 'Ada Admin',
      team_ids: null,
      emails: [{ email: 'ada.admin@acme.example' }],
    });
    const user = await h.client.get(h.connection(), 'users', page.result[0].id);
    expect(user).toMatchObject({
      team_ids: ['0a1b2c3d-0000-4000-8000-000000000001', '0a1b2c3d-0000-4000-8000-000000000002'],
      roles: [{ id: 'jira-software', name: 'Jira Software' }],
    });
  });

  it('filters tickets by updated_at and created_at through JQL, never dropping a match', async () => {
    const { records } = await h.listAll('tickets', { limit: 50 });
    const updated = records.map((r) => String(r.updated_at)).sort();
    const pivot = updated[20];
    const after = await h.listAll('tickets', {
      limit: 50,
      query: { updated_at: { gte: new Date(Date.parse(pivot)).toISOString() } },
    });
    const expected = records
      .filter((r) => Date.parse(String(r.updated_at)) >= Date.parse(pivot))
      .map((r) => r.id);
    expect(after.records.map((r) => r.id)).toEqual(expect.arrayContaining(expected));
    // Minute-precise relative bounds may widen the window by two minutes at most.
    for (const r of after.records)
      expect(Date.parse(String(r.updated_at))).toBeGreaterThanOrEqual(Date.parse(pivot) - 120_000);
    const before = await h.listAll('tickets', {
      limit: 50,
      query: { created_at: { lt: '2026-01-06T00:00:00.000Z' } },
    });
    expect(before.records.map((r) => r.number).sort()).toEqual(
      ['ENG-1', 'ENG-2', 'OPS-1', 'SUP-1', 'SUP-2'].sort(),
    );
  });

  it('narrows tickets to a workspace and collections to a workspace', async () => {
    const sup = await h.listAll('tickets', { limit: 50, query: { workspace_id: '10000' } });
    expect(sup.records.every((r) => (r.workspace as { id: string }).id === '10000')).toBe(true);
    expect(sup.records).toHaveLength(17);
    const epics = await h.listAll('collections', { query: { workspace_id: 'ENG' } });
    expect(epics.records.map((r) => r.name)).toEqual(['Self-service billing portal', 'Checkout reliability']);
  });
});
