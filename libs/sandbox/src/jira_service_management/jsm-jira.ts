/**
 * The Jira side of a request: the platform's user, issue and comment objects, as the platform's issue
 * edit answers them (REST v3, ADF rich text) and as Jira's webhooks carry them (v2, plain text).
 */
import type { EmulatorContext, ProviderObject } from '../kit/described';
import { textToAdf } from '../jira/jira-adf';
import {
  avatars,
  currentStatus,
  jiraTime,
  person,
  priorityOf,
  requestLinks,
  requestTypeDto,
  slaDtos,
} from './jsm-render';
import { JSM_ISSUE_TYPES, JSM_STATUSES } from './seed';

/** The platform's user (`/rest/api/{2,3}/user`): with `accountType` (customer for portal-only accounts). */
export function jiraUser(ctx: EmulatorContext, accountId: unknown, api = 2): ProviderObject | null {
  const p = person(ctx, accountId);
  if (!p) return null;
  const id = String(p.accountId);
  return {
    self: `${ctx.baseUrl()}/rest/api/${api}/user?accountId=${encodeURIComponent(id)}`,
    accountId: id,
    accountType: p.accountType ?? 'customer',
    ...(p.emailAddress ? { emailAddress: p.emailAddress } : {}),
    avatarUrls: avatars(id),
    displayName: p.displayName,
    active: p.active,
    timeZone: p.timeZone,
    locale: 'en_US',
  };
}

/** The request as a Jira issue: REST v3 (ADF description) or the v2 representation webhooks carry. */
export function jiraIssue(ctx: EmulatorContext, r: ProviderObject, api: 2 | 3): ProviderObject {
  const base = `${ctx.baseUrl()}/rest/api/${api}`;
  const rt = ctx.find('requestTypes', (t) => t.id === r.requestTypeId)!;
  const desk = ctx.find('serviceDesks', (d) => d.id === r.serviceDeskId)!;
  const status = JSM_STATUSES[String(r.status)];
  const done = status.category === 'DONE';
  const category = {
    NEW: [2, 'new', 'To Do'],
    INDETERMINATE: [4, 'indeterminate', 'In Progress'],
    DONE: [3, 'done', 'Done'],
  }[status.category];
  const [sla1, sla2] = slaDtos(ctx, r);
  return {
    id: r.issueId,
    self: `${base}/issue/${String(r.issueId)}`,
    key: r.issueKey,
    fields: {
      summary: r.summary,
      description:
        api === 2 ? (r.description ?? null) : r.description ? textToAdf(String(r.description)) : null,
      issuetype: {
        self: `${base}/issuetype/${String(rt.issueTypeId)}`,
        id: rt.issueTypeId,
        name: JSM_ISSUE_TYPES[String(rt.issueTypeId)],
        subtask: false,
        hierarchyLevel: 0,
      },
      project: {
        self: `${base}/project/${String(desk.projectId)}`,
        id: desk.projectId,
        key: desk.projectKey,
        name: desk.projectName,
        projectTypeKey: 'service_desk',
        simplified: false,
      },
      status: {
        self: `${base}/status/${status.id}`,
        description: '',
        name: r.status,
        id: status.id,
        statusCategory: {
          self: `${base}/statuscategory/${category[0]}`,
          id: category[0],
          key: category[1],
          name: category[2],
        },
      },
      statuscategorychangedate: jiraTime(Number(r.statusMs)),
      resolution: done
        ? {
            self: `${base}/resolution/10000`,
            id: '10000',
            name: r.status === 'Canceled' ? "Won't Do" : 'Done',
          }
        : null,
      resolutiondate: done ? jiraTime(Number(r.statusMs)) : null,
      priority: r.priority ? priorityOf(ctx, r.priority) : null,
      labels: r.labels,
      duedate: r.duedate,
      assignee: r.assigneeId ? jiraUser(ctx, r.assigneeId, api) : null,
      reporter: jiraUser(ctx, r.reporterId, api),
      creator: jiraUser(ctx, r.reporterId, api),
      created: jiraTime(Number(r.createdMs)),
      updated: jiraTime(Number(r.updatedMs)),
      // JSM's "Request Type" field (com.atlassian.servicedesk:vp-origin) and its SLA fields.
      customfield_10010: {
        _links: requestLinks(ctx, r),
        requestType: requestTypeDto(ctx, rt),
        currentStatus: currentStatus(r),
      },
      customfield_10030: sla1,
      customfield_10031: sla2,
      customfield_10050: (r.customFields as ProviderObject).customfield_10050 ?? null,
    },
  };
}

/** A comment in the v2 representation of Jira's comment webhooks (`jsdPublic` tells internal notes). */
export function jiraComment(ctx: EmulatorContext, c: ProviderObject): ProviderObject {
  const author = jiraUser(ctx, c.authorId);
  return {
    self: `${ctx.baseUrl()}/rest/api/2/issue/${String(c.issueId)}/comment/${String(c.id)}`,
    id: c.id,
    author,
    body: c.body,
    updateAuthor: author,
    created: jiraTime(Number(c.createdMs)),
    updated: jiraTime(Number(c.createdMs)),
    jsdPublic: c.public,
  };
}
