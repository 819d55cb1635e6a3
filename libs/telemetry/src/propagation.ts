import { context, propagation, trace, type Context } from '@opentelemetry/api';

/** W3C Trace Context headers (`traceparent`, `tracestate`) of a context; empty while tracing is off. */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** The context a message or request continues, from its W3C Trace Context headers (any case). */
export function contextFromHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>> | undefined,
): Context {
  if (!headers) return context.active();
  return propagation.extract(context.active(), headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key] ?? carrier[key.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
  });
}

/** The context of a stored `traceparent` (one value), for work resumed later from the store. */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  return traceparent ? contextFromHeaders({ traceparent }) : context.active();
}

/** The active span's `traceparent`, to store beside work that resumes later; null while tracing is off. */
export function activeTraceparent(): string | null {
  return traceHeaders().traceparent ?? null;
}

/** The trace id of the active span, for log lines; undefined when no span is recording. */
export function activeTraceId(): string | undefined {
  const span = trace.getSpan(context.active());
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}
