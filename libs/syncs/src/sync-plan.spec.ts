import { ProviderRegistry } from '@app/providers';
import { planSync, snapshotQuery, snapshotResources, SyncRequestError } from './sync-plan';

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

  it('lists only resources with a list that needs no parent and has a topic', () => {
    const listable = snapshotResources(zendesk);
    expect(listable).toContain('tickets');
    expect(listable).toContain('users');
    // Zendesk lists comments per ticket only.
    expect(listable).not.toContain('comments');
    expect(snapshotResources(github)).not.toContain('accounts');
  });

  it('refuses unknown, unlistable and repeated resources, naming them', () => {
    const unknown = refusal(() => planSync(github, ['tickets', 'bananas'], undefined));
    expect(unknown.message).toBe('unknown resources: bananas');
    expect(unknown.details).toMatchObject({ unknown: ['bananas'] });

    const unlisted = refusal(() => planSync(zendesk, ['tickets', 'comments'], undefined));
    expect(unlisted.message).toMatch(
      /^zendesk cannot list every record of: comments \(a snapshot can read .*tickets/,
    );
    expect(unlisted.details).toMatchObject({ provider: 'zendesk', not_listable: ['comments'] });

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
