import { DRIVERS, useStore } from './store-fixture';

/** The poller's store: task leases (one holder at a time, expiry, checkpoints under the lease) and published versions. */
describe.each(DRIVERS)('poll state on %s', (driver) => {
  const { store } = useStore(driver, 'poll-state');
  let connectionId: string;

  beforeAll(async () => {
    const s = store();
    const tenant = await s.tenants.create({ name: 'poll' });
    connectionId = (
      await s.connections.create(tenant.id, {
        provider: 'github',
        settings: { owner: 'o', repo: 'r' },
        credentials: { token: 't' },
      })
    ).id;
  });

  it('lets one of two pollers take a due task, refuses the other, and hands it over when the lease runs out', async () => {
    const { pollStates } = store();
    const key = { connectionId, resource: 'tickets' };
    const t0 = new Date('2030-01-01T00:00:00.000Z');
    await pollStates.ensure([key, { connectionId, resource: 'comments' }], t0);
    await pollStates.ensure([key], t0); // existing tasks keep their state
    const [a, b] = await Promise.all([
      pollStates.claimDue('a', 1_000, t0),
      pollStates.claimDue('b', 1_000, t0),
    ]);
    const claimed = [a, b].filter(Boolean).map((s) => s!.resource);
    expect(claimed.sort()).toEqual(['comments', 'tickets']); // each task to one poller
    const owner = a?.resource === 'tickets' ? 'a' : 'b';
    const other = owner === 'a' ? 'b' : 'a';
    expect(await pollStates.claimDue(other, 1_000, t0)).toBeUndefined();
    expect(await pollStates.checkpoint(key, other, { watermark: '2029-01-01T00:00:00.000Z' }, t0)).toBe(
      false,
    );
    expect(
      await pollStates.checkpoint(
        key,
        owner,
        { watermark: '2029-12-31T00:00:00.000Z', baselineDone: true },
        t0,
      ),
    ).toBe(true);
    // The owner dies: after its lease another poller takes over from the checkpoint, and the dead one cannot save.
    const later = new Date(t0.getTime() + 1_500);
    const takenOver = await pollStates.claimDue(other, 1_000, later);
    expect(takenOver).toMatchObject({ resource: expect.any(String) });
    const tickets =
      takenOver!.resource === 'tickets' ? takenOver : await pollStates.claimDue(other, 1_000, later);
    expect(tickets).toMatchObject({
      resource: 'tickets',
      watermark: '2029-12-31T00:00:00.000Z',
      baselineDone: true,
    });
    expect(await pollStates.renew(key, owner, 1_000, later)).toBe(false);
    await pollStates.release(key, other, { dueAt: new Date(later.getTime() + 60_000), error: 'boom' }, later);
    expect(await pollStates.get(key)).toMatchObject({
      lastError: 'boom',
      nextDueAt: '2030-01-01T00:01:01.500Z',
    });
    expect(await pollStates.claimDue(owner, 1_000, new Date(later.getTime() + 1_001))).toMatchObject({
      resource: 'comments',
    });
  });

  it('records, finds, lists and forgets published versions; the newest hash wins and a known parent stays', async () => {
    const { publishedVersions } = store();
    await publishedVersions.record([
      { connectionId, resource: 'comments', remoteId: 'c1', parentId: 't1', contentHash: 'h1' },
      { connectionId, resource: 'comments', remoteId: 'c2', parentId: 't1', contentHash: 'h2' },
    ]);
    await publishedVersions.record([
      { connectionId, resource: 'comments', remoteId: 'c1', contentHash: 'h1b' },
    ]);
    const found = await publishedVersions.find(connectionId, 'comments', ['c1', 'c3']);
    expect([...found.values()]).toEqual([
      expect.objectContaining({ remoteId: 'c1', parentId: 't1', contentHash: 'h1b' }),
    ]);
    expect(
      (await publishedVersions.list(connectionId, 'comments', 't1')).map((v) => v.remoteId).sort(),
    ).toEqual(['c1', 'c2']);
    await publishedVersions.forget(connectionId, 'comments', ['c2']);
    expect((await publishedVersions.list(connectionId, 'comments')).map((v) => v.remoteId)).toEqual(['c1']);
  });

  it('goes with its connection', async () => {
    const s = store();
    const connection = await s.connections.findById(connectionId);
    expect(await s.connections.delete(connection!.tenantId, connectionId)).toBe(true);
    expect(await s.publishedVersions.list(connectionId, 'comments')).toEqual([]);
    expect(await s.pollStates.get({ connectionId, resource: 'tickets' })).toBeUndefined();
  });
});
