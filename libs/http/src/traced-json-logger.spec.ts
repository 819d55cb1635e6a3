import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { jsonLogger } from './create-http-app';

describe('jsonLogger', () => {
  const provider = new TracerProvider();
  let lines: string[] = [];
  let write: jest.SpyInstance;

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });
  beforeEach(() => {
    lines = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => write.mockRestore());

  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('adds the trace id of the active span to each line, even across awaits', async () => {
    const span = trace.getTracer('test').startSpan('work');
    await context.with(trace.setSpan(context.active(), span), async () => {
      await new Promise((resolve) => setImmediate(resolve));
      jsonLogger().log({ msg: 'inside' }, 'Test');
    });
    span.end();
    expect(logged()).toEqual([
      expect.objectContaining({ message: { msg: 'inside' }, trace_id: span.spanContext().traceId }),
    ]);
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes no trace id outside any span', () => {
    jsonLogger().log({ msg: 'outside' }, 'Test');
    expect(logged()).toHaveLength(1);
    expect(logged()[0]).not.toHaveProperty('trace_id');
  });
});
