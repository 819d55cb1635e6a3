/**
 * The seeded Azure DevOps organization `fabrikam` and its project `Fabrikam-Fiber` (Agile process),
 * shaped after the objects of the REST API 7.1 descriptions and their examples: identities, teams,
 * work item types with their states, fields, classification nodes, tags, work items and comments.
 * Work items are stored as Azure keeps them (`id`, `rev`, `fields`); url and `_links` are added when served.
 */
import type { ProviderObject } from '../kit/described';

export const ADO_ORG = 'fabrikam';
export const ADO_PROJECT = 'Fabrikam-Fiber';
export const ADO_PROJECT_ID = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
export const ADO_TEAM = `${ADO_PROJECT} Team`;
export const ADO_TEAM_ID = '66df9be7-3586-467b-9c5f-425b29afedfd';
export const ADO_SEED_PAT = 'ado-sandbox-pat-7b2d9e4f1a6c3b8d0e5f2a7c9b1d4e6f';
export const ADO_WEB = `https://dev.azure.com/${ADO_ORG}`;
const T0 = '2025-03-03T09:00:00Z';

const identity = (id: string, displayName: string, uniqueName: string): ProviderObject => ({
  displayName,
  url: `https://spsprodweu5.vssps.visualstudio.com/A1b2c3d4/_apis/Identities/${id}`,
  _links: { avatar: { href: `${ADO_WEB}/_apis/GraphProfile/MemberAvatars/aad.${id}` } },
  id,
  uniqueName,
  imageUrl: `${ADO_WEB}/_apis/GraphProfile/MemberAvatars/aad.${id}`,
  descriptor: `aad.${Buffer.from(id).toString('base64url')}`,
});

export const IDENTITIES = {
  jamal: identity('d291b0c4-a05c-4ea6-8df1-4b41d5f39eff', 'Jamal Hartnett', 'jamal@fabrikam.example'),
  christie: identity('e5a5f7f8-6507-4c34-b397-6c4818e002f4', 'Christie Church', 'christie@fabrikam.example'),
  johnnie: identity('19d9411e-9a34-45bb-b985-d24d9d87c0c9', 'Johnnie McLeod', 'johnnie@fabrikam.example'),
};

/** Team members: team name → its members. */
export const adoTeamMembers = (): ProviderObject[] => [
  { team: ADO_TEAM, identity: IDENTITIES.jamal, isTeamAdmin: true },
  { team: ADO_TEAM, identity: IDENTITIES.christie },
  { team: ADO_TEAM, identity: IDENTITIES.johnnie },
  { team: 'Quality assurance', identity: IDENTITIES.christie },
];

export const team = (id: string, name: string, description: string): ProviderObject => ({
  id,
  name,
  url: `${ADO_WEB}/_apis/projects/${ADO_PROJECT_ID}/teams/${id}`,
  description,
  identityUrl: `https://spsprodweu5.vssps.visualstudio.com/A1b2c3d4/_apis/Identities/${id}`,
  projectName: ADO_PROJECT,
  projectId: ADO_PROJECT_ID,
});

export const adoTeams = (): ProviderObject[] => [
  team(ADO_TEAM_ID, ADO_TEAM, 'The default project team.'),
  team('8e8aa4a9-3a1f-4c5f-a1a3-9f37d1c5b2e0', 'Quality assurance', 'Testers of the Fiber suite'),
];

export const adoProjects = (): ProviderObject[] => [
  {
    id: ADO_PROJECT_ID,
    name: ADO_PROJECT,
    description: 'Fiber optics customer portal',
    url: `${ADO_WEB}/_apis/projects/${ADO_PROJECT_ID}`,
    state: 'wellFormed',
    revision: 411,
    visibility: 'private',
    lastUpdateTime: '2025-02-20T10:00:00.000Z',
  },
  {
    id: 'eb6e4656-77fc-42a1-9181-4c6d8e9da5d1',
    name: 'Fabrikam-Internal',
    description: 'Internal tools',
    url: `${ADO_WEB}/_apis/projects/eb6e4656-77fc-42a1-9181-4c6d8e9da5d1`,
    state: 'wellFormed',
    revision: 52,
    visibility: 'private',
    lastUpdateTime: '2025-01-15T10:00:00.000Z',
  },
];

const state = (name: string, category: string, color: string) => ({ name, color, category });
const AGILE_STATES = [
  state('New', 'Proposed', 'b2b2b2'),
  state('Active', 'InProgress', '007acc'),
  state('Resolved', 'Resolved', 'ff9d00'),
  state('Closed', 'Completed', '339933'),
  state('Removed', 'Removed', 'ffffff'),
];
const workItemType = (
  name: string,
  referenceName: string,
  description: string,
  states: ProviderObject[],
) => ({
  name,
  referenceName,
  description,
  color: 'CC293D',
  icon: { id: 'icon_insect', url: `${ADO_WEB}/_apis/wit/workItemIcons/icon_insect?color=CC293D&v=2` },
  isDisabled: false,
  states,
  url: `${ADO_WEB}/${ADO_PROJECT_ID}/_apis/wit/workItemTypes/${encodeURIComponent(name)}`,
});

export const adoWorkItemTypes = (): ProviderObject[] => [
  workItemType(
    'Bug',
    'Microsoft.VSTS.WorkItemTypes.Bug',
    'Describes a divergence between required and actual behavior.',
    AGILE_STATES,
  ),
  workItemType(
    'Task',
    'Microsoft.VSTS.WorkItemTypes.Task',
    'Tracks work that needs to be done.',
    AGILE_STATES.filter((s) => s.name !== 'Resolved'),
  ),
  workItemType(
    'User Story',
    'Microsoft.VSTS.WorkItemTypes.UserStory',
    'Tracks an activity the user will be able to perform.',
    AGILE_STATES,
  ),
];

const field = (referenceName: string, name: string, type: string, extra: ProviderObject = {}) => ({
  name,
  referenceName,
  description: '',
  type,
  usage: 'workItem',
  readOnly: false,
  canSortBy: true,
  isQueryable: true,
  supportedOperations: [{ referenceName: 'SupportedOperations.Equals', name: '=' }],
  isIdentity: false,
  isPicklist: false,
  isPicklistSuggested: false,
  url: `${ADO_WEB}/_apis/wit/fields/${referenceName}`,
  ...extra,
});

export const adoFields = (): ProviderObject[] => [
  field('System.Title', 'Title', 'string'),
  field('System.State', 'State', 'string'),
  field('System.AssignedTo', 'Assigned To', 'string', { isIdentity: true }),
  field('System.Tags', 'Tags', 'plainText'),
  field('Microsoft.VSTS.Common.Priority', 'Priority', 'integer'),
  field('Custom.Customer', 'Customer', 'string', { description: 'The customer who reported it' }),
];

/** Classification nodes, flat: `parent` is the parent node's id (absent for the two roots). */
export const adoNodes = (): ProviderObject[] => [
  { id: 1, identifier: '2f1a3b4c-0001-4000-8000-000000000001', name: ADO_PROJECT, structureType: 'area' },
  {
    id: 2,
    identifier: '2f1a3b4c-0002-4000-8000-000000000002',
    name: ADO_PROJECT,
    structureType: 'iteration',
  },
  {
    id: 11,
    identifier: '2f1a3b4c-0011-4000-8000-000000000011',
    name: 'Web',
    structureType: 'area',
    parent: 1,
  },
  {
    id: 12,
    identifier: '2f1a3b4c-0012-4000-8000-000000000012',
    name: 'Billing',
    structureType: 'area',
    parent: 11,
  },
  {
    id: 21,
    identifier: '2f1a3b4c-0021-4000-8000-000000000021',
    name: 'Sprint 1',
    structureType: 'iteration',
    parent: 2,
    attributes: {
      startDate: '2025-03-03T00:00:00Z',
      finishDate: '2025-03-14T00:00:00Z',
      timeFrame: 'current',
    },
  },
  {
    id: 22,
    identifier: '2f1a3b4c-0022-4000-8000-000000000022',
    name: 'Sprint 2',
    structureType: 'iteration',
    parent: 2,
    attributes: {
      startDate: '2025-03-17T00:00:00Z',
      finishDate: '2025-03-28T00:00:00Z',
      timeFrame: 'future',
    },
  },
];

export const adoTags = (): ProviderObject[] => [
  {
    id: 'a1c2e3f4-0001-4b5c-9d6e-7f8091a2b3c1',
    name: 'customer',
    url: `${ADO_WEB}/${ADO_PROJECT_ID}/_apis/wit/tags/a1c2e3f4-0001-4b5c-9d6e-7f8091a2b3c1`,
    lastUpdated: T0,
  },
  {
    id: 'a1c2e3f4-0002-4b5c-9d6e-7f8091a2b3c2',
    name: 'billing',
    url: `${ADO_WEB}/${ADO_PROJECT_ID}/_apis/wit/tags/a1c2e3f4-0002-4b5c-9d6e-7f8091a2b3c2`,
    lastUpdated: T0,
  },
  {
    id: 'a1c2e3f4-0003-4b5c-9d6e-7f8091a2b3c3',
    name: 'regression',
    url: `${ADO_WEB}/${ADO_PROJECT_ID}/_apis/wit/tags/a1c2e3f4-0003-4b5c-9d6e-7f8091a2b3c3`,
    lastUpdated: T0,
  },
];
