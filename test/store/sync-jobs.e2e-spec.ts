import { DRIVERS, useStore } from './store-fixture';

const LEASE_MS = 30_000;

describe.each(DRIVERS)('sync jobs on %s', (driver) => {
  const { store } = useStore(driver, 'sync-jobs');

  async function newJob(resources = ['tickets', 'users']) {
    const tenant = await store().tenants.create({ name: 't' });
    const connection = await store().connections.create(tenant.id, {
      provider: 'github',
      settings: { owner: 'o', repo: 'r' },
      credentials: { token: 't' },
    });
    const job = await store().syncJobs.create({
      tenantId: tenant.id,
      connectionId: connection.id,
      provider: 'github',
      resources,
      since: null,
    });
    return { tenantId: tenant.id, connectionId: connection.id, job };
  }

  it('creates a queued job with one pending resource each, visible only to its tenant', async () => {
    const { tenantId, connectionId, job } = await newJob();
    expect(job).toMatchObject({ id: expect.stringMatching(/^syn_[0-9a-f]{32}$/), state: 'queued', runs: 0 });
    expect(job.resources.map((r) => [r.resource, r.state, r.cursor, r.pages])).toEqual([
      ['tickets', 'pending', null, 0],
      ['users', 'pending', null, 0],
    ]);
    expect(await store().syncJobs.get(tenantId, job.id)).toEqual(job);
    const other = await store().tenants.create({ name: 'other' });
    expect(await store().syncJobs.get(other.id, job.id)).toBeUndefined();
    expect(await store().syncJobs.listForConnection(tenantId, connectionId)).toEqual([job]);
    expect(await store().syncJobs.listForConnection(other.id, connectionId)).toEqual([]);
    await store().syncJobs.cancel(tenantId, job.id); // the next tests claim their own jobs
  });

  it('lets one runner hold a job; an expired lease is taken over and resumes from the committed cursor', async () => {
    const { job } = await newJob(['tickets']);
    const t0 = new Date('2030-01-01T00:00:00Z');
    const claimed = await store().syncJobs.claim('runner-a', LEASE_MS, t0);
    expect(claimed).toMatchObject({ id: job.id, state: 'running', runs: 1 });
    expect(await store().syncJobs.claim('runner-b', LEASE_MS, t0)).toBeUndefined();

    expect(await store().syncJobs.startResource(job.id, 'tickets', 'runner-a', t0)).toBe(true);
    const page = { from: null, next: 'cursor-2', records: 50 };
    expect(await store().syncJobs.commitPage(job.id, 'tickets', 'runner-a', page, t0)).toBe(true);
    // The same page again (a runner that read it twice) does not count twice: the cursor moved on.
    expect(await store().syncJobs.commitPage(job.id, 'tickets', 'runner-a', page, t0)).toBe(false);
    expect(await store().syncJobs.recordWait(job.id, 'tickets', 'runner-a', 1500, t0)).toBe(true);

    // runner-a dies; its lease runs out and runner-b takes the job where the last commit left it.
    const later = new Date(t0.getTime() + LEASE_MS + 1);
    const resumed = await store().syncJobs.claim('runner-b', LEASE_MS, later);
    expect(resumed).toMatchObject({ state: 'running', runs: 2 });
    expect(resumed?.resources[0]).toMatchObject({
      state: 'running',
      cursor: 'cursor-2',
      pages: 1,
      records: 50,
      rateLimitWaits: 1,
      rateLimitWaitMs: 1500,
    });
    // The runner that lost its lease can neither commit nor finish.
    const stale = { from: 'cursor-2', next: null, records: 10 };
    expect(await store().syncJobs.commitPage(job.id, 'tickets', 'runner-a', stale, later)).toBe(false);
    expect(await store().syncJobs.finish(job.id, 'runner-a', 'completed', null, later)).toBe(false);

    expect(await store().syncJobs.commitPage(job.id, 'tickets', 'runner-b', stale, later)).toBe(true);
    expect(await store().syncJobs.finish(job.id, 'runner-b', 'completed', null, later)).toBe(true);
    const done = await store().syncJobs.byId(job.id);
    expect(done).toMatchObject({ state: 'completed', finishedAt: later.toISOString() });
    expect(done?.resources[0]).toMatchObject({ state: 'completed', cursor: null, pages: 2, records: 60 });
    expect(await store().syncJobs.claim('runner-c', LEASE_MS, later)).toBeUndefined();
  });

  it('cancels a queued job at once and asks a running one to stop', async () => {
    const queued = await newJob();
    const cancelled = await store().syncJobs.cancel(queued.tenantId, queued.job.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelRequested: true });
    expect(cancelled?.resources.map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
    expect(await store().syncJobs.claim('runner', LEASE_MS)).toBeUndefined();

    const running = await newJob();
    await store().syncJobs.claim('runner', LEASE_MS);
    const asked = await store().syncJobs.cancel(running.tenantId, running.job.id);
    expect(asked).toMatchObject({ state: 'running', cancelRequested: true });
    expect(await store().syncJobs.cancelRequested(running.job.id)).toBe(true);
    expect(await store().syncJobs.finish(running.job.id, 'runner', 'cancelled', null)).toBe(true);
    expect((await store().syncJobs.byId(running.job.id))?.resources.map((r) => r.state)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    const other = await store().tenants.create({ name: 'other' });
    expect(await store().syncJobs.cancel(other.id, running.job.id)).toBeUndefined();
  });

  it('goes with its connection', async () => {
    const { tenantId, connectionId, job } = await newJob();
    await store().connections.delete(tenantId, connectionId);
    expect(await store().syncJobs.byId(job.id)).toBeUndefined();
  });
});
