import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { TOPICS } from '@app/bus';
import { loadConfig } from '@app/config';
import { GithubEmulator, GITHUB_SEED_PULL_REQUESTS } from '@app/sandbox/github';
import { ZENDESK_SEED_CREDENTIALS, ZENDESK_SEED_SUBDOMAIN, ZendeskEmulator } from '@app/sandbox/zendesk';
import { PollerConfig } from '../../apps/poller/src/poller.config';
import { startPoller } from '../../apps/poller/src/poller.app';
import { connectGithubEmulator, createTenant, startGateway, type RunningGateway } from '../support/gateway';
import { TopicRecorder } from '../support/topic-recorder';

/** apps/poller hosts the snapshot runner: jobs queued through the gateway are worked by the poller as it runs. */
describe('snapshots: apps/poller works the sync jobs', () => {
  jest.setTimeout(120_000);
  const brokers = process.env.KAFKA_BROKERS as string;
  const emulator = new GithubEmulator();
  const zendesk = new ZendeskEmulator();
  let gateway: RunningGateway;
  let key: string;
  let poller: INestApplicationContext | undefined;
  let recorder: TopicRecorder;

  afterAll(async () => {
    await poller?.close();
    await recorder?.stop();
    await gateway?.close();
    await emulator.stop();
    await zendesk.stop();
  });

  it('pages tickets and users to their topics as synced events', async () => {
    await emulator.start();
    const dir = mkdtempSync(path.join(tmpdir(), 'syncs-poller-'));
    const storeEnv = {
      STORE_DRIVER: 'sqlite',
      SQLITE_PATH: path.join(dir, 'store.sqlite'),
      ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    };
    gateway = await startGateway(storeEnv);
    key = (await createTenant(gateway, 'poller syncs')).key;
    const connectionId = await connectGithubEmulator(gateway, key, emulator.url);
    recorder = new TopicRecorder(
      brokers,
      [TOPICS.tickets, TOPICS.users],
      (m) => m.json.connectionid === connectionId && String(m.json.type).endsWith('.synced'),
    );
    await recorder.start();
    const created = await gateway.call('POST', `/connections/${connectionId}/syncs`, {
      key,
      body: { resources: ['tickets', 'users'] },
    });
    expect(created.status).toBe(202);

    const config = loadConfig('poller', PollerConfig, {
      ...storeEnv,
      KAFKA_BROKERS: brokers,
      LOG_LEVEL: 'error',
    });
    poller = await startPoller(config);
    const job = await finished(created.body.id);
    const tickets = emulator.state.issues.filter(
      (i) => !(GITHUB_SEED_PULL_REQUESTS as readonly number[]).includes(i.number),
    ).length;
    expect(job).toMatchObject({
      state: 'completed',
      runs: 1,
      resources: [{ records: tickets }, { state: 'completed' }],
    });
    const users = job.resources[1].records as number;
    expect(users).toBeGreaterThan(0);
    const messages = await recorder.waitFor((all) => all.length >= tickets + users);
    expect(
      messages.filter((m) => m.topic === TOPICS.tickets && m.json.type === 'ticketing.ticket.synced'),
    ).toHaveLength(tickets);
    expect(
      messages.filter((m) => m.topic === TOPICS.users && m.json.type === 'ticketing.user.synced'),
    ).toHaveLength(users);
  });

  it('pages Zendesk comments ticket by ticket: every comment once', async () => {
    await zendesk.start();
    const connection = await gateway.call('POST', '/connections', {
      key,
      body: {
        provider: 'zendesk',
        settings: { subdomain: ZENDESK_SEED_SUBDOMAIN, base_url: zendesk.url },
        credentials: ZENDESK_SEED_CREDENTIALS,
      },
    });
    expect(connection.status).toBe(201);
    const comments = new TopicRecorder(
      brokers,
      [TOPICS.comments],
      (m) => m.json.connectionid === connection.body.id,
    );
    await comments.start();
    try {
      const created = await gateway.call('POST', `/connections/${connection.body.id}/syncs`, {
        key,
        body: { resources: ['comments'] },
      });
      expect(created.status).toBe(202);
      const job = await finished(created.body.id);
      const expected = zendesk.state.comments.map((c) => String(c.id)).sort();
      expect(job).toMatchObject({
        state: 'completed',
        resources: [{ resource: 'comments', records: expected.length }],
      });
      // Pages: at least one per ticket (each ticket's comments are listed on their own).
      expect(job.resources[0].pages).toBeGreaterThanOrEqual(zendesk.state.tickets.size);
      const messages = await comments.waitFor((all) => all.length >= expected.length);
      expect(messages.map((m) => String(m.json.subject)).sort()).toEqual(expected);
      expect(new Set(messages.map((m) => m.json.type))).toEqual(new Set(['ticketing.comment.synced']));
    } finally {
      await comments.stop();
    }
  });

  async function finished(id: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = (await gateway.call('GET', `/syncs/${id}`, { key })).body;
      if (job.state !== 'queued' && job.state !== 'running') return job;
      if (Date.now() > deadline) throw new Error(`the poller did not finish the job: ${JSON.stringify(job)}`);
      await sleep(200);
    }
  }
});
