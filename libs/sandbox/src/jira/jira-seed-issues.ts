import { textToAdf } from './jira-adf';
import type { AdfNode, StoredIssue } from './jira-model';
import { JIRA_AUTOMATION_ACCOUNT_ID, LABELS } from './jira-seed-directory';
import { jiraTimestamp, type JiraState } from './jira-state';

/** Regular work items (besides 3 epics and 4 sub-tasks): 4 pages at page size 10. */
export const SEED_TICKET_COUNT = 35;
export const SEED_EPIC_COUNT = 3;
export const SEED_SUBTASK_COUNT = 4;
/** The issue with many comments (for comment pagination): SUP-1. */
export const BUSY_ISSUE_KEY = 'SUP-1';
export const BUSY_ISSUE_COMMENT_COUNT = 25;

const BASE = Date.parse('2026-01-05T09:00:00Z');
const HOUR = 3_600_000;
const at = (ms: number) => jiraTimestamp(new Date(BASE + ms));
const user = (n: number) => `5f0c1a2b3c4d5e6f7081${String(n).padStart(4, '0')}`;
const CUSTOMER = 'qm:9f0c1a2b-0000-4000-8000-00000000c001';

const RICH_DESCRIPTION: AdfNode = {
  type: 'doc',
  version: 1,
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Steps to reproduce' }] },
    {
      type: 'orderedList',
      content: [
        {
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Open the invoice page' }] }],
        },
        {
          type: 'listItem',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Click ' },
                { type: 'text', text: 'Download PDF', marks: [{ type: 'strong' }] },
              ],
            },
          ],
        },
      ],
    },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Reported by ' },
        { type: 'mention', attrs: { id: user(3), text: '@Chloe Dubois' } },
        { type: 'text', text: ', see ' },
        {
          type: 'text',
          text: 'the status page',
          marks: [{ type: 'link', attrs: { href: 'https://status.acme.example' } }],
        },
        { type: 'text', text: '.' },
      ],
    },
    {
      type: 'codeBlock',
      attrs: { language: 'text' },
      content: [{ type: 'text', text: 'HTTP 500 <pdf-renderer>' }],
    },
  ],
};

function issue(
  partial: Omit<StoredIssue, 'creatorId' | 'statuscategorychangedate' | 'resolutionId' | 'resolutiondate'>,
  state: JiraState,
): StoredIssue {
  const status = state.statuses.get(partial.statusId);
  const done = status?.categoryKey === 'done';
  return {
    ...partial,
    creatorId: partial.reporterId,
    statuscategorychangedate: partial.updated,
    resolutionId: done ? (status?.name === "Won't Do" ? '10001' : '10000') : null,
    resolutiondate: done ? partial.updated : null,
  };
}

function add(state: JiraState, stored: StoredIssue): StoredIssue {
  state.issues.set(stored.id, stored);
  const [projectKey, n] = stored.key.split('-');
  state.issueCounters.set(projectKey, Math.max(state.issueCounters.get(projectKey) ?? 0, Number(n)));
  return stored;
}

function nextKey(state: JiraState, projectKey: string): string {
  return `${projectKey}-${(state.issueCounters.get(projectKey) ?? 0) + 1}`;
}

/** Epics, tickets, sub-tasks, their comments and attachments; every timestamp is fixed. */
export function seedIssues(state: JiraState): void {
  let id = 10000;
  const epics = [
    ['10001', 'Self-service billing portal'],
    ['10001', 'Checkout reliability'],
    ['10002', 'Observability stack'],
  ].map(([projectId, summary], i) =>
    add(
      state,
      issue(
        {
          id: String(id++),
          key: nextKey(state, projectId === '10001' ? 'ENG' : 'OPS'),
          projectId,
          summary,
          description: textToAdf(`${summary}: the epic groups the related work.`),
          issuetypeId: '10000',
          statusId: '3',
          priorityId: '3',
          assigneeId: user(2),
          reporterId: user(1),
          labels: [],
          duedate: '2026-03-31',
          parentId: null,
          created: at(i * HOUR),
          updated: at(i * HOUR + HOUR),
          customFields: {},
        },
        state,
      ),
    ),
  );

  const statusCycle = ['10000', '3', '10003', '10004', '10001', '10002', '10000'];
  const priorityCycle: (string | null)[] = ['3', '2', '4', '1', '5', '3', '2', '3', null];
  const typeCycle = ['10002', '10001', '10003'];
  const tickets: StoredIssue[] = [];
  for (let i = 0; i < SEED_TICKET_COUNT; i++) {
    const projectId = i < 15 ? '10000' : i < 28 ? '10001' : '10002';
    const projectKey = projectId === '10000' ? 'SUP' : projectId === '10001' ? 'ENG' : 'OPS';
    const created = 6 * HOUR * (i + 1);
    const customFields: Record<string, unknown> = {};
    if (projectKey === 'ENG') customFields.customfield_10016 = (i % 5) + 1;
    if (projectKey === 'SUP') {
      const tier = (['Gold', 'Silver', 'Bronze'] as const)[i % 3];
      customFields.customfield_10100 = {
        self: `/rest/api/3/customFieldOption/${10200 + (i % 3)}`,
        value: tier,
        id: String(10200 + (i % 3)),
      };
      customFields.customfield_10103 = user(9);
    }
    if (i % 4 === 0) customFields.customfield_10101 = `https://app.acme.example/page/${i}`;
    if (i % 7 === 4) customFields.customfield_10102 = textToAdf('A missing index on the invoices table.');
    const parentId =
      projectKey === 'ENG' && i % 2 === 0 ? epics[(i / 2) % 2].id : projectKey === 'OPS' ? epics[2].id : null;
    tickets.push(
      add(
        state,
        issue(
          {
            id: String(id++),
            key: nextKey(state, projectKey),
            projectId,
            summary: `${['Invoice PDF fails to render', 'Rotate API keys', 'Export tickets to CSV'][i % 3]} #${i + 1}`,
            description:
              i === 0
                ? RICH_DESCRIPTION
                : i % 6 === 5
                  ? null
                  : textToAdf(`Details of work item ${i + 1}.\nSecond line.`),
            issuetypeId: typeCycle[i % 3],
            statusId: statusCycle[i % statusCycle.length],
            priorityId: priorityCycle[i % priorityCycle.length],
            assigneeId: i % 4 === 3 ? null : user(2 + (i % 6)),
            reporterId:
              projectKey === 'SUP' && i % 5 === 1
                ? CUSTOMER
                : i % 9 === 8
                  ? JIRA_AUTOMATION_ACCOUNT_ID
                  : user(3 + (i % 3)),
            labels: [
              LABELS[i % LABELS.length],
              ...(i % 3 === 0 ? [LABELS[(i + 3) % LABELS.length]] : []),
            ].sort(),
            duedate: i % 3 === 0 ? `2026-02-${String((i % 27) + 1).padStart(2, '0')}` : null,
            parentId,
            created: at(created),
            updated: at(created + ((i % 5) + 1) * HOUR + 30 * 60_000),
            customFields,
          },
          state,
        ),
      ),
    );
  }

  for (let i = 0; i < SEED_SUBTASK_COUNT; i++) {
    const parent = i < 2 ? tickets[0] : tickets[15];
    const projectKey = parent.key.split('-')[0];
    const created = 6 * HOUR * (SEED_TICKET_COUNT + i + 1);
    add(
      state,
      issue(
        {
          id: String(id++),
          key: nextKey(state, projectKey),
          projectId: parent.projectId,
          summary: ['Reproduce on staging', 'Write regression test'][i % 2],
          description: textToAdf('Sub-task of ' + parent.key),
          issuetypeId: '10004',
          statusId: i % 2 === 0 ? '10001' : '10000',
          priorityId: '3',
          assigneeId: user(4 + i),
          reporterId: user(1),
          labels: [],
          duedate: i === 1 ? '2026-02-20' : null,
          parentId: parent.id,
          created: at(created),
          updated: at(created + HOUR),
          customFields: {},
        },
        state,
      ),
    );
  }

  seedComments(state, tickets);
  seedAttachments(state, tickets);
}

function seedComments(state: JiraState, tickets: StoredIssue[]): void {
  let id = 10000;
  const authors = [user(3), user(5), user(9), CUSTOMER, user(2)];
  tickets.slice(0, 10).forEach((ticket, t) => {
    const count = t === 0 ? BUSY_ISSUE_COMMENT_COUNT : t % 4;
    const start = Date.parse(ticket.created.replace('+0000', 'Z'));
    for (let k = 0; k < count; k++) {
      const author = authors[(t + k) % authors.length];
      const stamp = jiraTimestamp(new Date(start + (k + 1) * 20 * 60_000));
      state.comments.set(String(id), {
        id: String(id++),
        issueId: ticket.id,
        authorId: author,
        updateAuthorId: author,
        body: k === 1 ? RICH_DESCRIPTION : textToAdf(`Comment ${k + 1} on ${ticket.key}.`),
        created: stamp,
        updated: stamp,
        ...(t === 0 && k === 2
          ? { visibility: { type: 'role' as const, value: 'Administrators', identifier: 'Administrators' } }
          : {}),
        jsdPublic: !(t === 1 && k === 0),
      });
    }
  });
}

function seedAttachments(state: JiraState, tickets: StoredIssue[]): void {
  const files: [number, string, string, number][] = [
    [0, 'screenshot.png', 'image/png', 48213],
    [0, 'network-trace.har', 'application/json', 120456],
    [1, 'invoice-2026-01.pdf', 'application/pdf', 23123],
  ];
  files.forEach(([t, filename, mimeType, size], i) => {
    const ticket = tickets[t];
    state.attachments.set(10000 + i, {
      id: 10000 + i,
      issueId: ticket.id,
      filename,
      mimeType,
      size,
      authorId: ticket.reporterId,
      created: ticket.created,
    });
  });
}
