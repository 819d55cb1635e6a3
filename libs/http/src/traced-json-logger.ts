import { ConsoleLogger } from '@nestjs/common';
import { activeTraceId } from '@app/telemetry';

type JsonLogObject = ReturnType<ConsoleLogger['getJsonLogObject']>;

/**
 * Nest's JSON console logger, plus `trace_id` on every line written while a span is active, so an
 * operator can go from a log line to its trace (and back) without guessing by time.
 */
export class TracedJsonLogger extends ConsoleLogger {
  protected override getJsonLogObject(
    message: unknown,
    options: Parameters<ConsoleLogger['getJsonLogObject']>[1],
  ): JsonLogObject & { trace_id?: string } {
    const line = super.getJsonLogObject(message, options);
    const traceId = activeTraceId();
    return traceId === undefined ? line : { ...line, trace_id: traceId };
  }
}
