import type { Worker } from 'node:cluster';
import { createServer, type Server, type Socket } from 'node:net';
import type { LoggerService } from '@nestjs/common';
import { readRequestHead } from './request-head';
import { DEFAULT_LANE, laneOfTenant, type TenantLane } from './tenant-lanes';

/** The message that hands a worker a connection, with the bytes the primary already read from it. */
export const ROUTED_CONNECTION = 'gateway:connection';

export interface RoutedConnectionMessage {
  type: typeof ROUTED_CONNECTION;
  /** Base64 of what the primary read: the first request's head, and whatever followed it. */
  head: string;
}

export interface LaneRouterOptions {
  port: number;
  host: string;
  lanes: readonly TenantLane[];
  /** The tenant of an API key; undefined for an unknown or revoked one. */
  tenantOf(apiKey: string): Promise<string | undefined>;
  /** The live workers and the lane each serves. */
  workers(): readonly { worker: Worker; lane: string }[];
  logger: LoggerService;
  /** How long a new connection may take to send its first request's head (then: the default lane). */
  headWaitMs?: number;
  maxHeadBytes?: number;
}

/**
 * The cluster primary's listener when tenants have lanes: it reads the first request's head of each new
 * connection, finds the tenant of its API key and hands the connection (its file descriptor, and the
 * bytes read so far) to a worker of that tenant's lane, round-robin. A connection without a key, with an
 * unknown one, or of a tenant in no lane goes to the default lane; so does every later request on the
 * same keep-alive connection (a client calls with one key per connection). The primary reads the head
 * once per connection, not per request.
 */
export function routeConnectionsByTenant(options: LaneRouterOptions): Promise<Server> {
  const headWaitMs = options.headWaitMs ?? 5_000;
  const maxHeadBytes = options.maxHeadBytes ?? 16 * 1024;
  const turn = new Map<string, number>();

  const workerFor = (lane: string): Worker | undefined => {
    const live = options.workers().filter((w) => !w.worker.isDead());
    const inLane = live.filter((w) => w.lane === lane);
    // A lane whose every worker is being replaced is served by the default lane meanwhile.
    const candidates = inLane.length > 0 ? inLane : live.filter((w) => w.lane === DEFAULT_LANE);
    if (candidates.length === 0) return undefined;
    const next = (turn.get(lane) ?? 0) % candidates.length;
    turn.set(lane, next + 1);
    return candidates[next].worker;
  };

  const laneOf = async (apiKey: string | undefined): Promise<string> => {
    if (!apiKey) return DEFAULT_LANE;
    try {
      const tenant = await options.tenantOf(apiKey);
      return (tenant && laneOfTenant(options.lanes, tenant)?.name) ?? DEFAULT_LANE;
    } catch (error) {
      // Served, without its lane: the worker answers it as it would (its own store access may work).
      options.logger.warn?.(
        { msg: 'could not read the tenant of a connection', error: String(error) },
        'LaneRouter',
      );
      return DEFAULT_LANE;
    }
  };

  const route = async (socket: Socket): Promise<void> => {
    socket.on('error', () => socket.destroy());
    const read = await readHead(socket, headWaitMs, maxHeadBytes);
    if (read === undefined || socket.destroyed) return void socket.destroy();
    const worker = workerFor(await laneOf(read.apiKey));
    if (!worker || socket.destroyed) return void socket.destroy();
    const message: RoutedConnectionMessage = { type: ROUTED_CONNECTION, head: read.bytes.toString('base64') };
    worker.send(message, socket, { keepOpen: false }, (error: Error | null) => {
      if (error) socket.destroy();
    });
  };

  const server = createServer((socket) => void route(socket));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

/**
 * Reads until the first request's head is complete (or the wait or size bound is reached), then stops
 * reading at the socket's handle: bytes that arrive later stay in the kernel for the worker. `net`'s
 * pause() alone would keep reading into the stream's buffer, and a handle being sent drops what it
 * reads; Node's documentation has the sender not read at all (pauseOnConnect), which routing by
 * tenant cannot do. Undefined when the client went away first.
 */
function readHead(
  socket: Socket,
  waitMs: number,
  maxBytes: number,
): Promise<{ bytes: Buffer; apiKey?: string } | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let apiKey: string | undefined;
    const finish = (gone: boolean) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onGone);
      socket.off('close', onGone);
      if (gone) return resolve(undefined);
      stopReading(socket);
      let more: Buffer | null;
      while ((more = socket.read() as Buffer | null) !== null) chunks.push(more);
      resolve({ bytes: Buffer.concat(chunks), apiKey });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      const head = readRequestHead(chunks.length === 1 ? chunk : Buffer.concat(chunks), maxBytes);
      if (head.complete) {
        apiKey = head.apiKey;
        finish(false);
      }
    };
    const onGone = () => finish(true);
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', onData);
    socket.once('end', onGone);
    socket.once('close', onGone);
  });
}

interface ReadableHandle {
  readStop?(): number;
}

function stopReading(socket: Socket): void {
  socket.pause();
  // `reading` stays true, so a later socket.read() in this process does not start reading again.
  (socket as unknown as { _handle?: ReadableHandle | null })._handle?.readStop?.();
}
