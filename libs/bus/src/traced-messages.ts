import { context, SpanKind, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { contextFromHeaders, failSpan, inSpan, traceHeaders, tracingEnabled } from '@app/telemetry';
import type { ConsumedMessage } from './committing-consumer';
import type { OutboundMessage } from './reliable-producer';

/** What a consumed message turned into: messages for one topic. */
export interface ProducedBatch {
  topic: string;
  messages: OutboundMessage[];
}

function consumedAttributes(message: ConsumedMessage): Attributes {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': message.topic,
    'messaging.destination.partition.id': String(message.partition),
    'messaging.kafka.offset': Number(message.offset),
  };
}

/**
 * Runs `work` for one consumed message inside a CONSUMER span that continues the trace its headers
 * carry, and stamps every message the work produced with the context of its own PRODUCER span
 * (`create <topic>`, a child of the consumer span), so the trace goes on downstream. With tracing
 * off, `work` runs as it is and nothing is added.
 */
export async function traceConsumed<B extends ProducedBatch>(
  tracer: Tracer,
  message: ConsumedMessage,
  work: () => Promise<B[]>,
): Promise<B[]> {
  if (!tracingEnabled()) return work();
  const parent = contextFromHeaders(message.headers);
  const options = { kind: SpanKind.CONSUMER, attributes: consumedAttributes(message) };
  return inSpan(tracer, `process ${message.topic}`, options, parent, async () => {
    const batches = await work();
    return batches.map((batch) => ({
      ...batch,
      messages: batch.messages.map((out) => stampCreated(tracer, batch.topic, out)),
    }));
  });
}

function stampCreated(tracer: Tracer, topic: string, message: OutboundMessage): OutboundMessage {
  const span = tracer.startSpan(`create ${topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'create',
      'messaging.destination.name': topic,
    },
  });
  const headers = { ...message.headers, ...traceHeaders(trace.setSpan(context.active(), span)) };
  span.end();
  return { ...message, headers };
}

/**
 * A CONSUMER span per consumed message for work that finishes later than the loop over the messages
 * (a store write for the whole run): `traceparent` is what to keep beside the message's outcome,
 * `end` closes the span once that outcome is durable (or failed). Undefined while tracing is off.
 */
export function startConsumedSpan(
  tracer: Tracer,
  message: ConsumedMessage,
): { traceparent: string | null; end(error?: unknown): void } | undefined {
  if (!tracingEnabled()) return undefined;
  const span: Span = tracer.startSpan(
    `process ${message.topic}`,
    { kind: SpanKind.CONSUMER, attributes: consumedAttributes(message) },
    contextFromHeaders(message.headers),
  );
  return {
    traceparent: traceHeaders(trace.setSpan(context.active(), span)).traceparent ?? null,
    end: (error?: unknown) => {
      if (error !== undefined) failSpan(span, error);
      span.end();
    },
  };
}
