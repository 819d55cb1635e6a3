import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CommittingConsumer } from './committing-consumer';
import type { ReliableProducer } from './reliable-producer';

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Finer at the low end: the stages of a run are a few milliseconds each when the pipeline is healthy. */
const STAGE_SECONDS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

/** What a Kafka worker's consumer reports: messages handled and committed, runs that failed, group state. */
export function instrumentConsumer(registry: Registry, consumer: CommittingConsumer): void {
  const registers = [registry];
  const handled = new Counter({
    name: 'bus_consumer_messages_total',
    help: 'Messages handled and committed, by topic',
    labelNames: ['group', 'topic'],
    registers,
  });
  const failed = new Counter({
    name: 'bus_consumer_failed_runs_total',
    help: 'Runs whose handler failed (their messages are consumed again)',
    labelNames: ['group', 'topic'],
    registers,
  });
  const byTopic = (name: string, help: string, buckets: number[]) =>
    new Histogram({ name, help, labelNames: ['group', 'topic'], buckets, registers });
  const duration = byTopic(
    'bus_consumer_run_duration_seconds',
    'Time to handle one run of messages (everything it produced acknowledged), by topic',
    SECONDS,
  );
  const recordAge = byTopic(
    'bus_consumer_record_age_seconds',
    'Per message, from its record timestamp (the producer) to its batch reaching this consumer',
    STAGE_SECONDS,
  );
  const queued = byTopic(
    'bus_consumer_run_queued_seconds',
    'From a batch reaching this consumer to one of its runs being handed to the handler',
    STAGE_SECONDS,
  );
  const commit = new Histogram({
    name: 'bus_consumer_commit_duration_seconds',
    help: 'One offset commit request (handled runs of any partitions, sent in the background)',
    labelNames: ['group'],
    buckets: STAGE_SECONDS,
    registers,
  });
  const commitFailures = new Counter({
    name: 'bus_consumer_commit_failures_total',
    help: 'Commit requests the broker refused (retried; meanwhile a restart would consume those messages again)',
    labelNames: ['group'],
    registers,
  });
  new Gauge({
    name: 'bus_consumer_group_member',
    help: '1 while this instance is a member of its consumer group (ready), else 0',
    labelNames: ['group', 'state'],
    registers,
    collect() {
      const { groupId, state } = consumer.membership();
      this.reset();
      this.set({ group: groupId, state }, state === 'member' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'bus_consumer_partitions',
    help: 'Partitions assigned to this instance at its last join',
    labelNames: ['group'],
    registers,
    collect() {
      const { groupId, partitions } = consumer.membership();
      this.set({ group: groupId }, partitions);
    },
  });
  consumer.onRun((run) => {
    const labels = { group: consumer.membership().groupId, topic: run.topic };
    duration.observe(labels, run.seconds);
    queued.observe(labels, run.queuedSeconds);
    for (const age of run.recordAgesSeconds) recordAge.observe(labels, age);
    if (run.failed) failed.inc(labels);
    else handled.inc(labels, run.messages);
  });
  consumer.onCommit((request) => {
    const labels = { group: consumer.membership().groupId };
    commit.observe(labels, request.seconds);
    if (request.failed) commitFailures.inc(labels);
  });
}

/** What a producer reports: messages acknowledged per topic, failed requests, time to acknowledgement. */
export function instrumentProducer(registry: Registry, producer: ReliableProducer): void {
  const registers = [registry];
  const acknowledged = new Counter({
    name: 'bus_producer_messages_total',
    help: 'Messages acknowledged by all in-sync replicas, by topic',
    labelNames: ['topic'],
    registers,
  });
  const failed = new Counter({
    name: 'bus_producer_failed_messages_total',
    help: 'Messages whose write the broker did not acknowledge (retried or answered 503 upstream)',
    labelNames: ['topic'],
    registers,
  });
  const duration = new Histogram({
    name: 'bus_producer_request_duration_seconds',
    help: 'Time from sending a batched write to its acknowledgement',
    buckets: SECONDS,
    registers,
  });
  producer.onSend((sent) => {
    duration.observe(sent.seconds);
    for (const [topic, count] of Object.entries(sent.messages)) {
      (sent.failed ? failed : acknowledged).inc({ topic }, count);
    }
  });
}
