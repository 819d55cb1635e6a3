import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { createEventValidator, deterministicEventId, TOPICS } from '@app/bus';
import { addIssuesSilently, GithubEmulator, GITHUB_SEED_PULL_REQUESTS } from '@app/sandbox/github';
import { startServer, type RunningServer } from '../support/child-app';
import { connectGithubEmulator, createTenant, startGateway, type RunningGateway } from '../support/gateway';
import { TopicRecorder, type RecordedMessage } from '../support/topic-recorder';

const IMPORTED = 1_050;
const PAGE_SIZE = 25;
const LEASE_SECONDS = 3;
const IMPORTED_FROM = new Date('2025-06-01T00:00:00Z');

/**
 * The must-show of issue 14: a snapshot of 1,000+ tickets over many pages, its runner killed (SIGKILL)
 * half-way and started again → every ticket published exactly once by event id, the page cut mid-way
 * published again with the same ids, and the job's counts exact.
 */
describe('snapshots: a sync job over 1,000+ GitHub issues survives its runner being killed', () => {
  jest.setTimeout(240_000);
  const brokers = process.env.KAFKA_BROKERS as string;
  const emulator = new GithubEmulator();
  /** Each provider call waits this long, so the kill lands half-way through the pages. */
  let paceMs = 0;
  let gateway: RunningGateway;
  let runner: RunningServer | undefined;
  /** A second runner started beside the first after the kill: the lease gives the job to one of them. */
  let rival: RunningServer | undefined;
  let recorder: TopicRecorder;
  let key: string;
  let connectionId: string;
  let runnerEnv: Record<string, string>;
  let ticketIds: string[];

  beforeAll(async () => {
    emulator.app.addHook('onRequest', async () => {
      if (paceMs > 0) await sleep(paceMs);
    });
    await emulator.start();
    addIssuesSilently(emulator.state, IMPORTED, { from: IMPORTED_FROM });
    ticketIds = emulator.state.issues
      .filter((i) => !(GITHUB_SEED_PULL_REQUESTS as readonly number[]).includes(i.number))
      .map((i) => String(i.number));
    const dir = mkdtempSync(path.join(tmpdir(), 'syncs-e2e-'));
    const storeEnv = {
      STORE_DRIVER: 'sqlite',
      SQLITE_PATH: path.join(dir, 'store.sqlite'),
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    };
    gateway = await startGateway(storeEnv);
    key = (await createTenant(gateway, 'snapshots')).key;
    connectionId = await connectGithubEmulator(gateway, key, emulator.url);
    runnerEnv = {
      ...storeEnv,
      KAFKA_BROKERS: brokers,
      SYNC_PAGE_SIZE: String(PAGE_SIZE),
      SYNC_LEASE_SECONDS: String(LEASE_SECONDS),
      SYNC_IDLE_MS: '200',
      LOG_LEVEL: 'error',
    };
    recorder = new TopicRecorder(brokers, [TOPICS.tickets], (m) => m.json.connectionid === connectionId);
    await recorder.start();
  });

  afterAll(async () => {
    await runner?.stop();
    await rival?.stop();
    await recorder?.stop();
    await gateway?.close();
    await emulator.stop();
  });

  const syncOf = async (id: string) => {
    const answer = await gateway.call('GET', `/syncs/${id}`, { key });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  async function waitForSync(
    id: string,
    done: (job: { state: string; totals: { pages: number } }) => boolean,
  ) {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const job = await syncOf(id);
      if (done(job)) return job;
      if (Date.now() > deadline) throw new Error(`sync ${id} did not get there: ${JSON.stringify(job)}`);
      await sleep(100);
    }
  }
  const ofJob = (jobId: string) => (m: RecordedMessage) => m.json.deliveryid === `sync:${jobId}`;
  const distinctSubjects = (messages: RecordedMessage[]) => new Set(messages.map((m) => m.json.subject)).size;

  it('publishes every ticket exactly once by event id, resuming from the last committed page', async () => {
    expect(ticketIds.length).toBeGreaterThanOrEqual(1_000);
    const created = await gateway.call('POST', `/connections/${connectionId}/syncs`, {
      key,
      body: { resources: ['tickets'] },
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      state: 'queued',
      resources: [{ resource: 'tickets', state: 'pending' }],
    });
    const jobId = created.body.id as string;
    const mine = ofJob(jobId);

    paceMs = 40;
    runner = await startServer('test/support/sync-runner-process.ts', runnerEnv);
    await recorder.waitFor((all) => distinctSubjects(all.filter(mine)) >= ticketIds.length * 0.4, 120_000);
    // The kill lands in the worst place: a page published (the broker acknowledged it) but not committed.
    // Holding the store's write lock lets the runner read and publish its next page and then wait on the
    // commit; once that page is on Kafka, the runner is killed.
    const lock = new BetterSqlite3(runnerEnv.SQLITE_PATH);
    lock.exec('BEGIN IMMEDIATE');
    const committed = () =>
      (
        lock.prepare('SELECT records FROM sync_job_resources WHERE job_id = ?').get(jobId) as {
          records: number;
        }
      ).records;
    const committedAtKill = committed();
    await recorder.waitFor((all) => distinctSubjects(all.filter(mine)) > committedAtKill, 10_000);
    await runner.kill();
    runner = undefined;
    lock.exec('ROLLBACK');
    lock.close();
    const seenAtKill = distinctSubjects(recorder.messages.filter(mine));
    const atKill = await syncOf(jobId);
    // Killed half-way: some pages committed, not all, one more published; the dead runner still holds the lease.
    expect(atKill).toMatchObject({ state: 'running', runs: 1 });
    expect(atKill.resources[0].records).toBe(committedAtKill);
    expect(atKill.resources[0].pages).toBeGreaterThan(0);
    expect(committedAtKill).toBeLessThan(ticketIds.length);
    expect(seenAtKill).toBeGreaterThan(committedAtKill);
    expect(seenAtKill).toBeLessThan(ticketIds.length);

    paceMs = 0;
    [runner, rival] = await Promise.all([
      startServer('test/support/sync-runner-process.ts', runnerEnv),
      startServer('test/support/sync-runner-process.ts', runnerEnv),
    ]);
    const done = await waitForSync(jobId, (job) => job.state !== 'running' && job.state !== 'queued');
    await recorder.waitFor((all) => distinctSubjects(all.filter(mine)) >= ticketIds.length, 30_000);
    await sleep(500); // anything published late would show up as a second id below

    const messages = recorder.messages.filter(mine);
    const idsByTicket = new Map<string, Set<string>>();
    for (const m of messages) {
      const subject = String(m.json.subject);
      idsByTicket.set(subject, (idsByTicket.get(subject) ?? new Set()).add(String(m.json.id)));
    }
    expect([...idsByTicket.keys()].sort()).toEqual([...ticketIds].sort());
    const notOnce = [...idsByTicket].filter(([, ids]) => ids.size !== 1).map(([ticket]) => ticket);
    expect(notOnce).toEqual([]);
    const wrongIds = ticketIds.filter(
      (ticket) =>
        [...idsByTicket.get(ticket)!][0] !==
        deterministicEventId({
          connectionId,
          deliveryId: `sync:${jobId}`,
          entity: 'ticket',
          remoteId: ticket,
        }),
    );
    expect(wrongIds).toEqual([]);
    const validate = createEventValidator();
    const invalid = messages.filter((m) => !validate(m.topic, m.value, m.key).valid);
    expect(invalid.map((m) => m.json.subject)).toEqual([]);
    expect(new Set(messages.map((m) => m.json.type))).toEqual(new Set(['ticketing.ticket.synced']));
    expect(messages.filter((m) => m.key !== `${connectionId}:${m.json.subject}`)).toEqual([]);

    // The page published but not committed at the kill was published again, with the same ids (one id per
    // ticket above); nothing else was: of the two runners started after the kill, one took the job (runs: 2).
    const repeated = messages.length - ticketIds.length;
    expect(repeated).toBe(seenAtKill - committedAtKill);
    expect(repeated).toBeGreaterThan(0);
    expect(repeated).toBeLessThanOrEqual(PAGE_SIZE);
    expect(done).toMatchObject({
      state: 'completed',
      runs: 2,
      error: null,
      totals: { records: ticketIds.length },
      resources: [{ resource: 'tickets', state: 'completed', records: ticketIds.length, errors: 0 }],
    });
    expect(done.resources[0].pages).toBeGreaterThanOrEqual(Math.ceil(ticketIds.length / PAGE_SIZE));
    console.log(
      `[syncs] ${ticketIds.length} tickets in ${done.resources[0].pages} pages of ${PAGE_SIZE}; runner killed after ` +
        `${atKill.resources[0].pages} committed pages (${committedAtKill} tickets) with the next page on Kafka but not committed ` +
        `(${seenAtKill} tickets on Kafka); resumed by one of two new runners; ` +
        `${messages.length} messages, ${repeated} repeats of the uncommitted page (same ids), ` +
        `${ticketIds.length} distinct ids, one per ticket`,
    );
  });

  it('waits out 429s (Retry-After) and counts them, and reads only what changed since `since`', async () => {
    expect(runner).toBeDefined();
    emulator.secondaryRateLimit(2, 1);
    const since = new Date(IMPORTED_FROM.getTime() + (IMPORTED - 60) * 1000).toISOString();
    const created = await gateway.call('POST', `/connections/${connectionId}/syncs`, {
      key,
      body: { resources: ['tickets'], since },
    });
    expect(created.status).toBe(202);
    expect(created.body.since).toBe(since);
    const jobId = created.body.id as string;
    const done = await waitForSync(jobId, (job) => job.state === 'completed' || job.state === 'failed');
    expect(done).toMatchObject({ state: 'completed', totals: { records: 60, rate_limit_waits: 2 } });
    expect(done.resources[0]).toMatchObject({ rate_limit_waits: 2, rate_limit_wait_ms: 2000, errors: 0 });
    const messages = await recorder.waitFor((all) => all.filter(ofJob(jobId)).length >= 60);
    expect(distinctSubjects(messages.filter(ofJob(jobId)))).toBe(60);
  });

  it('fails a resource the provider refuses, naming why, without retrying it', async () => {
    const refused = await gateway.call('POST', '/connections', {
      key,
      body: {
        provider: 'github',
        settings: { owner: 'octo-org', repo: 'tracker', base_url: emulator.url },
        credentials: { token: 'ghp_revokedToken000000000000000000000000' },
      },
    });
    expect(refused.status).toBe(201);
    const created = await gateway.call('POST', `/connections/${refused.body.id}/syncs`, {
      key,
      body: { resources: ['tickets', 'users'] },
    });
    const done = await waitForSync(
      created.body.id,
      (job) => job.state === 'failed' || job.state === 'completed',
    );
    expect(done).toMatchObject({ state: 'failed', totals: { records: 0 } });
    expect(done.error).toMatch(/^tickets: .+; users: .+/);
    expect(done.resources.map((r: { state: string; errors: number }) => [r.state, r.errors])).toEqual([
      ['failed', 1],
      ['failed', 1],
    ]);
  });

  it('stops a running job after the page in hand when it is cancelled', async () => {
    paceMs = 150;
    const created = await gateway.call('POST', `/connections/${connectionId}/syncs`, {
      key,
      body: { resources: ['tickets'] },
    });
    const jobId = created.body.id as string;
    await waitForSync(jobId, (job) => job.totals.pages >= 2);
    const cancel = await gateway.call('POST', `/syncs/${jobId}/cancel`, { key });
    expect(cancel.status).toBe(200);
    expect(cancel.body.cancel_requested).toBe(true);
    const done = await waitForSync(jobId, (job) => job.state === 'cancelled');
    expect(done.resources[0].state).toBe('cancelled');
    expect(done.totals.records).toBeLessThan(ticketIds.length);
    paceMs = 0;
    await sleep(1_000);
    // Nothing more of it after the cancel took hold.
    expect((await syncOf(jobId)).totals).toEqual(done.totals);
    expect((await gateway.call('POST', `/syncs/${jobId}/cancel`, { key })).body.state).toBe('cancelled');
  });
});
