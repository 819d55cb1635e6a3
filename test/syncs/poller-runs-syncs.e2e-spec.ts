import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { TOPICS } from '@app/bus';
import { loadConfig } from '@app/config';
import { GithubEmulator, GITHUB_SEED_PULL_REQUESTS } from '@app/sandbox/github';
import { PollerConfig } from '../../apps/poller/src/poller.config';
import { startPoller } from '../../apps/poller/src/poller.app';
import { connectGithubEmulator, createTenant, startGateway, type RunningGateway } from '../support/gateway';
import { TopicRecorder } from '../support/topic-recorder';

/** apps/poller hosts the snapshot runner: a job queued through the gateway is worked by the poller as it runs. */
describe('snapshots: apps/poller works the sync jobs', () => {
  jest.setTimeout(120_000);
  const brokers = process.env.KAFKA_BROKERS as string;
  const emulator = new GithubEmulator();
  let gateway: RunningGateway;
  let poller: INestApplicationContext | undefined;
  let recorder: TopicRecorder;

  afterAll(async () => {
    await poller?.close();
    await recorder?.stop();
    await gateway?.close();
    await emulator.stop();
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
    const { key } = await createTenant(gateway, 'poller syncs');
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
    const deadline = Date.now() + 60_000;
    let job = created.body;
    while (job.state === 'queued' || job.state === 'running') {
      if (Date.now() > deadline) throw new Error(`the poller did not finish the job: ${JSON.stringify(job)}`);
      await sleep(200);
      job = (await gateway.call('GET', `/syncs/${job.id}`, { key })).body;
    }
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
});
