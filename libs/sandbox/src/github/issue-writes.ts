import type { FastifyReply } from 'fastify';
import type { GithubContext } from './context';
import { invalidValue, isString, validationFailed, type FieldError } from './http';
import type { FieldValueState, IssueState } from './state';

/**
 * The parts of an issue that create (POST) and update (PATCH) share: assignees, labels, milestone,
 * type and issue-field values, validated the way GitHub validates them. `apply` returns false after
 * answering the 422 itself.
 */
export function applyIssueFields(
  ctx: GithubContext,
  reply: FastifyReply,
  issue: IssueState,
  body: Record<string, unknown>,
): boolean {
  const s = ctx.state;
  const errors: FieldError[] = [];

  if ('title' in body && !isString(body.title) && typeof body.title !== 'number') {
    invalidValue(reply, 'title', body.title, 'a string or an integer');
    return false;
  }
  if ('body' in body && body.body !== null && !isString(body.body)) {
    invalidValue(reply, 'body', body.body, 'a string or null');
    return false;
  }

  let assignees = issue.assignees;
  const requested =
    'assignees' in body ? body.assignees : 'assignee' in body ? [body.assignee].filter(Boolean) : undefined;
  if (requested !== undefined) {
    if (!Array.isArray(requested)) {
      invalidValue(reply, 'assignees', requested, 'an array');
      return false;
    }
    assignees = [];
    for (const login of requested) {
      const user = s.users.find((u) => isString(login) && u.login.toLowerCase() === login.toLowerCase());
      if (!user) errors.push({ value: login, resource: 'Issue', field: 'assignees', code: 'invalid' });
      else if (!assignees.includes(user.login)) assignees.push(user.login);
    }
  }

  let milestone = issue.milestone;
  if ('milestone' in body) {
    const wanted = body.milestone;
    if (wanted === null) milestone = null;
    else {
      const found = s.milestones.find((m) => String(m.number) === String(wanted));
      if (!found) errors.push({ value: wanted, resource: 'Issue', field: 'milestone', code: 'invalid' });
      else milestone = found.number;
    }
  }

  let type = issue.type;
  if ('type' in body) {
    const wanted = body.type;
    if (wanted === null) type = null;
    else {
      const found = s.issueTypes.find(
        (t) => t.is_enabled && isString(wanted) && t.name.toLowerCase() === wanted.toLowerCase(),
      );
      if (!found) errors.push({ value: wanted, resource: 'Issue', field: 'type', code: 'invalid' });
      else type = found.id;
    }
  }

  let fieldValues = issue.field_values;
  if ('issue_field_values' in body) {
    if (!Array.isArray(body.issue_field_values)) {
      invalidValue(reply, 'issue_field_values', body.issue_field_values, 'an array');
      return false;
    }
    const next: FieldValueState[] = [];
    for (const entry of body.issue_field_values as { field_id?: unknown; value?: unknown }[]) {
      const field = s.issueFields.find((f) => f.id === Number(entry?.field_id));
      const value = entry?.value;
      const fits =
        field &&
        (isString(value) || typeof value === 'number') &&
        (field.data_type !== 'single_select' || field.options?.some((o) => o.name === value));
      if (!field || !fits)
        errors.push({ value, resource: 'IssueFieldValue', field: 'value', code: 'invalid' });
      else next.push({ field_id: field.id, value: value as string | number });
    }
    fieldValues = next;
  }

  if (errors.length > 0) {
    validationFailed(reply, errors);
    return false;
  }

  if ('title' in body) issue.title = String(body.title);
  if ('body' in body) issue.body = body.body as string | null;
  issue.assignees = assignees;
  issue.milestone = milestone;
  issue.type = type;
  issue.field_values = fieldValues;
  if ('labels' in body && Array.isArray(body.labels)) issue.labels = resolveLabels(ctx, body.labels);
  return true;
}

/** Label names (or `{name}` objects) to existing labels; unknown names are created, as GitHub does. */
function resolveLabels(ctx: GithubContext, wanted: unknown[]): string[] {
  const names: string[] = [];
  for (const item of wanted) {
    const name = isString(item)
      ? item
      : isString((item as { name?: unknown })?.name)
        ? (item as { name: string }).name
        : '';
    if (name === '') continue;
    let existing = ctx.state.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (!existing) {
      existing = {
        id: ctx.state.sequences.label++,
        name,
        color: 'ededed',
        description: null,
        default: false,
      };
      ctx.state.labels.push(existing);
    }
    if (!names.includes(existing.name)) names.push(existing.name);
  }
  return names;
}

/** Applies `state` / `state_reason` as GitHub does: closing defaults to completed, reopening says so. */
export function applyState(
  ctx: GithubContext,
  reply: FastifyReply,
  issue: IssueState,
  body: Record<string, unknown>,
): boolean {
  const reasons = ['completed', 'not_planned', 'duplicate', 'reopened', null];
  if ('state' in body && body.state !== 'open' && body.state !== 'closed') {
    validationFailed(reply, [{ value: body.state, resource: 'Issue', field: 'state', code: 'invalid' }]);
    return false;
  }
  if ('state_reason' in body && !reasons.includes(body.state_reason as string | null)) {
    validationFailed(reply, [
      { value: body.state_reason, resource: 'Issue', field: 'state_reason', code: 'invalid' },
    ]);
    return false;
  }
  const state = (body.state as 'open' | 'closed' | undefined) ?? issue.state;
  if (state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.state_reason = (body.state_reason as IssueState['state_reason']) ?? 'completed';
    issue.closed_at = ctx.now();
    issue.closed_by = ctx.state.authenticatedUser;
  } else if (state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.state_reason = 'reopened';
    issue.closed_at = null;
  } else if (state === 'closed' && 'state_reason' in body) {
    issue.state_reason = body.state_reason as IssueState['state_reason'];
  }
  return true;
}
