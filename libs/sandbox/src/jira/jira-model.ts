/**
 * What the Jira emulator stores. Records are kept in a compact internal form and rendered to Jira's
 * JSON shapes (REST v3, or the v2 representation webhooks carry) by jira-render.ts.
 */

/** A node of the Atlassian Document Format (rich text of descriptions, comments, textarea fields). */
export interface AdfNode {
  type: string;
  version?: number;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: AdfNode[];
}

export type AccountType = 'atlassian' | 'app' | 'customer';

export interface JiraUser {
  accountId: string;
  accountType: AccountType;
  displayName: string;
  /** Absent when the user hides it (Jira's profile visibility), as for most app users. */
  emailAddress?: string;
  active: boolean;
  timeZone: string;
  locale: string;
  groupIds: string[];
  applicationRoles: string[];
}

export interface JiraGroup {
  groupId: string;
  name: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  projectTypeKey: 'software' | 'service_desk' | 'business';
  simplified: boolean;
  archived: boolean;
  deleted: boolean;
}

export interface JiraIssueType {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  /** -1 sub-task, 0 standard, 1 epic. */
  hierarchyLevel: number;
  avatarId: number;
  /** Team-managed projects scope their issue types to one project. */
  projectId?: string;
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface JiraStatus {
  id: string;
  name: string;
  description: string;
  categoryKey: StatusCategoryKey;
}

export interface JiraResolution {
  id: string;
  name: string;
  description: string;
}

export interface JiraPriority {
  id: string;
  name: string;
  description: string;
  statusColor: string;
  iconUrl: string;
  isDefault: boolean;
}

export interface JiraField {
  id: string;
  name: string;
  custom: boolean;
  description?: string;
  schema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  searcherKey?: string;
  /** Fields whose values are ADF documents in REST v3 (description, environment, textarea custom fields). */
  richText?: boolean;
  /** Options of select fields (Jira keeps them in field contexts). */
  options?: { id: string; value: string }[];
}

export interface StoredIssue {
  id: string;
  key: string;
  projectId: string;
  summary: string;
  description: AdfNode | null;
  issuetypeId: string;
  statusId: string;
  priorityId: string | null;
  assigneeId: string | null;
  reporterId: string;
  creatorId: string;
  labels: string[];
  duedate: string | null;
  parentId: string | null;
  resolutionId: string | null;
  resolutiondate: string | null;
  created: string;
  updated: string;
  statuscategorychangedate: string;
  /** Values of custom fields as Jira returns them, by field id (`customfield_10016`). */
  customFields: Record<string, unknown>;
}

export interface StoredComment {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  body: AdfNode;
  created: string;
  updated: string;
  /** Restricted comments (a role or group may see them). */
  visibility?: { type: 'role' | 'group'; value: string; identifier: string };
  /** Jira Service Management: false for internal notes the customer does not see. */
  jsdPublic: boolean;
}

export interface StoredAttachment {
  id: number;
  issueId: string;
  filename: string;
  mimeType: string;
  size: number;
  authorId: string;
  created: string;
}
