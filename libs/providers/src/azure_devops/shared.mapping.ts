/**
 * JSONata fragments shared by the Azure DevOps mappings. Paths are `/{organization}/{project}/_apis/…`
 * on https://dev.azure.com; every request names its `api-version` (the comments API is still a preview).
 */
export const ORG = `"/" & $encodeUrlComponent(settings.organization)`;
export const PROJECT = `${ORG} & "/" & $encodeUrlComponent(settings.project)`;
/** The team whose members are the users, and whose context WIQL runs in: the project's default team. */
export const TEAM = `$encodeUrlComponent(settings.team ? settings.team : settings.project & " Team")`;
export const ID = `$encodeUrlComponent(id)`;
export const VERSION = `{ "api-version": "7.1" }`;
export const COMMENTS_VERSION = `{ "api-version": "7.1-preview.4" }`;

/** `$top`/`$skip` lists (projects, teams, team members) answer `{count, value}`. */
export const SKIP_TOP = {
  strategy: 'offset',
  startParam: '$skip',
  sizeParam: '$top',
  maxPageSize: 100,
} as const;

/** An IdentityRef (`System.AssignedTo`, a comment's `createdBy`) → a unified reference. */
export const IDENTITY = `function($i) { $i ? { "id": $i.id, "name": $i.displayName } }`;
