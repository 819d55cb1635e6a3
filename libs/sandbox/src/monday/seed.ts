/**
 * The seeded monday.com account, shaped after the objects of monday's GraphQL API (version 2026-10): one
 * workspace, the Support board with its groups and columns (a status column with monday's default labels,
 * people, date, tags, text), items storing their column values the way monday's `value` JSON holds them,
 * updates, users, teams and tags. Ids are monday's numeric strings; group and column ids are its slugs.
 */
export const MONDAY_SEED_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.sandbox-monday-api-token';
export const MONDAY_BOARD_ID = '4711223344';
export const MONDAY_WEB = 'https://acme-support.monday.com';

export type Row = Record<string, unknown>;

export interface MondayState {
  workspaces: Row[];
  boards: Row[];
  groups: Row[];
  columns: Row[];
  items: Row[];
  updates: Row[];
  users: Row[];
  teams: Row[];
  tags: Row[];
}

/** monday's default status labels; index 1 (Done) is its default done colour. */
export const STATUS_LABELS: Record<string, string> = {
  '0': 'Working on it',
  '1': 'Done',
  '2': 'Stuck',
  '5': '',
};
export const DONE_INDEXES = [1];

const user = (id: string, name: string, email: string, title: string, teams: string[]): Row => ({
  id,
  name,
  email,
  title,
  kind: 'member',
  status: 'ACTIVE',
  is_deleted: false,
  created_at: '2024-11-04T08:00:00Z',
  team_ids: teams,
});

const item = (
  id: string,
  name: string,
  group: string,
  createdAt: string,
  values: Row,
  updatedAt = createdAt,
): Row => ({
  id,
  name,
  state: 'active',
  board_id: MONDAY_BOARD_ID,
  group_id: group,
  creator_id: '61000001',
  created_at: createdAt,
  updated_at: updatedAt,
  values,
});

const people = (...ids: number[]) => ({ personsAndTeams: ids.map((id) => ({ id, kind: 'person' })) });

const update = (id: string, itemId: string, creator: string, body: string, at: string): Row => ({
  id,
  item_id: itemId,
  creator_id: creator,
  body: `<p>${body}</p>`,
  text_body: body,
  created_at: at,
  updated_at: at,
  edited_at: at,
});

export function seedMonday(): MondayState {
  return {
    workspaces: [
      {
        id: '5500001',
        name: 'Customer Support',
        description: 'Boards of the support team',
        kind: 'open',
        state: 'active',
        created_at: '2024-11-04T08:00:00Z',
      },
    ],
    boards: [
      {
        id: MONDAY_BOARD_ID,
        name: 'Support requests',
        description: 'Customer requests, triaged by the support team',
        state: 'active',
        board_kind: 'public',
        workspace_id: '5500001',
        created_at: '2024-11-04T09:00:00Z',
        updated_at: '2025-03-10T09:00:00Z',
      },
      {
        id: '4711223345',
        name: 'Roadmap',
        description: null,
        state: 'active',
        board_kind: 'share',
        workspace_id: '5500001',
        created_at: '2024-11-05T09:00:00Z',
        updated_at: '2025-02-01T09:00:00Z',
      },
    ],
    groups: [
      { id: 'topics', board_id: MONDAY_BOARD_ID, title: 'New requests', color: '#579bfc', position: '65536' },
      {
        id: 'group_in_progress',
        board_id: MONDAY_BOARD_ID,
        title: 'In progress',
        color: '#fdab3d',
        position: '131072',
      },
      {
        id: 'group_done',
        board_id: MONDAY_BOARD_ID,
        title: 'Resolved',
        color: '#00c875',
        position: '196608',
      },
    ].map((g) => ({ ...g, archived: false, deleted: false })),
    columns: [
      { id: 'name', title: 'Name', type: 'name', settings_str: '{}' },
      {
        id: 'status',
        title: 'Status',
        type: 'status',
        settings_str: JSON.stringify({
          labels: STATUS_LABELS,
          labels_colors: { '0': { color: '#fdab3d' }, '1': { color: '#00c875' }, '2': { color: '#e2445c' } },
          done_colors: DONE_INDEXES,
        }),
      },
      { id: 'person', title: 'Owner', type: 'people', settings_str: '{}' },
      { id: 'date4', title: 'Due date', type: 'date', settings_str: '{}' },
      { id: 'tags', title: 'Tags', type: 'tags', settings_str: '{}' },
      { id: 'text', title: 'Customer', type: 'text', settings_str: '{}' },
    ].map((c) => ({ ...c, board_id: MONDAY_BOARD_ID, description: null, archived: false })),
    items: [
      item(
        '9100000001',
        'Cannot log in after password reset',
        'group_in_progress',
        '2025-03-03T09:12:00Z',
        {
          status: { index: 0 },
          person: people(61000001),
          date4: { date: '2025-03-07' },
          tags: { tag_ids: [7001, 7004] },
          text: 'Globex',
        },
        '2025-03-04T15:20:00Z',
      ),
      item('9100000002', 'Invoice shows the wrong VAT rate', 'topics', '2025-03-04T10:00:00Z', {
        tags: { tag_ids: [7002] },
        text: 'Initech',
      }),
      item('9100000003', 'How do I export my data?', 'topics', '2025-03-05T08:45:00Z', {
        status: { index: 2 },
        person: people(61000002),
      }),
      item(
        '9100000004',
        'Dashboard loads slowly',
        'group_done',
        '2025-03-06T14:30:00Z',
        {
          status: { index: 1 },
          person: people(61000001, 61000003),
          date4: { date: '2025-03-10', time: '12:00:00' },
        },
        '2025-03-10T09:00:00Z',
      ),
      item('9100000005', 'Add SSO for the Enterprise plan', 'topics', '2025-03-07T16:00:00Z', {}),
      item('9100000006', 'Mobile app crashes on start', 'group_in_progress', '2025-03-08T09:00:00Z', {
        status: { index: 0 },
        tags: { tag_ids: [7001] },
      }),
      item('9100000007', 'Refund request #4411', 'group_done', '2025-03-09T09:00:00Z', {
        status: { index: 1 },
      }),
    ],
    updates: [
      update(
        '880000001',
        '9100000001',
        '61000001',
        'Reproduced on Chrome; the reset token is consumed twice.',
        '2025-03-03T09:40:00Z',
      ),
      update('880000002', '9100000001', '61000002', 'Could it be the SSO redirect?', '2025-03-03T11:05:00Z'),
      update('880000003', '9100000001', '61000001', 'Fix is in review.', '2025-03-04T08:15:00Z'),
      update(
        '880000004',
        '9100000001',
        '61000003',
        'Customer confirmed the workaround.',
        '2025-03-04T15:20:00Z',
      ),
      update(
        '880000005',
        '9100000002',
        '61000002',
        'Asked finance for the rate table.',
        '2025-03-04T11:00:00Z',
      ),
    ],
    users: [
      user('61000001', 'Amara Okafor', 'amara@acme.example', 'Support lead', ['71001']),
      user('61000002', 'Liu Wei', 'liu.wei@acme.example', 'Support engineer', ['71001']),
      user('61000003', 'Sofia Ramos', 'sofia@acme.example', 'Engineer', ['71002']),
      { ...user('61000004', 'Former Agent', 'former@acme.example', '', []), status: 'INACTIVE' },
    ],
    teams: [
      { id: '71001', name: 'Tier 1', picture_url: null, created_at: '2024-11-04T08:00:00Z' },
      { id: '71002', name: 'Engineering', picture_url: null, created_at: '2024-11-04T08:00:00Z' },
    ],
    tags: [
      { id: '7001', name: 'bug', color: '#e2445c' },
      { id: '7002', name: 'billing', color: '#fdab3d' },
      { id: '7003', name: 'question', color: '#00c875' },
      { id: '7004', name: 'vip', color: '#a25ddc' },
    ],
  };
}
