import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { buildChangeEvent, changeEventKey, TOPICS } from '@app/bus';
import type { Store } from '@app/store';
import { createTenant, type RunningGateway } from '../support/gateway';
import {
  BROKERS,
  dispatcherConfig,
  openTestStore,
  startGatewayWithPolicy,
  startTestDispatcher,
  storeEnv,
  Subscriber,
  verifies,
} from './dispatch-support';

/**
 * HTTP subscriptions to the resource topics beyond tickets and comments, on the real broker: a
 * subscription to `ticketing.user.*` receives the user events the normalizer writes to
 * ticketing.users.v1 (and a ticket subscription does not), `ticketing.*.synced` receives snapshots of any
 * resource.
 */
describe('dispatcher: subscriptions to every resource topic', () => {
  const env = storeEnv();
  const subscriber = new Subscriber();
  let producer: Producer;
  let gateway: RunningGateway;
  let dispatcher: INestApplicationContext;
  let store: Store;
  let tenant: { id: string; key: string };
  let connectionId: string;

  beforeAll(async () => {
    gateway = await startGatewayWithPolicy(env, {
      DISPATCH_ALLOW_HTTP: 'true',
      DISPATCH_ALLOWED_HOSTS: '127.0.0.1',
    });
    tenant = await createTenant(gateway, 'resources');
    store = await openTestStore(env);
    connectionId = (
      await store.connections.create(tenant.id, {
        provider: 'zendesk',
        settings: { subdomain: 'acme' },
        credentials: { email: 'a@example.com', api_token: 't' },
      })
    ).id;
    await subscriber.listen();
    producer = new Kafka({ brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    dispatcher = await startTestDispatcher(dispatcherConfig(env));
  });
  afterAll(async () => {
    await dispatcher?.close();
    await producer?.disconnect();
    await subscriber.close();
    await store?.close();
    await gateway?.close();
  });

  const subscribe = async (path: string, eventTypes: string[]) => {
    const answer = await gateway.call('POST', '/subscriptions', {
      key: tenant.key,
      body: { url: subscriber.url(path), event_types: eventTypes },
    });
    expect(answer.status).toBe(201);
    return answer.body as { id: string; secret: string };
  };
  const publish = async (topic: string, entity: string, action: 'updated' | 'synced') => {
    const remoteId = String(Math.floor(Math.random() * 1e9));
    const event = buildChangeEvent({
      ...{ tenantId: tenant.id, connectionId, provider: 'zendesk', deliveryId: randomUUID(), entity, action },
      ...{ remoteId, time: new Date().toISOString(), data: { id: remoteId, name: 'Ada' } },
    });
    const text = JSON.stringify(event);
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: changeEventKey(connectionId, remoteId), value: text }],
    });
    return { id: event.id, text };
  };

  it('delivers user events to ticketing.user.* and synced events of any resource to ticketing.*.synced', async () => {
    const users = await subscribe('/users', ['ticketing.user.*']);
    const snapshots = await subscribe('/synced', ['ticketing.*.synced']);
    await subscribe('/tickets', ['ticketing.ticket.*']);
    const updated = await publish(TOPICS.users, 'user', 'updated');
    const synced = await publish(TOPICS.accounts, 'account', 'synced');
    await subscriber.waitFor(
      () => subscriber.for(updated.id).length >= 1 && subscriber.for(synced.id).length >= 1,
    );
    const [userDelivery] = subscriber.for(updated.id);
    expect(userDelivery.path).toBe('/users');
    expect(userDelivery.body).toBe(updated.text);
    expect(verifies(userDelivery, users.secret)).toBe(true);
    const [syncDelivery] = subscriber.for(synced.id);
    expect(syncDelivery.path).toBe('/synced');
    expect(verifies(syncDelivery, snapshots.secret)).toBe(true);
    // Give a wrong route time to show up: each event reached its own subscription only.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(subscriber.for(updated.id).map((r) => r.path)).toEqual(['/users']);
    expect(subscriber.for(synced.id).map((r) => r.path)).toEqual(['/synced']);
  });
});
