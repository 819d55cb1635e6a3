import { githubExamples } from '@app/sandbox';
import { contractFieldsOf, createRecordValidator, isUnifiedResourceName } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { WebhookEventMapper } from '../webhooks/webhook-event-mapper';
import { github } from './index';

const expressions = new ExpressionCache();
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const context = { settings: { owner: 'Codertocat', repo: 'Hello-World' } };

/** What each of GitHub's official examples of these events must become: `resource:action` per change. */
const EXPECTED: Record<string, Record<string, string[] | 'ignored'>> = {
  label: { created: ['tags:created'], edited: ['tags:updated'], deleted: ['tags:deleted'] },
  milestone: {
    created: ['collections:created'],
    closed: ['collections:updated'],
    deleted: ['collections:deleted'],
  },
  member: { added: ['users:created'], edited: ['users:updated'] },
  membership: { added: ['teams:updated'], removed: ['teams:updated'] },
  organization: {
    member_added: ['users:updated'],
    member_invited: 'ignored',
    renamed: ['organizations:deleted', 'organizations:created'],
  },
  repository: {
    created: ['workspaces:created'],
    edited: ['workspaces:updated'],
    publicized: ['workspaces:updated'],
    privatized: ['workspaces:updated'],
    renamed: ['workspaces:deleted', 'workspaces:created'],
    transferred: ['workspaces:deleted', 'workspaces:created'],
  },
  team: {
    created: ['teams:created'],
    edited: ['teams:updated'],
    deleted: ['teams:deleted'],
    added_to_repository: ['teams:updated'],
    removed_from_repository: ['teams:updated'],
  },
  team_add: { '': ['teams:updated'] },
};

describe('GitHub webhook mappings beyond issues: labels, milestones, people, repositories, teams', () => {
  const examples = Object.keys(EXPECTED).flatMap((event) =>
    githubExamples(event).map(
      (e) => [`${event}.${e.action || '(no action)'}`, event, e.action, e.payload] as const,
    ),
  );

  it.each(examples)('%s maps to its resources with valid records', async (_name, event, action, payload) => {
    const teamGone = event === 'membership' && (payload.team as { deleted?: boolean }).deleted === true;
    const expected = teamGone ? 'ignored' : EXPECTED[event][action];
    expect(expected).toBeDefined();
    const outcome = await mapper.map(
      github,
      { headers: { 'x-github-event': event }, body: payload },
      context,
    );
    if (expected === 'ignored') {
      expect(outcome.kind).toBe('ignored');
      return;
    }
    if (outcome.kind !== 'changes') throw new Error(`not mapped: ${JSON.stringify(outcome)}`);
    expect(outcome.changes.map((c) => `${c.resource}:${c.action}`)).toEqual(expected);
    for (const change of outcome.changes) {
      expect(isUnifiedResourceName(change.resource)).toBe(true);
      const result = createRecordValidator(change.resource as never)(
        JSON.parse(JSON.stringify(change.record)),
      );
      expect([change.resource, result.errors]).toEqual([change.resource, []]);
    }
  });

  it('deletes the former id of a renamed or transferred repository and a renamed organization', async () => {
    const changes = async (event: string, action: string) => {
      const payload = githubExamples(event).find((e) => e.action === action)!.payload;
      const outcome = await mapper.map(
        github,
        { headers: { 'x-github-event': event }, body: payload },
        context,
      );
      return outcome.kind === 'changes' ? outcome.changes.map((c) => `${c.action} ${c.remoteId}`) : [];
    };
    const renamed = githubExamples('repository').find((e) => e.action === 'renamed')!.payload as {
      repository: { full_name: string; owner: { login: string } };
      changes: { repository: { name: { from: string } } };
    };
    expect(await changes('repository', 'renamed')).toEqual([
      `deleted ${renamed.repository.owner.login}/${renamed.changes.repository.name.from}`,
      `created ${renamed.repository.full_name}`,
    ]);
    const transferred = githubExamples('repository').find((e) => e.action === 'transferred')!.payload as {
      repository: { full_name: string; name: string };
      changes: { owner: { from: { user?: { login: string }; organization?: { login: string } } } };
    };
    const from = transferred.changes.owner.from;
    expect(await changes('repository', 'transferred')).toEqual([
      `deleted ${(from.organization ?? from.user)!.login}/${transferred.repository.name}`,
      `created ${transferred.repository.full_name}`,
    ]);
    const org = githubExamples('organization').find((e) => e.action === 'renamed')!.payload as {
      organization: { login: string };
      changes: { login: { from: string } };
    };
    expect(await changes('organization', 'renamed')).toEqual([
      `deleted ${org.changes.login.from}`,
      `created ${org.organization.login}`,
    ]);
  });

  it('registers the repository hook for every repository event it maps', () => {
    const body = github.webhooks!.registration!.create.body;
    for (const event of ['issues', 'issue_comment', 'label', 'milestone', 'member', 'repository', 'team_add'])
      expect(body).toContain(`"${event}"`);
  });
});
