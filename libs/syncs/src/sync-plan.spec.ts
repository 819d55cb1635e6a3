import { ProviderRegistry } from '@app/providers';
import { planSync, snapshotQuery, snapshotResources, snapshotShape, SyncRequestError } from './sync-plan';

const registry = new ProviderRegistry();
const github = registry.get('github');
const zendesk = registry.get('zendesk');

function refusal(run: () => unknown): SyncRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof SyncRequestError) return error;
    throw error;
  }
  throw new Error('expected a SyncRequestError');
}

describe('planSync', () => {
  it('takes resources the provider lists whole, and since as UTC', () => {
    expect(planSync(github, ['tickets', 'users'], undefined)).toEqual({
      resources: ['tickets', 'users'],
      since: null,
    });
    expect(planSync(github, ['tickets'], '2026-01-01T02:00:00+02:00')).toEqual({
      resources: ['tickets'],
      since: '2026-01-01T00:00:00.000Z',
    });
  });

  it('reads lists whole, or per parent record where the definition names the parent', () => {
    expect(snapshotShape(zendesk, 'tickets')).toEqual({ kind: 'whole' });
    // Zendesk and Jira list comments per ticket; their poll blocks name the parent.
    const perTicket = { kind: 'per-parent', parent: 'tickets', query: 'ticket_id' };
    expect(snapshotShape(zendesk, 'comments')).toEqual(perTicket);
    expect(snapshotShape(registry.get('jira'), 'comments')).toEqual(perTicket);
    expect(snapshotShape(github, 'comments')).toEqual({ kind: 'whole' });
    expect(snapshotShape(github, 'accounts')).toBeUndefined();
    expect(snapshotResources(zendesk)).toEqual(expect.arrayContaining(['tickets', 'users', 'comments']));
    expect(snapshotResources(zendesk)).not.toContain('organizations');
  });

  it('refuses unknown, unlistable and repeated resources, naming them', () => {
    const unknown = refusal(() => planSync(github, ['tickets', 'bananas'], undefined));
    expect(unknown.message).toBe('unknown resources: bananas');
    expect(unknown.details).toMatchObject({ unknown: ['bananas'] });

    const unlisted = refusal(() => planSync(zendesk, ['tickets', 'organizations'], undefined));
    expect(unlisted.message).toMatch(
      /^zendesk cannot list every record of: organizations \(a snapshot can read .*tickets/,
    );
    expect(unlisted.details).toMatchObject({ provider: 'zendesk', not_listable: ['organizations'] });

    expect(refusal(() => planSync(github, ['accounts'], undefined)).details).toMatchObject({
      not_listable: ['accounts'],
    });
    expect(refusal(() => planSync(github, ['tickets', 'tickets'], undefined)).message).toMatch(/repeat/);
  });

  it('refuses a since that is not a date-time, or that a resource cannot filter on', () => {
    for (const since of ['yesterday', '2026-01-01', '2026-13-01T00:00:00Z', '2026-01-01T00:00:00'])
      expect(refusal(() => planSync(github, ['tickets'], since)).details).toEqual({ since });
    const unfiltered = refusal(() => planSync(github, ['tickets', 'users'], '2026-01-01T00:00:00Z'));
    expect(unfiltered.details).toEqual({ provider: 'github', no_updated_at_filter: ['users'] });
  });
});

describe('snapshotQuery', () => {
  it('asks for records updated since (gte where the list has it), or for everything', () => {
    expect(snapshotQuery(github, 'tickets', '2026-01-01T00:00:00.000Z')).toEqual({
      updated_at: { gte: '2026-01-01T00:00:00.000Z' },
    });
    expect(snapshotQuery(github, 'tickets', null)).toEqual({});
  });
});
