import { Registry } from 'prom-client';
import type { PendingWrite, ReliableProducer } from '@app/bus';
import { ProviderRegistry, signWebhook } from '@app/providers';
import type { Connection, Store } from '@app/store';
import type { DedupRecorder } from './dedup-recorder';
import type { IngestConfig } from './ingest.config';
import { IngestMetrics } from './ingest.metrics';
import { WebhookIntakeService, type IncomingDelivery } from './webhook-intake.service';

type Hmac = Parameters<typeof signWebhook>[0];
const providers = new ProviderRegistry();
const scheme = providers.get('github').webhooks!.verification as Hmac;
const connection: Connection = {
  id: 'con_1',
  tenantId: 'ten_1',
  provider: 'github',
  settings: { owner: 'acme', repo: 'app' },
  webhookSecret: 'shh',
};

/** A deferred promise the test settles. */
function later() {
  let settle!: { resolve(): void; reject(error: Error): void };
  const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

/** The intake with a producer and a dedup recorder whose answers the test gives. */
function intake() {
  const writes: ReturnType<typeof later>[] = [];
  const records: ReturnType<typeof later>[] = [];
  /** Reads of the dedup table the test answers itself (a slow PostgreSQL read); else at once, unseen. */
  const reads: ReturnType<typeof later>[] = [];
  let holdReads = false;
  const store = {
    connections: { findById: (id: string) => Promise.resolve(id === connection.id ? connection : undefined) },
    deliveries: {
      seen: () => {
        if (!holdReads) return Promise.resolve(false);
        const read = later();
        reads.push(read);
        return read.promise.then(() => false);
      },
    },
  } as unknown as Store;
  const producer = {
    enqueue: (): PendingWrite => {
      const ack = later();
      writes.push(ack);
      return { acked: ack.promise, abandon: () => false };
    },
  } as unknown as ReliableProducer;
  const dedup = {
    record: () => {
      const record = later();
      records.push(record);
      return record.promise;
    },
  } as unknown as DedupRecorder;
  const config = { INGEST_DEDUP_WINDOW_HOURS: 72, INGEST_PUBLISH_TIMEOUT_MS: 5_000 } as IngestConfig;
  const service = new WebhookIntakeService(
    store,
    providers,
    producer,
    new IngestMetrics(new Registry()),
    config,
    dedup,
  );
  return { service, writes, records, reads, holdReads: () => (holdReads = true) };
}

function delivery(deliveryId: string): IncomingDelivery {
  const rawBody = Buffer.from(JSON.stringify({ action: 'opened', issue: { id: 1 } }));
  return {
    connectionId: connection.id,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': signWebhook(scheme, connection.webhookSecret!, rawBody),
    },
    query: {},
    rawBody,
  };
}

const turns = () => new Promise((resolve) => setImmediate(resolve));

describe('WebhookIntakeService: redeliveries around the first write', () => {
  it('a redelivery while the first write awaits its ack joins it: both accepted, one write', async () => {
    const { service, writes } = intake();
    const first = service.receive(delivery('d-1'));
    await turns();
    const second = service.receive(delivery('d-1'));
    await turns();
    expect(writes).toHaveLength(1);
    writes[0].resolve();
    expect((await first).kind).toBe('accepted');
    expect((await second).kind).toBe('accepted');
  });

  it('a redelivery after the ack, while the dedup row waits for its group commit, is a duplicate', async () => {
    const { service, writes, records } = intake();
    const first = service.receive(delivery('d-2'));
    await turns();
    writes[0].resolve();
    expect((await first).kind).toBe('accepted');
    await turns();
    expect(records).toHaveLength(1); // the row is on its way, not committed

    expect(await service.receive(delivery('d-2'))).toEqual({ kind: 'duplicate', deliveryId: 'd-2' });
    expect(writes).toHaveLength(1);
  });

  it('a redelivery whose read was answered before the row committed, and came back after, is a duplicate', async () => {
    const { service, writes, records, reads, holdReads } = intake();
    const first = service.receive(delivery('d-4'));
    await turns();
    writes[0].resolve();
    await first;
    await turns();
    holdReads();
    const second = service.receive(delivery('d-4'));
    await turns();
    expect(reads).toHaveLength(1); // the read left before the commit ...
    records[0].resolve(); // ... the row committed meanwhile (the key no longer waits) ...
    await turns();
    reads[0].resolve(); // ... and the read answers "not seen"
    expect(await second).toEqual({ kind: 'duplicate', deliveryId: 'd-4' });
    expect(writes).toHaveLength(1);
  });

  it('a redelivery after the dedup row failed to commit is published again (deduplicated downstream)', async () => {
    const { service, writes, records } = intake();
    const first = service.receive(delivery('d-3'));
    await turns();
    writes[0].resolve();
    await first;
    await turns();
    records[0].reject(new Error('disk full'));
    await turns();

    const again = service.receive(delivery('d-3'));
    await turns();
    expect(writes).toHaveLength(2);
    writes[1].resolve();
    expect((await again).kind).toBe('accepted');
  });
});
