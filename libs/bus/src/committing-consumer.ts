import type { Consumer, EachBatchPayload, IHeaders, Kafka } from 'kafkajs';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
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
}

/** One handled run of messages, for metrics: how many, from where, how long, and whether it failed. */
export interface HandledRun {
  topic: string;
  partition: number;
  messages: number;
  seconds: number;
  failed: boolean;
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
 * message is consumed again (at-least-once); consumers downstream deduplicate on the event id.
 */
export class CommittingConsumer {
  private readonly consumer: Consumer;
  private current: GroupMembership;
  private readonly runListeners: ((run: HandledRun) => void)[] = [];

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
    });
    this.current = { groupId: options.groupId, partitions: 0, state: 'joining' };
    const { GROUP_JOIN, REBALANCING, CRASH, STOP } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, ({ payload }) => {
      const assigned = Object.values(payload.memberAssignment).reduce((n, parts) => n + parts.length, 0);
      this.current = { ...this.current, partitions: assigned, state: 'member' };
    });
    this.consumer.on(REBALANCING, () => (this.current = { ...this.current, state: 'rebalancing' }));
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

  private async handleRun(handler: BatchHandler, chunk: ConsumedMessage[]): Promise<void> {
    const started = process.hrtime.bigint();
    const report = (failed: boolean) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { topic, partition } = chunk[0];
      for (const listener of this.runListeners)
        listener({ topic, partition, messages: chunk.length, seconds, failed });
    };
    try {
      await handler(chunk);
    } catch (error) {
      report(true);
      throw error;
    }
    report(false);
  }

  async start(handler: MessageHandler): Promise<void> {
    await this.startBatches(async (messages) => {
      for (const message of messages) await handler(message);
    });
  }

  /**
   * Hands runs of up to `maxBatchSize` messages to the handler and commits after each run, so throughput
   * does not pay one commit per message. A rebalance (stale batch) stops the run before more work is done
   * on partitions this member may no longer own.
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
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
        for (let i = 0; i < batch.messages.length; i += chunkSize) {
          if (!isRunning() || isStale()) return;
          const chunk = batch.messages.slice(i, i + chunkSize).map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString('utf8') ?? null,
            value: m.value?.toString('utf8') ?? '',
            headers: textHeaders(m.headers),
          }));
          await this.handleRun(handler, chunk);
          const last = chunk[chunk.length - 1].offset;
          resolveOffset(last);
          // Kafka's committed offset is the NEXT offset to read.
          await this.consumer.commitOffsets([
            { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
          ]);
          await heartbeat();
        }
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

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
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
