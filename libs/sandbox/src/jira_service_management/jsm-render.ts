/**
 * Renders stored records as Jira Service Management DTOs (DateDTO, UserDTO, CustomerRequestDTO,
 * CommentDTO, SlaInformationDTO) and, for webhooks and the platform's issue edit, as Jira issues and
 * comments (v2: text; v3: Atlassian Document Format).
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { JSM_SLA_GOALS, JSM_STATUSES } from './seed';

const SD = '/rest/servicedeskapi';

/** JSM's ErrorResponse. */
export const jsmError = (errorMessage: string, i18nKey = 'sd.error.generic') => ({
  errorMessage,
  i18nErrorMessage: { i18nKey, parameters: [] as string[] },
});
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Jira's own timestamp form: `2026-10-01T09:00:00.000+0000`. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** DateDTO: the same instant as ISO 8601, Jira's form, a friendly text and epoch millis. */
export function dateDto(ms: number): ProviderObject {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return {
    iso8601: new Date(ms).toISOString().slice(0, 19) + '+0000',
    jira: jiraTime(ms),
    friendly: `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${pad(d.getUTCFullYear() % 100)} ${pad(h % 12 || 12)}:${pad(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`,
    epochMillis: ms,
  };
}

export function avatars(accountId: string): Record<string, string> {
  const hash = [...accountId]
    .reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7)
    .toString(16)
    .padStart(32, '0');
  const url = (s: number) =>
    `https://avatar-cdn.atlassian.com/${hash}?s=${s}&d=https%3A%2F%2Fsecure.gravatar.com%2Favatar%2F${hash}%3Fd%3Dmm%26s%3D${s}%26noRedirect%3Dtrue`;
  return { '16x16': url(16), '24x24': url(24), '32x32': url(32), '48x48': url(48) };
}

/** A customer or agent, stored in `customers` or `agents`. */
export function person(ctx: EmulatorContext, accountId: unknown): ProviderObject | undefined {
  return (
    ctx.find('customers', (c) => c.accountId === accountId) ??
    ctx.find('agents', (a) => a.accountId === accountId)
  );
}

/** UserDTO: JSM's user (no account type; `name` and `key` repeat the account id, as the examples show). */
export function userDto(ctx: EmulatorContext, accountId: unknown): ProviderObject | null {
  const p = person(ctx, accountId);
  if (!p) return null;
  const id = String(p.accountId);
  const jiraRest = `${ctx.baseUrl()}/rest/api/2/user?username=${id}`;
  return {
    accountId: id,
    name: id,
    key: id,
    emailAddress: p.emailAddress,
    displayName: p.displayName,
    active: p.active,
    timeZone: p.timeZone,
    _links: { jiraRest, avatarUrls: avatars(id), self: jiraRest },
  };
}

export function currentStatus(request: ProviderObject): ProviderObject {
  const status = String(request.status);
  return {
    status,
    statusCategory: JSM_STATUSES[status].category,
    statusDate: dateDto(Number(request.statusMs)),
  };
}

export const requestLinks = (ctx: EmulatorContext, r: ProviderObject) => ({
  jiraRest: `${ctx.baseUrl()}/rest/api/2/issue/${String(r.issueId)}`,
  web: `${ctx.baseUrl()}/servicedesk/customer/portal/${String(r.serviceDeskId)}/${String(r.issueKey)}`,
  agent: `${ctx.baseUrl()}/browse/${String(r.issueKey)}`,
  self: `${ctx.baseUrl()}${SD}/request/${String(r.issueId)}`,
});

export function requestTypeDto(ctx: EmulatorContext, rt: ProviderObject): ProviderObject {
  const icon = rt.icon as { id: string };
  const iconUrl = (size: string) =>
    `${ctx.baseUrl()}/rest/api/2/universal_avatar/view/type/SD_REQTYPE/avatar/${icon.id}?size=${size}`;
  return {
    ...rt,
    _links: {
      self: `${ctx.baseUrl()}${SD}/servicedesk/${String(rt.serviceDeskId)}/requesttype/${String(rt.id)}`,
    },
    icon: {
      id: icon.id,
      _links: {
        iconUrls: {
          '48x48': iconUrl('large'),
          '24x24': iconUrl('small'),
          '16x16': iconUrl('xsmall'),
          '32x32': iconUrl('medium'),
        },
      },
    },
  };
}

export const organizationDto = (ctx: EmulatorContext, o: ProviderObject): ProviderObject => ({
  _links: { self: `${ctx.baseUrl()}${SD}/organization/${String(o.id)}` },
  id: o.id,
  name: o.name,
  scimManaged: o.scimManaged,
  created: dateDto(Number(o.createdMs)),
});

export const serviceDeskDto = (ctx: EmulatorContext, desk: ProviderObject): ProviderObject => ({
  ...desk,
  _links: { self: `${ctx.baseUrl()}${SD}/servicedesk/${String(desk.id)}` },
});

/** A request's SLAs, derived from its history: a cycle stops when the goal's event happened. */
export function slaDtos(ctx: EmulatorContext, r: ProviderObject): ProviderObject[] {
  const now = Date.parse(ctx.now());
  const status = JSM_STATUSES[String(r.status)];
  return JSM_SLA_GOALS.map(([id, name, goal]) => {
    const start = Number(r.createdMs);
    const stopped = id === '1' ? r.status !== 'Waiting for support' : status.category === 'DONE';
    const end = stopped ? Number(r.statusMs) : now;
    const cycle = {
      startTime: dateDto(start),
      breachTime: dateDto(start + goal),
      breached: end - start > goal,
      goalDuration: duration(goal),
      elapsedTime: duration(end - start),
      remainingTime: duration(goal - (end - start)),
    };
    return {
      id,
      name,
      _links: { self: `${ctx.baseUrl()}${SD}/request/${String(r.issueId)}/sla/${id}` },
      completedCycles: stopped ? [{ ...cycle, stopTime: dateDto(end) }] : [],
      ...(stopped ? {} : { ongoingCycle: { ...cycle, paused: false, withinCalendarHours: true } }),
      slaDisplayFormat: 'NEW_SLA_FORMAT',
    };
  });
}

function duration(ms: number): ProviderObject {
  const minutes = Math.trunc(ms / 60_000);
  return { millis: ms, friendly: `${Math.trunc(minutes / 60)}h ${minutes % 60}m` };
}

/** A page object as JSM nests expansions (`sla`, `participants`). */
export const pagedDto = (values: unknown[]): ProviderObject => ({
  size: values.length,
  start: 0,
  limit: 50,
  isLastPage: true,
  _links: {},
  values,
});

/** CustomerRequestDTO, with the expansions asked for (`expand=requestType,serviceDesk,sla`). */
export function requestDto(ctx: EmulatorContext, r: ProviderObject): ProviderObject {
  const expand = new Set((ctx.query.expand ?? '').split(',').map((e) => e.trim()));
  const fieldValues: ProviderObject[] = [
    { fieldId: 'summary', label: 'What do you need?', value: r.summary },
    { fieldId: 'description', label: 'Why do you need this?', value: r.description ?? '' },
    ...(r.priority ? [{ fieldId: 'priority', label: 'Priority', value: priorityOf(ctx, r.priority) }] : []),
    ...((r.labels as string[]).length > 0 ? [{ fieldId: 'labels', label: 'Labels', value: r.labels }] : []),
    ...(r.duedate ? [{ fieldId: 'duedate', label: 'Due date', value: r.duedate }] : []),
    ...Object.entries(r.customFields as ProviderObject).map(([fieldId, value]) => ({
      fieldId,
      label: 'Affected system',
      value,
    })),
  ];
  const rt = ctx.find('requestTypes', (t) => t.id === r.requestTypeId);
  const desk = ctx.find('serviceDesks', (d) => d.id === r.serviceDeskId);
  return {
    _expands: [
      'participant',
      'status',
      'sla',
      'requestType',
      'serviceDesk',
      'attachment',
      'action',
      'comment',
    ],
    issueId: r.issueId,
    issueKey: r.issueKey,
    summary: r.summary,
    requestTypeId: r.requestTypeId,
    serviceDeskId: r.serviceDeskId,
    createdDate: dateDto(Number(r.createdMs)),
    reporter: userDto(ctx, r.reporterId),
    requestFieldValues: fieldValues,
    currentStatus: currentStatus(r),
    ...(expand.has('requestType') && rt ? { requestType: requestTypeDto(ctx, rt) } : {}),
    ...(expand.has('serviceDesk') && desk ? { serviceDesk: serviceDeskDto(ctx, desk) } : {}),
    ...(expand.has('sla') ? { sla: pagedDto(slaDtos(ctx, r)) } : {}),
    _links: requestLinks(ctx, r),
  };
}

/** CommentDTO. */
export const commentDto = (ctx: EmulatorContext, c: ProviderObject): ProviderObject => ({
  _expands: ['attachment', 'renderedBody'],
  id: c.id,
  body: c.body,
  public: c.public,
  author: userDto(ctx, c.authorId),
  created: dateDto(Number(c.createdMs)),
  _links: { self: `${ctx.baseUrl()}${SD}/request/${String(c.issueId)}/comment/${String(c.id)}` },
});

export function priorityOf(ctx: EmulatorContext, p: unknown): ProviderObject {
  const { id, name } = p as { id: string; name: string };
  return {
    self: `${ctx.baseUrl()}/rest/api/2/priority/${id}`,
    iconUrl: `${ctx.baseUrl()}/images/icons/priorities/${name.toLowerCase()}.svg`,
    name,
    id,
  };
}
