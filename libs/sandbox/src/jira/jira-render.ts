import { adfToText, isRecord } from './jira-adf';
import type {
  AdfNode,
  JiraProject,
  JiraUser,
  StoredAttachment,
  StoredComment,
  StoredIssue,
} from './jira-model';
import type { JiraState } from './jira-state';

/**
 * Renders stored records in Jira's JSON shapes. REST v3 carries rich text as ADF; webhooks carry
 * the v2 representation (rich text as plain strings, `self` links under /rest/api/2).
 */
export interface RenderContext {
  base: string;
  state: JiraState;
  api: 2 | 3;
}

const api = (ctx: RenderContext) => `${ctx.base}/rest/api/${ctx.api}`;
const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export function avatarUrls(ctx: RenderContext, kind: string, id: string): Record<string, string> {
  const sizes: [string, string][] = [
    ['48x48', 'large'],
    ['24x24', 'small'],
    ['16x16', 'xsmall'],
    ['32x32', 'medium'],
  ];
  return Object.fromEntries(
    sizes.map(([dim, size]) => [dim, `${ctx.base}/secure/${kind}avatar?size=${size}&id=${id}`]),
  );
}

/** A user as issues, groups and webhooks embed it (`UserDetails`: no locale, which only `User` has). */
export function renderUser(ctx: RenderContext, user: JiraUser): Record<string, unknown> {
  return {
    self: `${api(ctx)}/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(ctx, 'user', user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
}

function userRef(ctx: RenderContext, accountId: string | null): Record<string, unknown> | null {
  const user = accountId ? ctx.state.users.get(accountId) : undefined;
  return user ? renderUser(ctx, user) : null;
}

export function renderStatus(ctx: RenderContext, statusId: string): Record<string, unknown> {
  const status = ctx.state.statuses.get(statusId);
  if (!status) throw new Error(`unknown status ${statusId}`);
  const category = STATUS_CATEGORIES[status.categoryKey];
  return {
    self: `${api(ctx)}/status/${status.id}`,
    description: status.description,
    iconUrl: `${ctx.base}/images/icons/statuses/generic.png`,
    name: status.name,
    untranslatedName: status.name,
    id: status.id,
    statusCategory: { self: `${api(ctx)}/statuscategory/${category.id}`, ...category },
  };
}

export function renderIssueType(ctx: RenderContext, typeId: string): Record<string, unknown> {
  const type = ctx.state.issueTypes.get(typeId);
  if (!type) throw new Error(`unknown issue type ${typeId}`);
  return {
    self: `${api(ctx)}/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${ctx.base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    avatarId: type.avatarId,
    hierarchyLevel: type.hierarchyLevel,
    // Team-managed types carry the UUID of their entity and the project they belong to.
    ...(type.projectId
      ? {
          entityId: `9d7d0000-0000-4000-8000-${type.id.padStart(12, '0')}`,
          scope: { type: 'PROJECT', project: { id: type.projectId } },
        }
      : {}),
  };
}

export function renderPriority(
  ctx: RenderContext,
  priorityId: string | null,
): Record<string, unknown> | null {
  const priority = priorityId ? ctx.state.priorities.get(priorityId) : undefined;
  if (!priority) return null;
  return {
    self: `${api(ctx)}/priority/${priority.id}`,
    iconUrl: `${ctx.base}${priority.iconUrl}`,
    name: priority.name,
    id: priority.id,
  };
}

/** A project as issue fields embed it (Atlassian's documented example adds category and insight). */
export function renderProjectRef(ctx: RenderContext, project: JiraProject): Record<string, unknown> {
  const issueCount = [...ctx.state.issues.values()].filter((i) => i.projectId === project.id).length;
  return {
    self: `${api(ctx)}/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: project.simplified,
    style: project.simplified ? 'next-gen' : 'classic',
    avatarUrls: avatarUrls(ctx, 'project', project.id),
    projectCategory: {
      self: `${api(ctx)}/projectCategory/10000`,
      id: '10000',
      name: 'PRODUCT',
      description: 'Product projects',
    },
    insight: { totalIssueCount: issueCount, lastIssueUpdateTime: '2026-01-20T10:00:00.000+0000' },
  };
}

export function renderAttachment(ctx: RenderContext, attachment: StoredAttachment): Record<string, unknown> {
  const author = userRef(ctx, attachment.authorId);
  return {
    self: `${api(ctx)}/attachments/${attachment.id}`,
    id: attachment.id,
    filename: attachment.filename,
    author: author ? { ...author, key: '', name: '' } : null,
    created: attachment.created,
    size: attachment.size,
    mimeType: attachment.mimeType,
    content: `${ctx.base}/rest/api/3/attachment/content/${attachment.id}`,
    ...(attachment.mimeType.startsWith('image/')
      ? { thumbnail: `${ctx.base}/rest/api/3/attachment/thumbnail/${attachment.id}` }
      : {}),
  };
}

/** Rich text: ADF in v3, plain text in the v2 representation webhooks use. */
export function richText(ctx: RenderContext, doc: AdfNode | null): AdfNode | string | null {
  if (!doc) return null;
  return ctx.api === 3 ? doc : adfToText(doc);
}

export function renderComment(ctx: RenderContext, comment: StoredComment): Record<string, unknown> {
  return {
    self: `${api(ctx)}/issue/${comment.issueId}/comment/${comment.id}`,
    id: comment.id,
    author: userRef(ctx, comment.authorId),
    body: richText(ctx, comment.body),
    updateAuthor: userRef(ctx, comment.updateAuthorId),
    created: comment.created,
    updated: comment.updated,
    ...(comment.visibility ? { visibility: comment.visibility } : {}),
    jsdPublic: comment.jsdPublic,
  };
}

/** The abridged issue Jira nests as `parent`, in `subtasks`, and in comment webhooks. */
export function renderIssueRef(ctx: RenderContext, issue: StoredIssue): Record<string, unknown> {
  return {
    id: issue.id,
    key: issue.key,
    self: `${api(ctx)}/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: renderStatus(ctx, issue.statusId),
      priority: renderPriority(ctx, issue.priorityId),
      issuetype: renderIssueType(ctx, issue.issuetypeId),
    },
  };
}

function customFieldValue(ctx: RenderContext, fieldId: string, value: unknown): unknown {
  const field = ctx.state.fields.get(fieldId);
  if (value === undefined || value === null) return null;
  if (field?.schema.type === 'user' && typeof value === 'string') return userRef(ctx, value);
  if (field?.richText && isRecord(value)) return richText(ctx, value as unknown as AdfNode);
  if (isRecord(value) && typeof value.self === 'string' && value.self.startsWith('/')) {
    return { ...value, self: `${ctx.base}${value.self}` };
  }
  return value;
}

/** Every field of an issue, keyed as Jira keys them (custom fields included, null when empty). */
export function renderIssueFields(ctx: RenderContext, issue: StoredIssue): Record<string, unknown> {
  const { state } = ctx;
  const project = state.projects.get(issue.projectId);
  if (!project) throw new Error(`issue ${issue.key} has no project`);
  const parent = issue.parentId ? state.issues.get(issue.parentId) : undefined;
  const resolution = issue.resolutionId ? state.resolutions.get(issue.resolutionId) : undefined;
  const comments = state.commentsOf(issue.id);
  const self = `${api(ctx)}/issue/${issue.key}`;
  const fields: Record<string, unknown> = {
    statuscategorychangedate: issue.statuscategorychangedate,
    issuetype: renderIssueType(ctx, issue.issuetypeId),
    ...(parent ? { parent: renderIssueRef(ctx, parent) } : {}),
    timespent: null,
    project: renderProjectRef(ctx, project),
    fixVersions: [],
    aggregatetimespent: null,
    resolution: resolution ? { self: `${api(ctx)}/resolution/${resolution.id}`, ...resolution } : null,
    resolutiondate: issue.resolutiondate,
    workratio: -1,
    watches: { self: `${self}/watchers`, watchCount: 1, isWatching: true },
    lastViewed: null,
    created: issue.created,
    priority: renderPriority(ctx, issue.priorityId),
    labels: issue.labels,
    aggregatetimeoriginalestimate: null,
    timeestimate: null,
    versions: [],
    issuelinks: [],
    assignee: userRef(ctx, issue.assigneeId),
    updated: issue.updated,
    status: renderStatus(ctx, issue.statusId),
    components: [],
    timeoriginalestimate: null,
    description: richText(ctx, issue.description),
    timetracking: {},
    security: null,
    aggregatetimeestimate: null,
    attachment: state.attachmentsOf(issue.id).map((a) => renderAttachment(ctx, a)),
    summary: issue.summary,
    creator: userRef(ctx, issue.creatorId),
    subtasks: state
      .childrenOf(issue.id)
      .filter((child) => state.issueTypes.get(child.issuetypeId)?.subtask)
      .map((child) => renderIssueRef(ctx, child)),
    reporter: userRef(ctx, issue.reporterId),
    aggregateprogress: { progress: 0, total: 0 },
    environment: null,
    duedate: issue.duedate,
    progress: { progress: 0, total: 0 },
    votes: { self: `${self}/votes`, votes: 0, hasVoted: false },
    comment: {
      comments: comments.map((c) => renderComment(ctx, c)),
      self: `${api(ctx)}/issue/${issue.id}/comment`,
      maxResults: comments.length,
      total: comments.length,
      startAt: 0,
    },
    worklog: { startAt: 0, maxResults: 20, total: 0, worklogs: [] },
  };
  for (const field of state.fields.values()) {
    if (field.custom) fields[field.id] = customFieldValue(ctx, field.id, issue.customFields[field.id]);
  }
  return fields;
}

/** `fields` selects what to return: `*all`, `*navigable`, names, and `-name` exclusions (Jira's syntax). */
export function renderIssue(
  ctx: RenderContext,
  issue: StoredIssue,
  fields = '*all',
): Record<string, unknown> {
  const all = renderIssueFields(ctx, issue);
  const requested = fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const wantsAll = requested.some((f) => f === '*all' || f === '*navigable');
  const excluded = new Set(requested.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const named = new Set(requested.filter((f) => !f.startsWith('-') && !f.startsWith('*')));
  const selected = Object.fromEntries(
    Object.entries(all).filter(([name]) => !excluded.has(name) && (wantsAll || named.has(name))),
  );
  // REST answers say what can be expanded; webhook issues (v2 representation) do not.
  return {
    ...(ctx.api === 3
      ? { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations' }
      : {}),
    id: issue.id,
    self: `${api(ctx)}/issue/${issue.id}`,
    key: issue.key,
    fields: selected,
  };
}
