/**
 * The baseline for bench/normalizer: the same consume → map → produce → commit loop (CommittingConsumer in
 * batches, ReliableProducer, same topics' shape), with a hand-written GitHub issue → ticket mapper and no
 * definition engine. Runs in its own process; config from the environment.
 */
import {
  buildChangeEvent,
  changeEventKey,
  CommittingConsumer,
  createKafka,
  decodeRawWebhook,
  ReliableProducer,
  type OutboundMessage,
} from '@app/bus';

type Issue = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function ticketOf(issue: Issue): Record<string, unknown> & { id: string } {
  return {
    id: String(issue.number),
    name: issue.title,
    number: String(issue.number),
    description: issue.body ?? null,
    assignees: (issue.assignees ?? []).map((u: Issue) => ({ id: String(u.id), name: u.login })),
    status:
      issue.state === 'open'
        ? { id: 'open', name: 'open', category: 'open' }
        : { id: 'closed', name: 'closed', category: 'done' },
    created_by: issue.user ? { id: String(issue.user.id), name: issue.user.login, type: 'user' } : null,
    tags: (issue.labels ?? []).map((l: Issue) => ({ id: l.name, name: l.name })),
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    completed_at: issue.closed_at ?? null,
    ticket_url: issue.html_url,
    remote_data: issue,
  };
}

async function main(): Promise<void> {
  const kafka = createKafka({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    clientId: 'bench-baseline',
  });
  const producer = new ReliableProducer(kafka, 10_000);
  const consumer = new CommittingConsumer(kafka, {
    groupId: process.env.NORMALIZER_GROUP_ID as string,
    topics: ['ticketing.raw-webhooks.v1'],
  });
  const joined = consumer.waitUntilJoined();
  await consumer.startBatches(async (messages) => {
    const out: OutboundMessage[] = [];
    for (const message of messages) {
      const raw = decodeRawWebhook(message.value);
      const record = ticketOf((JSON.parse(raw.body) as { issue: Issue }).issue);
      const event = buildChangeEvent({
        tenantId: raw.tenantId,
        connectionId: raw.connectionId,
        provider: raw.provider,
        deliveryId: raw.deliveryId,
        entity: 'ticket',
        action: 'created',
        remoteId: record.id,
        time: raw.receivedAt,
        data: record,
      });
      out.push({ key: changeEventKey(raw.connectionId, record.id), value: JSON.stringify(event) });
    }
    await producer.publishAll([{ topic: process.env.BENCH_OUTPUT_TOPIC as string, messages: out }]);
  });
  await joined;
  console.log('READY baseline');
}

void main();
