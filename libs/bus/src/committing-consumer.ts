import type { Consumer, EachBatchPayload, IHeaders, Kafka } from 'kafkajs';
import { OffsetCommitter, type CommitRequest } from './offset-committer';
import { Logger } from '@nestjs/common';
import { settlesWithin } from './deadline';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  /** The record's timestamp, ms since the epoch as Kafka returns it (the producer's clock by default). */
  timestamp: string;
  key: string | null;
  value: string;
  /** Kafka record headers as text (W3C Trace Context travels here: `traceparent`, `tracestate`). */
  headers: Record<string, string>;
}

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

/** Handles a run of consecutive messages of one partition; resolves once all its output is acknowledged. */
export type BatchHandler = (messages: ConsumedMessage[]) => Promise<void>;

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  /** Most messages handed to one BatchHandler call (and committed together). */
  maxBatchSize?: number;
  /**
   * How long the group waits for a member that stopped without leaving (a crash) before its partitions
   * move on. A member that shuts down cleanly leaves at once. Default 30 s; the broker's floor is 6 s.
   */
  sessionTimeoutMs?: number;
  /**
   * Static membership (Kafka's KIP-345): this member's name in the group, unique among its members and the
   * same across its restarts (e.g. `normalizer-1`). A member restarted under the same name takes its
   * predecessor's place and partitions as soon as it joins, instead of the group waiting out the dead
   * member's session first. A second live member with the same name fences the first. Unset: dynamic
   * membership, as kafkajs has it. kafkajs 2.2.4 sends it through patches/kafkajs+2.2.4.patch.
   */
  groupInstanceId?: string;
  /**
   * Partitions handled at the same time, each still strictly in order (kafkajs never hands out two batches
   * of one partition at once). The handler must allow concurrent calls for different partitions. Default 1.
   */
  partitionsInParallel?: number;
  /**
   * Least time between two commit requests (DEFAULT_COMMIT_INTERVAL_MS). Longer means fewer writes to the
   * broker's offsets log and, after a crash, more messages handled again (same event ids): what was
   * handled since the last commit. A clean stop and a rebalance commit at once.
   */
  commitIntervalMs?: number;
  /**
   * Longest a fetch waits at the broker for data (FETCH_WAIT_MS). A stop waits for the fetch in progress,
   * so this bounds how long an idle consumer takes to leave its group; under load fetches return at once.
   */
  fetchWaitMs?: number;
}

/** 1 s: kafkajs' default of 5 s made every idle stop (a deploy, a scale-in) take 5 s. */
export const FETCH_WAIT_MS = 1_000;

/**
 * 15 s: kafkajs' disconnect waits for the member's fetch and handler in progress, and a member stuck
 * rejoining after a broker restart can keep it waiting for good (tulios/kafkajs#1147). A process that
 * must stop does not wait longer; its group moves the partitions on after the session timeout.
 */
export const STOP_TIMEOUT_MS = 15_000;

const LOGGER = new Logger('CommittingConsumer');

/**
 * 100 ms: at 1,000 webhooks/s it cut the normalizer's commit requests from 120–250/s to 10/s, each a
 * write to the broker's offsets log (docs/operations/performance-log.md); a crash repeats up to ~100 ms of messages.
 */
export const DEFAULT_COMMIT_INTERVAL_MS = 100;

/**
 * One handled run of messages, for metrics: how many, from where, how long, whether it failed, and where
 * the time before and after the handler went (the pipeline bench reads these to split its latency).
 */
export interface HandledRun {
  topic: string;
  partition: number;
  messages: number;
  /** The handler: everything the run produced acknowledged. */
  seconds: number;
  failed: boolean;
  /**
   * Per message, from its record timestamp (set by the producer) to the batch reaching this consumer: the
   * broker append, the fetch, and batches of other partitions handled first. Clocks of other hosts skew it.
   */
  recordAgesSeconds: number[];
  /** From the batch reaching this consumer to this run's handler starting (earlier runs of the batch). */
  queuedSeconds: number;
}

/** Whether this member currently takes part in its group, for readiness checks. */
export interface GroupMembership {
  groupId: string;
  /** Partitions assigned at the last join. */
  partitions: number;
  /** `member` while it takes part; otherwise why not: joining, rebalancing, crashed, stopped. */
  state: 'joining' | 'member' | 'rebalancing' | 'crashed' | 'stopped';
}

/**
 * Runs a handler for the consumed messages and commits their offsets only after the handler resolved, i.e.
 * after everything it produced was acknowledged. A handler that throws leaves the offset uncommitted, so the
 * message is consumed again (at-least-once); consumers downstream deduplicate on the event id. Commits leave
 * in the background (OffsetCommitter): the next fetch does not wait for the previous run's commit.
 */
export class CommittingConsumer {
  private readonly consumer: Consumer;
  private current: GroupMembership;
  private readonly runListeners: ((run: HandledRun) => void)[] = [];
  private readonly commitListeners: ((request: CommitRequest) => void)[] = [];
  private readonly committer: OffsetCommitter;

  constructor(
    kafka: Kafka,
    private readonly options: ConsumerOptions,
  ) {
    const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout,
      // Kafka's advice: a third of the session timeout at most.
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: options.fetchWaitMs ?? FETCH_WAIT_MS,
      groupInstanceId: options.groupInstanceId,
    });
    this.committer = new OffsetCommitter(
      (offsets) => this.consumer.commitOffsets(offsets),
      (request) => this.commitListeners.forEach((listener) => listener(request)),
      options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS,
    );
    this.current = { groupId: options.groupId, partitions: 0, state: 'joining' };
    const { GROUP_JOIN, REBALANCING, CRASH, STOP } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, ({ payload }) => {
      // A new assignment: offsets not sent yet may be of partitions another member now owns.
      this.committer.forget();
      const assigned = Object.values(payload.memberAssignment).reduce((n, parts) => n + parts.length, 0);
      this.current = { ...this.current, partitions: assigned, state: 'member' };
    });
    this.consumer.on(REBALANCING, () => {
      this.current = { ...this.current, state: 'rebalancing' };
      // Still a member of the old generation: what was handled and waits for the interval is committed
      // now, before the partitions may move, rather than handled again by their next owner.
      void this.committer.flush();
    });
    this.consumer.on(CRASH, () => (this.current = { ...this.current, state: 'crashed' }));
    this.consumer.on(STOP, () => (this.current = { ...this.current, state: 'stopped' }));
  }

  membership(): GroupMembership {
    return { ...this.current };
  }

  /** Called after every handled run (metrics); a listener must not throw. */
  onRun(listener: (run: HandledRun) => void): void {
    this.runListeners.push(listener);
  }

  /** Called after every commit request, answered or refused (metrics); a listener must not throw. */
  onCommit(listener: (request: CommitRequest) => void): void {
    this.commitListeners.push(listener);
  }

  private report(run: HandledRun): void {
    for (const listener of this.runListeners) listener(run);
  }

  async start(handler: MessageHandler): Promise<void> {
    await this.startBatches(async (messages) => {
      for (const message of messages) await handler(message);
    });
  }

  /**
   * Hands runs of up to `maxBatchSize` messages to the handler and commits after each run, so throughput
   * does not pay one commit per message. A rebalance (stale batch) stops the run before more work is done
   * on partitions this member may no longer own. When the consumer stops, the last commits are sent before
   * it leaves its group.
   */
  async startBatches(handler: BatchHandler): Promise<void> {
    const chunkSize = this.options.maxBatchSize ?? 100;
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsInParallel ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
        const arrived = Date.now();
        const arrivedAt = process.hrtime.bigint();
        for (let i = 0; i < batch.messages.length; i += chunkSize) {
          if (!isRunning() || isStale()) break;
          const chunk = batch.messages.slice(i, i + chunkSize).map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            timestamp: m.timestamp,
            key: m.key?.toString('utf8') ?? null,
            value: m.value?.toString('utf8') ?? '',
            headers: textHeaders(m.headers),
          }));
          const run: HandledRun = {
            topic: batch.topic,
            partition: batch.partition,
            messages: chunk.length,
            seconds: 0,
            failed: false,
            recordAgesSeconds: batch.messages
              .slice(i, i + chunkSize)
              .map((m) => Math.max(0, arrived - Number(m.timestamp)) / 1000),
            queuedSeconds: secondsSince(arrivedAt),
          };
          const started = process.hrtime.bigint();
          try {
            await handler(chunk);
          } catch (error) {
            this.report({ ...run, seconds: secondsSince(started), failed: true });
            throw error;
          }
          run.seconds = secondsSince(started);
          const last = chunk[chunk.length - 1].offset;
          resolveOffset(last);
          // Kafka's committed offset is the NEXT offset to read.
          const next = (BigInt(last) + 1n).toString();
          this.committer.handled({ topic: batch.topic, partition: batch.partition, offset: next });
          this.report(run);
          await heartbeat();
        }
        // Stopping: kafkajs leaves the group once this returns, and a commit after that is refused.
        if (!isRunning()) await this.committer.flush();
      },
    });
  }

  /** Resolves once the consumer has joined its group and owns partitions. */
  waitUntilJoined(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('consumer did not join its group in time')), timeoutMs);
      const remove = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        remove();
        resolve();
      });
    });
  }

  /**
   * Commits what was handled, then leaves the group. If kafkajs had not disconnected within `timeoutMs`
   * (STOP_TIMEOUT_MS), says so and resolves false: the caller goes on stopping.
   */
  async stop(timeoutMs = STOP_TIMEOUT_MS): Promise<boolean> {
    await this.committer.flush();
    const done = await settlesWithin(this.consumer.disconnect(), timeoutMs);
    if (!done)
      LOGGER.warn({
        msg: 'Kafka consumer did not leave its group in time; stopping without it',
        groupId: this.options.groupId,
      });
    return done;
  }
}

function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Record headers as text; a repeated header keeps its first value. */
function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) text[name] = first.toString();
  }
  return text;
}
