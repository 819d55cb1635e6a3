import { JIRA_BUSY_ISSUE_KEY } from '@app/sandbox/jira';
import { capabilitiesOf } from '../engine/capabilities';
import { ProviderNotFoundError } from '../engine/errors';
import type { UnifiedRecord } from '../engine/record-mapper';
import { expectValid, jiraHarness } from './jira.test-support';

type Harness = ReturnType<typeof jiraHarness>;
type Query = Record<string, unknown>;

/**
 * One write scenario per resource: what to create and how it reads back, what to change, and which
 * existing record a delete-only resource removes. Queries carry what Jira's paths need (the ticket).
 */
interface Scenario {
  query?: (h: Harness) => Query;
  create?: (h: Harness) => { body: Record<string, unknown>; expected: Record<string, unknown> };
  update?: { body: Record<string, unknown>; expected: Record<string, unknown> };
  /** For resources that can be deleted but not created: the id of a seeded record. */
  existing?: (h: Harness) => string;
}

const SCENARIOS: Record<string, Scenario> = {
  tickets: {
    create: () => ({
      body: {
        name: 'Checkout button unresponsive',
        description: 'Steps:\nopen cart\n\nExpected: it works.',
        workspace: { id: '10001' },
        ticket_type: { id: '10002' },
        priority: { id: '2' },
        assignees: [{ id: '5f0c1a2b3c4d5e6f70810004' }],
        tags: [{ id: 'frontend' }, { id: 'regression' }],
        due_date: '2026-03-15',
        collections: [{ id: '10000', type: 'epic' }],
        custom_fields: { customfield_10016: 5, customfield_10100: { value: 'Silver' } },
      },
      expected: {
        name: 'Checkout button unresponsive',
        description: 'Steps:\nopen cart\n\nExpected: it works.',
        workspace: { id: '10001', name: 'Engineering' },
        ticket_type: { id: '10002', name: 'Bug' },
        priority: { id: '2', name: 'High', category: 'high' },
        status: { id: '10000', name: 'To Do', category: 'open' },
        assignees: [{ id: '5f0c1a2b3c4d5e6f70810004', name: 'Dmitri Ivanov' }],
        tags: [
          { id: 'frontend', name: 'frontend' },
          { id: 'regression', name: 'regression' },
        ],
        due_date: '2026-03-15',
        collections: [{ id: '10000', name: 'Self-service billing portal', type: 'epic' }],
        created_by: { id: '5f0c1a2b3c4d5e6f70810001', name: 'Ada Admin', type: 'user' },
        custom_fields: { customfield_10016: 5, customfield_10100: { value: 'Silver', id: '10201' } },
      },
    }),
    update: {
      body: {
        name: 'Checkout button unresponsive on Safari',
        assignees: [],
        priority: null,
        tags: [{ id: 'ux' }],
        due_date: null,
      },
      expected: {
        name: 'Checkout button unresponsive on Safari',
        assignees: [],
        priority: null,
        tags: [{ id: 'ux', name: 'ux' }],
        due_date: null,
      },
    },
  },
  comments: {
    query: (h) => ({ ticket_id: h.issueId('SUP-3') }),
    create: (h) => ({
      body: {
        ticket: { id: h.issueId('SUP-3') },
        body: 'Thanks for the report.\n\nWe are on it.',
        is_internal: true,
      },
      expected: {
        body: 'Thanks for the report.\n\nWe are on it.',
        html_body: '<p>Thanks for the report.</p><p>We are on it.</p>',
        ticket: { id: h.issueId('SUP-3') },
        is_internal: true,
        is_private: false,
        author: { id: '5f0c1a2b3c4d5e6f70810001', name: 'Ada Admin', type: 'user' },
      },
    }),
    update: {
      body: { html_body: '<p>Fixed in <b>2.3</b></p><p>Closing.</p>', is_internal: false },
      expected: {
        body: 'Fixed in 2.3\n\nClosing.',
        html_body: '<p>Fixed in 2.3</p><p>Closing.</p>',
        is_internal: false,
      },
    },
  },
  collections: {
    create: () => ({
      body: { name: 'Mobile app', description: 'Everything for the app.', workspace: { id: 'ENG' } },
      expected: {
        name: 'Mobile app',
        description: 'Everything for the app.',
        type: 'epic',
        workspace: { id: '10001', name: 'Engineering' },
      },
    }),
    update: {
      body: { name: 'Mobile apps' },
      expected: { name: 'Mobile apps', description: 'Everything for the app.' },
    },
  },
  tasks: {
    create: (h) => ({
      body: {
        name: 'Check the logs',
        ticket: { id: h.issueId(JIRA_BUSY_ISSUE_KEY) },
        assignees: [{ id: '5f0c1a2b3c4d5e6f70810003' }],
        due_date: '2026-04-01',
      },
      expected: {
        name: 'Check the logs',
        ticket: { id: h.issueId(JIRA_BUSY_ISSUE_KEY), name: 'Invoice PDF fails to render #1' },
        assignees: [{ id: '5f0c1a2b3c4d5e6f70810003', name: 'Chloe Dubois' }],
        due_date: '2026-04-01',
        status: { id: '10000', name: 'To Do', category: 'open' },
      },
    }),
    update: {
      body: { description: 'Look at the 500s.' },
      expected: { name: 'Check the logs', description: 'Look at the 500s.' },
    },
  },
  teams: {
    create: () => ({ body: { name: 'mobile-team' }, expected: { name: 'mobile-team' } }),
  },
  ticket_types: {
    create: () => ({
      body: { name: 'Incident', description: 'Something is broken for customers.' },
      expected: { name: 'Incident', description: 'Something is broken for customers.', project: null },
    }),
    update: {
      body: { name: 'Major incident' },
      expected: { name: 'Major incident', description: 'Something is broken for customers.' },
    },
  },
  ticket_priorities: {
    create: () => ({
      body: { name: 'Blocker', description: 'Stops a release.' },
      expected: { name: 'Blocker', description: 'Stops a release.' },
    }),
    update: {
      body: { description: 'Stops every release.' },
      expected: { name: 'Blocker', description: 'Stops every release.' },
    },
  },
  fields: {
    create: () => ({
      body: { name: 'Severity', type: 'option', description: 'How bad it is.' },
      expected: {
        label: 'Severity',
        type: 'option',
        format: 'select',
        is_user_defined: true,
        description: 'How bad it is.',
      },
    }),
    update: {
      body: { label: 'Customer severity' },
      expected: { label: 'Customer severity', type: 'option' },
    },
  },
  workspaces: {
    existing: () => '10002',
    update: {
      body: { name: 'Operations & SRE', description: 'On-call.' },
      expected: { name: 'Operations & SRE', description: 'On-call.', status: 'active' },
    },
  },
  attachments: { existing: () => '10000', query: (h) => ({ ticket_id: h.issueId(JIRA_BUSY_ISSUE_KEY) }) },
};

describe('Jira definition: writes through the engine against the emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = jiraHarness();
    await h.emulator.start();
  });
  afterEach(() => h.emulator.stop());

  it('has a scenario for every resource it can write', () => {
    const writable = capabilitiesOf(jiraHarness().registry)
      .filter((c) => c.methods.some((m) => m === 'create' || m === 'update' || m === 'delete'))
      .map((c) => c.resource);
    expect(writable.sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  const methodsOf = (resource: string) =>
    capabilitiesOf(jiraHarness().registry).find((c) => c.resource === resource)?.methods ?? [];

  it.each(Object.keys(SCENARIOS))(
    '%s: create, read back, update, read back, delete, gone',
    async (resource) => {
      const scenario = SCENARIOS[resource];
      const methods = methodsOf(resource);
      const query = scenario.query?.(h) ?? {};
      const get = (id: string) => h.client.get(h.connection(), resource, id, { query });
      let id: string;
      if (methods.includes('create')) {
        const { body, expected } = scenario.create!(h);
        const created = expectValid(
          resource,
          await h.client.create(h.connection(), resource, body, { query }),
        );
        expect(created).toMatchObject(expected);
        expect(expectValid(resource, await get(created.id))).toMatchObject(expected);
        id = created.id;
      } else {
        id = scenario.existing!(h);
      }
      if (methods.includes('update')) {
        const { body, expected } = scenario.update!;
        const updated: UnifiedRecord = expectValid(
          resource,
          await h.client.update(h.connection(), resource, id, body, { query }),
        );
        expect(updated).toMatchObject(expected);
        expect(expectValid(resource, await get(id))).toMatchObject(expected);
      }
      if (methods.includes('delete')) {
        await h.client.delete(h.connection(), resource, id, { query });
        await expect(get(id)).rejects.toBeInstanceOf(ProviderNotFoundError);
      }
    },
  );

  it('deletes a ticket with sub-tasks only when the caller asks Jira to delete them too', async () => {
    const parent = h.issueId(JIRA_BUSY_ISSUE_KEY);
    await expect(h.client.delete(h.connection(), 'tickets', parent)).rejects.toMatchObject({
      details: { providerStatus: 400, message: expect.stringContaining('deleteSubtasks') },
    });
    await h.client.delete(h.connection(), 'tickets', parent, {
      query: { remote_query: { deleteSubtasks: 'true' } },
    });
    await expect(h.client.get(h.connection(), 'tickets', parent)).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
    expect(h.emulator.state.findIssue('SUP-16')).toBeUndefined();
  });

  it('creates a ticket in the connection’s default project, as a Task, without a workspace', async () => {
    const created = await h.client.create(h.connection(), 'tickets', { name: 'Call back the customer' });
    expect(created).toMatchObject({
      workspace: { id: '10000' },
      ticket_type: { name: 'Task' },
      number: expect.stringMatching(/^SUP-/),
    });
  });

  it('updates only the ticket fields given: absent ones keep their values', async () => {
    const id = h.issueId('SUP-5');
    const before = await h.client.get(h.connection(), 'tickets', id);
    const after = await h.client.update(h.connection(), 'tickets', id, { due_date: '2026-05-01' });
    const { due_date: _d, updated_at: _u, etag: _e, remote_data: _r, ...unchanged } = before;
    expect(after).toMatchObject({ ...unchanged, due_date: '2026-05-01' });
  });
});
