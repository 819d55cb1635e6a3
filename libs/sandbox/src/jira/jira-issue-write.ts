import { adfToText, isAdfDocument, isRecord } from './jira-adf';
import type { AdfNode, JiraField, StoredIssue } from './jira-model';
import type { JiraState } from './jira-state';
import type { ChangeItem } from './jira-webhooks';

/** The outcome of checking a create/edit payload: Jira's `errors` by field, or the changes to apply. */
export interface IssueWrite {
  errors: Record<string, string>;
  changes: Partial<StoredIssue>;
}

const NOT_SETTABLE = (name: string) =>
  `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
const ADF_REQUIRED = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

/** `{id}` or `{key}` / `{name}` / `{accountId}` references, as Jira accepts them in `fields`. */
function refOf(value: unknown, ...keys: string[]): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const key of keys) if (typeof value[key] === 'string') return value[key] as string;
  return undefined;
}

/**
 * Validates `fields` (and `update.labels`) of POST /rest/api/3/issue or PUT /rest/api/3/issue/{id}
 * the way Jira does: every problem is reported by field name in one 400 answer.
 */
export function checkIssueWrite(
  state: JiraState,
  body: Record<string, unknown>,
  existing: StoredIssue | undefined,
): IssueWrite {
  const errors: Record<string, string> = {};
  const changes: Partial<StoredIssue> = {};
  const fields = isRecord(body.fields) ? body.fields : {};
  const creating = existing === undefined;

  for (const [name, value] of Object.entries(fields)) {
    switch (name) {
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '')
          errors.summary = 'You must specify a summary of the issue.';
        else if (value.length > 255) errors.summary = 'Summary must be less than 255 characters.';
        else changes.summary = value;
        break;
      case 'description':
        if (value !== null && !isAdfDocument(value)) errors.description = ADF_REQUIRED;
        else changes.description = value as AdfNode | null;
        break;
      case 'project': {
        const project = state.findProject(refOf(value, 'id', 'key') ?? '');
        if (!creating) errors.project = NOT_SETTABLE('project');
        else if (!project) errors.project = 'Specify a valid project ID or key';
        else changes.projectId = project.id;
        break;
      }
      case 'issuetype': {
        const ref = refOf(value, 'id', 'name');
        const type = [...state.issueTypes.values()].find(
          (t) => t.id === ref || t.name.toLowerCase() === ref?.toLowerCase(),
        );
        if (!type) errors.issuetype = 'Specify a valid issue type';
        else changes.issuetypeId = type.id;
        break;
      }
      case 'parent': {
        const parent = state.findIssue(refOf(value, 'id', 'key') ?? '');
        if (!parent) errors.parent = 'Could not find issue by id or key.';
        else changes.parentId = parent.id;
        break;
      }
      case 'priority': {
        const ref = refOf(value, 'id', 'name');
        const priority = [...state.priorities.values()].find((p) => p.id === ref || p.name === ref);
        if (value !== null && !priority) errors.priority = 'The priority selected is invalid.';
        else changes.priorityId = priority?.id ?? null;
        break;
      }
      case 'assignee':
      case 'reporter': {
        const accountId = refOf(value, 'accountId', 'id');
        const user = accountId ? state.users.get(accountId) : undefined;
        if (value !== null && (!user || !user.active))
          errors[name] = `User '${accountId ?? ''}' cannot be assigned issues.`;
        else if (name === 'assignee') changes.assigneeId = user?.accountId ?? null;
        else if (user) changes.reporterId = user.accountId;
        else errors.reporter = 'Reporter is required.';
        break;
      }
      case 'labels':
        checkLabels(value, errors, changes);
        break;
      case 'duedate':
        if (
          value !== null &&
          (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
        ) {
          errors.duedate = `Error parsing date string: ${String(value)}`;
        } else changes.duedate = value as string | null;
        break;
      default:
        checkCustomField(state, name, value, errors, changes, existing);
    }
  }
  applyLabelOperations(body, errors, changes, existing);

  if (creating) {
    if (!('summary' in fields)) errors.summary = 'You must specify a summary of the issue.';
    if (!('project' in fields)) errors.project = 'Specify a valid project ID or key';
    if (!('issuetype' in fields)) errors.issuetype = 'Specify an issue type';
  }
  const type = state.issueTypes.get(changes.issuetypeId ?? existing?.issuetypeId ?? '');
  if (type?.subtask && !(changes.parentId ?? existing?.parentId)) {
    errors.issuetype = 'Issue type is a sub-task but parent issue key or id not specified.';
  }
  return { errors, changes };
}

function checkLabels(value: unknown, errors: Record<string, string>, changes: Partial<StoredIssue>): void {
  if (!Array.isArray(value) || !value.every((l): l is string => typeof l === 'string')) {
    errors.labels = 'Labels must be an array of strings.';
    return;
  }
  const spaced = value.find((l) => /\s/.test(l));
  if (spaced !== undefined) errors.labels = `The label '${spaced}' contains spaces which is invalid.`;
  else changes.labels = [...new Set(value)].sort();
}

/** `"update": {"labels": [{"add": "x"}, {"remove": "y"}, {"set": [...]}]}`. */
function applyLabelOperations(
  body: Record<string, unknown>,
  errors: Record<string, string>,
  changes: Partial<StoredIssue>,
  existing: StoredIssue | undefined,
): void {
  const update = isRecord(body.update) ? body.update : {};
  for (const [name, operations] of Object.entries(update)) {
    if (name !== 'labels' || !Array.isArray(operations)) {
      errors[name] = NOT_SETTABLE(name);
      continue;
    }
    let labels = changes.labels ?? existing?.labels ?? [];
    for (const operation of operations) {
      if (!isRecord(operation)) continue;
      if (typeof operation.add === 'string') labels = [...labels, operation.add];
      if (typeof operation.remove === 'string') labels = labels.filter((l) => l !== operation.remove);
      if (Array.isArray(operation.set))
        labels = operation.set.filter((l): l is string => typeof l === 'string');
    }
    checkLabels(labels, errors, changes);
  }
}

function checkCustomField(
  state: JiraState,
  name: string,
  value: unknown,
  errors: Record<string, string>,
  changes: Partial<StoredIssue>,
  existing: StoredIssue | undefined,
): void {
  const field = state.fields.get(name);
  if (!field?.custom) {
    errors[name] = NOT_SETTABLE(name);
    return;
  }
  const result = customValue(field, value);
  if ('error' in result) errors[name] = result.error;
  else
    changes.customFields = {
      ...(changes.customFields ?? existing?.customFields ?? {}),
      [name]: result.value,
    };
}

function customValue(field: JiraField, value: unknown): { value: unknown } | { error: string } {
  if (value === null) return { value: null };
  if (field.richText) return isAdfDocument(value) ? { value } : { error: ADF_REQUIRED };
  switch (field.schema.type) {
    case 'number':
      return typeof value === 'number' ? { value } : { error: `Operation value must be a number.` };
    case 'option': {
      const ref = refOf(value, 'id', 'value');
      const option = field.options?.find((o) => o.id === ref || o.value === ref);
      return option
        ? {
            value: { self: `/rest/api/3/customFieldOption/${option.id}`, value: option.value, id: option.id },
          }
        : { error: `Option value '${ref ?? JSON.stringify(value)}' is not valid` };
    }
    case 'user': {
      const accountId = refOf(value, 'accountId', 'id');
      return accountId ? { value: accountId } : { error: 'Specify a valid user (accountId).' };
    }
    case 'array':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? { value }
        : { error: 'Operation value must be an array of strings.' };
    default:
      return typeof value === 'string' ? { value } : { error: 'Operation value must be a string' };
  }
}

/** Changelog items for what an edit changed (the `changelog` of `jira:issue_updated`). */
export function changeItems(state: JiraState, before: StoredIssue, after: StoredIssue): ChangeItem[] {
  const items: ChangeItem[] = [];
  const push = (
    field: string,
    fieldId: string,
    from: string | null,
    to: string | null,
    fromString = from,
    toString = to,
  ) => {
    if (from !== to || fromString !== toString)
      items.push({
        field,
        fieldtype: fieldId.startsWith('customfield_') ? 'custom' : 'jira',
        fieldId,
        from,
        fromString,
        to,
        toString,
      });
  };
  const text = (doc: AdfNode | null) => (doc ? adfToText(doc) : null);
  const userName = (id: string | null) => (id ? (state.users.get(id)?.displayName ?? null) : null);
  const priorityName = (id: string | null) => (id ? (state.priorities.get(id)?.name ?? null) : null);
  push('summary', 'summary', null, null, before.summary, after.summary);
  push('description', 'description', null, null, text(before.description), text(after.description));
  push(
    'assignee',
    'assignee',
    before.assigneeId,
    after.assigneeId,
    userName(before.assigneeId),
    userName(after.assigneeId),
  );
  push(
    'priority',
    'priority',
    before.priorityId,
    after.priorityId,
    priorityName(before.priorityId),
    priorityName(after.priorityId),
  );
  push('labels', 'labels', null, null, before.labels.join(' '), after.labels.join(' '));
  push('duedate', 'duedate', before.duedate, after.duedate);
  push('IssueParentAssociation', 'parent', before.parentId, after.parentId);
  for (const field of state.fields.values()) {
    if (!field.custom) continue;
    const from = JSON.stringify(before.customFields[field.id] ?? null);
    const to = JSON.stringify(after.customFields[field.id] ?? null);
    if (from !== to) push(field.name, field.id, null, null, from, to);
  }
  return items;
}
