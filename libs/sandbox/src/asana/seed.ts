/**
 * One Asana organisation as the API answers with every field asked for: objects shaped like the
 * official description's schemas (TaskResponse, StoryResponse, SectionResponse…). Compact references
 * (`{gid, name, resource_type}`) are embedded as Asana embeds them. Fields named `*_scope` are the
 * emulator's own bookkeeping (which parent a record is listed under) and never served.
 */
import type { ProviderObject } from '../kit/described';

export const ASANA_SEED_TOKEN = '2/1200000000000011/1200000000009999:emulatortoken0123456789abcdef';
export const ASANA_WORKSPACE_GID = '1200000000000001';
export const ASANA_PROJECT_GID = '1200000000000101';
/** The user the token belongs to: the author of what it writes. */
export const ASANA_TOKEN_USER_GID = '1200000000000011';

const APP = 'https://app.asana.com';
const at = (day: number, hour = 9) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
export const compact = (resource_type: string, gid: string, name: string): ProviderObject => ({
  gid,
  resource_type,
  name,
});

const WORKSPACES: [string, string, boolean][] = [
  [ASANA_WORKSPACE_GID, 'Acme Corp', true],
  ['1200000000000002', 'Personal Projects', false],
];
export const asanaWorkspaces = (): ProviderObject[] =>
  WORKSPACES.map(([gid, name, is_organization]) => ({
    gid,
    resource_type: 'workspace',
    name,
    is_organization,
    email_domains: is_organization ? ['acme.test'] : [],
  }));
const ACME = compact('workspace', ASANA_WORKSPACE_GID, 'Acme Corp');

const USERS: [string, string, string][] = [
  [ASANA_TOKEN_USER_GID, 'Ada Lovelace', 'ada@acme.test'],
  ['1200000000000012', 'Grace Hopper', 'grace@acme.test'],
  ['1200000000000013', 'Alan Turing', 'alan@acme.test'],
];
export const asanaUsers = (): ProviderObject[] =>
  USERS.map(([gid, name, email]) => ({
    gid,
    resource_type: 'user',
    name,
    email,
    photo: { image_128x128: `https://s3.amazonaws.com/profile_photos/${gid}.png` },
    workspaces: [ACME],
  }));
export const userRef = (gid: string) => {
  const user = USERS.find(([g]) => g === gid);
  return user && compact('user', user[0], user[1]);
};

export const asanaTeams = (): ProviderObject[] =>
  [
    ['1200000000000021', 'Support', 'First and second line support'],
    ['1200000000000022', 'Engineering', 'Product engineering'],
  ].map(([gid, name, description]) => ({
    gid,
    resource_type: 'team',
    name,
    description,
    html_description: `<body>${description}</body>`,
    organization: ACME,
    permalink_url: `${APP}/0/team/${gid}`,
    workspace_scope: ASANA_WORKSPACE_GID,
  }));

const PROJECTS: [string, string, string][] = [
  [ASANA_PROJECT_GID, 'Support Desk', 'Customer requests, triaged by the support team'],
  ['1200000000000102', 'Roadmap', 'What engineering builds next'],
];
export const asanaProjects = (): ProviderObject[] =>
  PROJECTS.map(([gid, name, notes], i) => ({
    gid,
    resource_type: 'project',
    name,
    notes,
    archived: false,
    color: i === 0 ? 'light-green' : 'dark-blue',
    created_at: at(1 + i),
    modified_at: at(20 + i),
    default_view: 'board',
    public: true,
    owner: userRef(ASANA_TOKEN_USER_GID),
    team: compact(
      'team',
      i === 0 ? '1200000000000021' : '1200000000000022',
      i === 0 ? 'Support' : 'Engineering',
    ),
    workspace: ACME,
    permalink_url: `${APP}/0/${gid}/${gid}`,
  }));
const projectRef = (gid: string) => compact('project', gid, PROJECTS.find(([g]) => g === gid)![1]);

const SECTIONS: [string, string, string][] = [
  ['1200000000000201', 'Triage', ASANA_PROJECT_GID],
  ['1200000000000202', 'In progress', ASANA_PROJECT_GID],
  ['1200000000000203', 'Waiting on customer', ASANA_PROJECT_GID],
  ['1200000000000204', 'Done', ASANA_PROJECT_GID],
  ['1200000000000205', 'Backlog', '1200000000000102'],
];
export const asanaSections = (): ProviderObject[] =>
  SECTIONS.map(([gid, name, project], i) => ({
    gid,
    resource_type: 'section',
    name,
    created_at: at(1, 10 + i),
    project: projectRef(project),
    projects: [projectRef(project)],
    project_scope: project,
  }));
export const sectionRef = (gid: string) => {
  const section = SECTIONS.find(([g]) => g === gid);
  return section && compact('section', section[0], section[1]);
};

export const asanaTags = (): ProviderObject[] =>
  [
    ['1200000000000301', 'billing', 'light-red'],
    ['1200000000000302', 'bug', 'dark-orange'],
    ['1200000000000303', 'vip', 'light-purple'],
  ].map(([gid, name, color], i) => ({
    gid,
    resource_type: 'tag',
    name,
    color,
    notes: '',
    created_at: at(2, 9 + i),
    followers: [],
    workspace: ACME,
    permalink_url: `${APP}/0/${gid}/list`,
  }));

const option = (gid: string, name: string, color: string) => ({
  gid,
  resource_type: 'enum_option',
  name,
  enabled: true,
  color,
});
export const asanaCustomFields = (): ProviderObject[] => [
  {
    gid: '1200000000000401',
    resource_type: 'custom_field',
    name: 'Priority',
    description: 'How soon support must answer',
    type: 'enum',
    resource_subtype: 'enum',
    enum_options: [
      option('1200000000000411', 'Low', 'blue'),
      option('1200000000000412', 'Medium', 'yellow'),
      option('1200000000000413', 'High', 'red'),
    ],
    is_global_to_workspace: true,
    has_notifications_enabled: true,
    created_by: userRef(ASANA_TOKEN_USER_GID),
    workspace_scope: ASANA_WORKSPACE_GID,
  },
  {
    gid: '1200000000000402',
    resource_type: 'custom_field',
    name: 'Effort',
    description: 'Estimated hours',
    type: 'number',
    resource_subtype: 'number',
    precision: 0,
    is_global_to_workspace: true,
    has_notifications_enabled: false,
    created_by: userRef('1200000000000012'),
    workspace_scope: ASANA_WORKSPACE_GID,
  },
];
