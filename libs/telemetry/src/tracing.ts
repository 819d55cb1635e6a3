import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

/** What an app reads from its configuration to decide whether and where traces go. */
export interface TracingSettings {
  /** OTLP/HTTP collector base URL (spans go to `<url>/v1/traces`, as JSON); unset: tracing is off. */
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  /** How long finished spans wait to be sent in one batch (ms). */
  OTEL_BSP_SCHEDULE_DELAY?: number;
}

let provider: TracerProvider | undefined;

/**
 * Turns tracing on for this process when an OTLP endpoint is configured; otherwise does nothing, so
 * the OpenTelemetry API stays its no-op self (no span objects, no context bookkeeping, no cost).
 * Once per process: the first app started names the service; each app's spans carry its own tracer
 * (instrumentation scope) name, so apps sharing a process (tests, the all-in-one stack) stay apart.
 */
export function startTracing(service: string, settings: TracingSettings): boolean {
  if (provider) return true;
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return false;
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter, scheduledDelayMillis: settings.OTEL_BSP_SCHEDULE_DELAY ?? 5_000 }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return true;
}

export function tracingEnabled(): boolean {
  return provider !== undefined;
}

/** Sends the spans still waiting in the batch (on shutdown: a stopping app must not lose its last spans). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/** The tracer of one app (its instrumentation scope): `webhook-ingest`, `normalizer`, `dispatcher`, `gateway`. */
export function tracerOf(app: string): Tracer {
  return trace.getTracer(app);
}
