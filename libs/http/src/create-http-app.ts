import { ConsoleLogger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { recordRouteMethods } from './route-methods';
import { ApiExceptionFilter } from './api-exception.filter';
import { TracedJsonLogger } from './traced-json-logger';
import { traceRequests } from './server-spans';
import { flushTracing, tracerOf, tracingEnabled } from '@app/telemetry';

export interface HttpAppOptions {
  /** Largest accepted request body in bytes; larger ones get 413 before any handler runs. */
  bodyLimit?: number;
  /** Keep every request body as the raw Buffer (for signature checks over the exact bytes). */
  rawBodies?: boolean;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** The app's name as its spans' tracer: with tracing on, every request gets a SERVER span. */
  tracer?: string;
}

const LEVELS: Record<NonNullable<HttpAppOptions['logLevel']>, LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

const LARGE_PAYLOAD = 64 * 1024;

export function jsonLogger(level: HttpAppOptions['logLevel'] = 'info'): ConsoleLogger {
  return new TracedJsonLogger({ json: true, logLevels: LEVELS[level] });
}

/** A Nest application on Fastify with the platform's error format and structured JSON logs. */
/**
 * The longest path parameter the router takes (Fastify's default is 100, answered with its own 414 body).
 * As long as Node's request line may be (16 KiB), so a long id is the route's own 404 in the API's shape.
 */
export const MAX_PATH_PARAMETER_LENGTH = 16 * 1024;

export async function createHttpApp(
  module: unknown,
  options: HttpAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger: jsonLogger(options.logLevel),
    bufferLogs: false,
    // With raw bodies, Nest must not register its JSON parser over ours when the app initialises.
    bodyParser: !options.rawBodies,
  });
  const fastify = app.getHttpAdapter().getInstance();
  if (options.rawBodies) {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }
  // Node's socket path encodes a large string to UTF-8 slowly, two-byte strings (any character beyond
  // Latin-1) most of all: 1.1 ms against 0.74 for a 490 KB answer encoded up front. Checking first
  // whether the answer is pure ASCII costs more than it saves (Buffer.byteLength scans it all).
  fastify.addHook('onSend', (_request, _reply, payload, done) => {
    done(
      null,
      typeof payload === 'string' && payload.length >= LARGE_PAYLOAD ? Buffer.from(payload) : payload,
    );
  });
  if (options.tracer && tracingEnabled()) {
    traceRequests(fastify, tracerOf(options.tracer));
    // A closing app sends its last spans before it goes.
    fastify.addHook('onClose', async () => flushTracing().catch(() => undefined));
  }
  // Routes are registered when the app initialises, after this hook: every one of them is recorded.
  app.useGlobalFilters(new ApiExceptionFilter(recordRouteMethods(fastify)));
  // No signal handlers here: entry points install `shutdownOnSignal` (a bounded close that ignores a
  // second signal, as the workers have), and tests close their in-process apps themselves.
  return app;
}

export async function listen(app: INestApplication, port: number, host = '127.0.0.1'): Promise<string> {
  await app.listen(port, host);
  return app.getUrl();
}
