import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  ProviderGraphqlError,
  registerGraphqlEndpoint,
  relayConnection,
  type RelayArgs,
} from '../kit/graphql/graphql-endpoint';
import { ProviderEmulator, type InjectedFault } from '../kit/provider-emulator';
import { WebhookEmitter } from '../kit/webhook-emitter';
import { LINEAR_SDL } from './schema';
import { LINEAR_ORGANIZATION_ID, LINEAR_SEED_API_KEY, seedLinear, type LinearState } from './seed';

type Row = Record<string, unknown>;
const PAGE = { defaultSize: 50, max: 250 };
const PRIORITY_LABELS = ['No priority', 'Urgent', 'High', 'Medium', 'Low'];
const LIMIT = 1500; // requests an hour for an API key

/**
 * Linear's GraphQL API on loopback: issues, comments, users, teams, workflow states, labels, projects,
 * cycles and attachments with relay connections (`first`/`after`, 50 by default), Linear's error shape
 * (`extensions.code`), its rate-limit headers, and signed data-change webhooks for every mutation.
 */
export class LinearEmulator extends ProviderEmulator {
  readonly webhooks = new WebhookEmitter();
  state: LinearState = seedLinear();
  private used = 0;
  private limited = false;
  private lastSyncId = 1000;

  constructor(private readonly apiKey = LINEAR_SEED_API_KEY) {
    super();
    registerGraphqlEndpoint(this.app, {
      path: '/graphql',
      sdl: LINEAR_SDL,
      root: () => this.root(),
      guard: (request, reply) => {
        this.used++;
        void reply.headers(this.rateHeaders());
        if (this.limited && this.used > LIMIT)
          return new ProviderGraphqlError('Rate limit exceeded', 'RATELIMITED', 400);
        if (!this.authorized(request))
          return new ProviderGraphqlError(
            'Authentication required, not authenticated',
            'AUTHENTICATION_ERROR',
            400,
          );
        return undefined;
      },
      extensions: (error) => {
        const code = error instanceof ProviderGraphqlError ? error.code : 'GRAPHQL_VALIDATION_FAILED';
        return {
          type: code.toLowerCase().replace(/_/g, ' '),
          code,
          userError: code !== 'INTERNAL_SERVER_ERROR',
          userPresentableMessage: error.message,
        };
      },
      errorStatus: 400,
    });
  }

  // The endpoint is registered in the constructor, after the base class's fields exist.
  protected routes(): void {}

  subscribeWebhooks(url: string, secret: string): void {
    this.webhooks.subscribe({ url, secret });
  }

  /** After `limit` requests, Linear's RATELIMITED answer. */
  enableRateLimit(): void {
    this.limited = true;
    this.used = LIMIT;
  }

  /** A RATELIMITED answer exactly as Linear sends one (HTTP 400, the error in the body, the headers). */
  rateLimitFault(times = 1): InjectedFault {
    return {
      status: 400,
      times,
      match: /POST \/graphql/,
      headers: { 'content-type': 'application/json; charset=utf-8', ...this.rateHeaders(0) },
      body: {
        errors: [
          {
            message: 'Rate limit exceeded',
            extensions: {
              type: 'ratelimited',
              code: 'RATELIMITED',
              userError: true,
              userPresentableMessage: 'Rate limit exceeded',
            },
          },
        ],
        data: null,
      },
    };
  }

  private authorized(request: FastifyRequest): boolean {
    const header = request.headers.authorization ?? '';
    return header === this.apiKey || header === `Bearer ${this.apiKey}`;
  }

  private rateHeaders(remaining = Math.max(0, LIMIT - this.used)): Record<string, string> {
    return {
      'x-ratelimit-requests-limit': String(LIMIT),
      'x-ratelimit-requests-remaining': String(remaining),
      'x-ratelimit-requests-reset': String(Date.now() + 3_600_000),
      'x-complexity': '10',
    };
  }

  private find(collection: keyof LinearState, id: unknown, type: string): Row {
    const row = this.state[collection].find((r) => r.id === id);
    if (!row) throw new ProviderGraphqlError(`Entity not found: ${type}`, 'INVALID_INPUT');
    return row;
  }

  private maybe(collection: keyof LinearState, id: unknown): Row | null {
    return (id ? this.state[collection].find((r) => r.id === id) : undefined) ?? null;
  }

  // Views: stored rows joined into Linear's graph; functions resolve fields that take arguments.
  private user = (u: Row | null) => u;
  private team = (t: Row) => t;
  private workflowState = (s: Row) => ({ ...s, team: () => this.team(this.find('teams', s.teamId, 'Team')) });
  private label = (l: Row) => ({
    ...l,
    team: () => this.maybe('teams', l.teamId),
    parent: () => this.maybe('labels', l.parentId),
  });
  private comment = (c: Row) => ({
    ...c,
    url: `https://linear.app/acme/issue/${String(this.maybe('issues', c.issueId)?.identifier)}#comment-${String(c.id).slice(0, 8)}`,
    user: () => this.user(this.maybe('users', c.userId)),
    issue: () => this.issue(this.find('issues', c.issueId, 'Issue')),
  });
  private attachment = (a: Row) => ({
    ...a,
    creator: () => this.maybe('users', a.creatorId),
    issue: () => this.issue(this.find('issues', a.issueId, 'Issue')),
  });
  private issue = (i: Row): Row => ({
    ...i,
    priorityLabel: PRIORITY_LABELS[Number(i.priority)],
    url: `https://linear.app/acme/issue/${String(i.identifier)}`,
    state: () => this.workflowState(this.find('workflowStates', i.stateId, 'WorkflowState')),
    team: () => this.team(this.find('teams', i.teamId, 'Team')),
    assignee: () => this.maybe('users', i.assigneeId),
    creator: () => this.maybe('users', i.creatorId),
    project: () => this.maybe('projects', i.projectId),
    cycle: () => this.maybe('cycles', i.cycleId),
    parent: () => {
      const parent = this.maybe('issues', i.parentId);
      return parent && this.issue(parent);
    },
    labels: (args: RelayArgs) =>
      relayConnection(
        this.state.labels.filter((l) => (i.labelIds as string[]).includes(String(l.id))).map(this.label),
        args,
        PAGE,
      ),
    comments: (args: RelayArgs) =>
      relayConnection(this.state.comments.filter((c) => c.issueId === i.id).map(this.comment), args, PAGE),
    attachments: (args: RelayArgs) =>
      relayConnection(
        this.state.attachments.filter((a) => a.issueId === i.id).map(this.attachment),
        args,
        PAGE,
      ),
  });

  private list<T extends Row>(
    rows: T[],
    args: RelayArgs & { filter?: Row; orderBy?: string },
    view: (r: T) => Row,
  ) {
    const filter = args.filter ?? {};
    const window = (field: string) => (filter[field] ?? {}) as Record<string, string | undefined>;
    const matches = (r: T) =>
      ['createdAt', 'updatedAt'].every((field) => {
        const w = window(field);
        const v = String(r[field]);
        return (!w.gte || v >= w.gte) && (!w.gt || v > w.gt) && (!w.lte || v <= w.lte) && (!w.lt || v < w.lt);
      }) &&
      (!(filter.issue as Row | undefined) || r.issueId === ((filter.issue as Row).id as Row).eq);
    const field = args.orderBy === 'updatedAt' ? 'updatedAt' : 'createdAt';
    const ordered = rows.filter((r) => r.archivedAt === null || r.archivedAt === undefined).filter(matches);
    ordered.sort(
      (a, b) => String(a[field]).localeCompare(String(b[field])) || String(a.id).localeCompare(String(b.id)),
    );
    return relayConnection(ordered.map(view), args, PAGE);
  }

  private root(): Row {
    const s = this.state;
    const byId =
      (collection: keyof LinearState, type: string, view: (r: Row) => unknown) =>
      ({ id }: { id: string }) =>
        view(this.find(collection, id, type));
    return {
      issue: ({ id }: { id: string }) =>
        this.issue(
          s.issues.find((i) => i.id === id || i.identifier === id) ?? this.find('issues', id, 'Issue'),
        ),
      issues: (args: RelayArgs) => this.list(s.issues, args, this.issue),
      comment: byId('comments', 'Comment', this.comment),
      comments: (args: RelayArgs) => this.list(s.comments, args, this.comment),
      user: byId('users', 'User', this.user),
      users: (args: RelayArgs) => this.list(s.users, args, (u) => u),
      team: byId('teams', 'Team', this.team),
      teams: (args: RelayArgs) => this.list(s.teams, args, (t) => t),
      project: byId('projects', 'Project', (p) => p),
      projects: (args: RelayArgs) => this.list(s.projects, args, (p) => p),
      issueLabel: byId('labels', 'IssueLabel', this.label),
      issueLabels: (args: RelayArgs) => this.list(s.labels, args, this.label),
      workflowState: byId('workflowStates', 'WorkflowState', this.workflowState),
      workflowStates: (args: RelayArgs) => this.list(s.workflowStates, args, this.workflowState),
      attachment: byId('attachments', 'Attachment', this.attachment),
      attachments: (args: RelayArgs) => this.list(s.attachments, args, this.attachment),
      ...this.mutations(),
    };
  }

  private mutations(): Row {
    const s = this.state;
    const now = () => new Date().toISOString();
    const payload = (key: string, value: unknown) => ({
      success: true,
      lastSyncId: ++this.lastSyncId,
      [key]: value,
    });
    const checkRefs = (input: Row) => {
      if (input.teamId !== undefined) this.find('teams', input.teamId, 'Team');
      if (input.stateId !== undefined) this.find('workflowStates', input.stateId, 'WorkflowState');
      if (input.assigneeId) this.find('users', input.assigneeId, 'User');
      if (input.projectId) this.find('projects', input.projectId, 'Project');
      for (const id of (input.labelIds as string[] | undefined) ?? []) this.find('labels', id, 'IssueLabel');
      if (input.priority !== undefined && (Number(input.priority) < 0 || Number(input.priority) > 4))
        throw new ProviderGraphqlError('priority must be between 0 and 4', 'INVALID_INPUT');
    };
    return {
      issueCreate: ({ input }: { input: Row }) => {
        checkRefs(input);
        if (!input.title) throw new ProviderGraphqlError('title should not be empty', 'INVALID_INPUT');
        const number = 1 + Math.max(0, ...s.issues.map((i) => Number(i.number)));
        const team = this.find('teams', input.teamId, 'Team');
        const issue: Row = {
          id: randomUUID(),
          identifier: `${String(team.key)}-${number}`,
          number,
          description: null,
          priority: 0,
          estimate: null,
          dueDate: null,
          stateId: s.workflowStates.find((w) => w.type === 'backlog')?.id,
          assigneeId: null,
          creatorId: s.users[0].id,
          projectId: null,
          cycleId: null,
          parentId: null,
          labelIds: [],
          ...input,
          createdAt: now(),
          updatedAt: now(),
          completedAt: null,
          canceledAt: null,
          archivedAt: null,
        };
        s.issues.push(issue);
        this.announce('create', 'Issue', this.issueData(issue));
        return payload('issue', this.issue(issue));
      },
      issueUpdate: ({ id, input }: { id: string; input: Row }) => {
        const issue = this.find('issues', id, 'Issue');
        checkRefs(input);
        const before = { ...issue };
        Object.assign(issue, input, { updatedAt: now() });
        const type = this.find('workflowStates', issue.stateId, 'WorkflowState').type;
        issue.completedAt = type === 'completed' ? (issue.completedAt ?? now()) : null;
        issue.canceledAt = type === 'canceled' ? (issue.canceledAt ?? now()) : null;
        const updatedFrom = Object.fromEntries(Object.keys(input).map((k) => [k, before[k] ?? null]));
        this.announce('update', 'Issue', this.issueData(issue), {
          ...updatedFrom,
          updatedAt: before.updatedAt,
        });
        return payload('issue', this.issue(issue));
      },
      issueDelete: ({ id }: { id: string }) => {
        const issue = this.find('issues', id, 'Issue');
        issue.archivedAt = now();
        s.issues.splice(s.issues.indexOf(issue), 1);
        this.announce('remove', 'Issue', this.issueData(issue));
        return payload('entity', this.issue(issue));
      },
      commentCreate: ({ input }: { input: Row }) => {
        const issue = this.find('issues', input.issueId, 'Issue');
        if (!input.body) throw new ProviderGraphqlError('body should not be empty', 'INVALID_INPUT');
        const comment: Row = {
          id: randomUUID(),
          body: input.body,
          issueId: issue.id,
          userId: s.users[0].id,
          parentId: input.parentId ?? null,
          createdAt: now(),
          updatedAt: now(),
          editedAt: null,
          archivedAt: null,
        };
        s.comments.push(comment);
        this.announce('create', 'Comment', { ...comment, edited: false });
        return payload('comment', this.comment(comment));
      },
      commentUpdate: ({ id, input }: { id: string; input: Row }) => {
        const comment = this.find('comments', id, 'Comment');
        const before = { body: comment.body, updatedAt: comment.updatedAt };
        Object.assign(comment, input, { updatedAt: now(), editedAt: now() });
        this.announce('update', 'Comment', { ...comment, edited: true }, before);
        return payload('comment', this.comment(comment));
      },
      commentDelete: ({ id }: { id: string }) => {
        const comment = this.find('comments', id, 'Comment');
        s.comments.splice(s.comments.indexOf(comment), 1);
        this.announce('remove', 'Comment', { ...comment, archivedAt: now() });
        return payload('entityId', id);
      },
      issueLabelCreate: ({ input }: { input: Row }) => {
        if (s.labels.some((l) => l.name === input.name && l.teamId === (input.teamId ?? null)))
          throw new ProviderGraphqlError('Duplicate label name', 'INVALID_INPUT');
        const label: Row = {
          id: randomUUID(),
          color: '#bec2c8',
          description: null,
          teamId: null,
          parentId: null,
          ...input,
          createdAt: now(),
          updatedAt: now(),
          archivedAt: null,
        };
        s.labels.push(label);
        return payload('issueLabel', this.label(label));
      },
      issueLabelUpdate: ({ id, input }: { id: string; input: Row }) => {
        const label = this.find('labels', id, 'IssueLabel');
        Object.assign(label, input, { updatedAt: now() });
        return payload('issueLabel', this.label(label));
      },
      issueLabelDelete: ({ id }: { id: string }) => {
        const label = this.find('labels', id, 'IssueLabel');
        s.labels.splice(s.labels.indexOf(label), 1);
        for (const issue of s.issues) issue.labelIds = (issue.labelIds as string[]).filter((l) => l !== id);
        return payload('entityId', id);
      },
    };
  }

  /** An issue as Linear's webhooks carry it: flat ids, with team, state and labels embedded. */
  private issueData(issue: Row): Row {
    const state = this.find('workflowStates', issue.stateId, 'WorkflowState');
    const team = this.find('teams', issue.teamId, 'Team');
    const assignee = this.maybe('users', issue.assigneeId);
    return {
      ...issue,
      priorityLabel: PRIORITY_LABELS[Number(issue.priority)],
      team: { id: team.id, key: team.key, name: team.name },
      state: { id: state.id, name: state.name, type: state.type, color: state.color },
      labels: this.state.labels
        .filter((l) => (issue.labelIds as string[]).includes(String(l.id)))
        .map((l) => ({ id: l.id, name: l.name, color: l.color })),
      ...(assignee ? { assignee: { id: assignee.id, name: assignee.name } } : {}),
      subscriberIds: [],
      previousIdentifiers: [],
    };
  }

  private announce(action: string, type: string, data: Row, updatedFrom?: Row): void {
    const url = type === 'Issue' ? `https://linear.app/acme/issue/${String(data.identifier)}` : undefined;
    const body = {
      action,
      type,
      createdAt: new Date().toISOString(),
      data,
      ...(url ? { url } : {}),
      ...(updatedFrom ? { updatedFrom } : {}),
      organizationId: LINEAR_ORGANIZATION_ID,
      webhookTimestamp: Date.now(),
      webhookId: '000042e3-d123-4980-b49f-8e140eef9329',
    };
    this.webhooks.emit(body, (raw, secret) => ({
      'linear-delivery': randomUUID(),
      'linear-event': type,
      'linear-signature': createHmac('sha256', secret).update(raw).digest('hex'),
      'user-agent': 'Linear-Webhook',
    }));
  }
}
