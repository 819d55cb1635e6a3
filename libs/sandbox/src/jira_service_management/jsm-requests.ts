/**
 * Customer request writes: the create JSM takes (`serviceDeskId`, `requestTypeId`, `requestFieldValues`)
 * and the Jira deliveries that request and comment writes send.
 */
import { ProviderValidationError, type EmulatorContext, type ProviderObject } from '../kit/described';
import { jiraComment, jiraIssue, jiraUser } from './jsm-jira';
import { JSM_AGENT_ID } from './seed';

const ACCEPTED_FIELDS = ['summary', 'description', 'priority', 'labels', 'duedate', 'customfield_10050'];

export function createRequest(input: ProviderObject, ctx: EmulatorContext): ProviderObject {
  const desk = ctx.find('serviceDesks', (d) => d.id === String(input.serviceDeskId ?? ''));
  if (!desk)
    throw new ProviderValidationError('The service desk ID is invalid or the service desk does not exist.');
  const rt = ctx.find(
    'requestTypes',
    (t) => t.id === String(input.requestTypeId ?? '') && t.serviceDeskId === desk.id,
  );
  if (!rt) throw new ProviderValidationError('The request type ID is invalid for this service desk.');
  const values = (input.requestFieldValues ?? {}) as ProviderObject;
  const unknown = Object.keys(values).filter((f) => !ACCEPTED_FIELDS.includes(f));
  if (unknown.length > 0)
    throw new ProviderValidationError(`Field '${unknown[0]}' is not valid for this request type.`);
  if (typeof values.summary !== 'string' || values.summary.trim() === '')
    throw new ProviderValidationError('Summary: You must specify a summary of the request.');
  const onBehalf = input.raiseOnBehalfOf;
  if (onBehalf !== undefined && !ctx.find('customers', (c) => c.accountId === onBehalf))
    throw new ProviderValidationError(`The customer '${String(onBehalf)}' does not exist.`);
  const now = Date.parse(ctx.now());
  const issueKeyNo = 1 + ctx.records('requests').filter((r) => r.serviceDeskId === desk.id).length;
  return {
    issueId: String(ctx.nextId('requests', 'issueId')),
    issueKey: `${String(desk.projectKey)}-${issueKeyNo}`,
    serviceDeskId: desk.id,
    requestTypeId: rt.id,
    summary: values.summary,
    description: typeof values.description === 'string' ? values.description : null,
    reporterId: onBehalf ?? JSM_AGENT_ID,
    assigneeId: null,
    priority: values.priority ?? null,
    labels: Array.isArray(values.labels) ? values.labels : [],
    duedate: values.duedate ?? null,
    customFields: values.customfield_10050 ? { customfield_10050: values.customfield_10050 } : {},
    status: 'Waiting for support',
    createdMs: now,
    statusMs: now,
    updatedMs: now,
  };
}

/** `jira:issue_*` / `comment_*` deliveries as Jira sends them (v2 representation). */
export function issueEvent(action: string, r: ProviderObject, ctx: EmulatorContext, before?: ProviderObject) {
  const changed = (field: string, key: string) =>
    before && before[key] !== r[key]
      ? [
          {
            field,
            fieldtype: 'jira',
            fieldId: field,
            from: null,
            fromString: String(before[key]),
            to: null,
            toString: String(r[key]),
          },
        ]
      : [];
  const items = [
    ...changed('summary', 'summary'),
    ...changed('description', 'description'),
    ...changed('status', 'status'),
  ];
  return {
    timestamp: Date.parse(ctx.now()),
    webhookEvent: `jira:issue_${action}`,
    issue_event_type_name:
      action === 'created'
        ? 'issue_created'
        : before?.status !== r.status
          ? 'issue_generic'
          : 'issue_updated',
    user: jiraUser(ctx, JSM_AGENT_ID),
    issue: jiraIssue(ctx, r, 2),
    changelog: { id: String(Date.parse(ctx.now())), items },
  };
}

export function commentEvent(action: string, c: ProviderObject, ctx: EmulatorContext) {
  const r = ctx.find('requests', (x) => String(x.issueId) === String(c.issueId))!;
  const fields = jiraIssue(ctx, r, 2).fields as ProviderObject;
  const slim = ['summary', 'issuetype', 'project', 'assignee', 'priority', 'status'];
  return {
    timestamp: Date.parse(ctx.now()),
    webhookEvent: `comment_${action}`,
    comment: jiraComment(ctx, c),
    issue: {
      id: r.issueId,
      self: `${ctx.baseUrl()}/rest/api/2/issue/${String(r.issueId)}`,
      key: r.issueKey,
      fields: Object.fromEntries(slim.map((f) => [f, fields[f]])),
    },
  };
}
