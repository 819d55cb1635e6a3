import type { Server } from 'node:http';
import { Socket } from 'node:net';
import { ROUTED_CONNECTION, type RoutedConnectionMessage } from './lane-router';

function isRoutedConnection(message: unknown): message is RoutedConnectionMessage {
  const m = message as Partial<RoutedConnectionMessage> | null;
  return m?.type === ROUTED_CONNECTION && typeof m.head === 'string';
}

/**
 * A lane worker's side of routeConnectionsByTenant: each connection its primary hands over is served by
 * this HTTP server as if it had accepted it, starting with the bytes the primary read from it. Returns
 * a function that stops taking connections (at shutdown).
 */
export function serveRoutedConnections(server: Server): () => void {
  // Node enforces headersTimeout and requestTimeout from a check it starts when a server listens; this
  // one never does, so it starts that check itself.
  for (const listener of server.listeners('listening')) {
    if (listener.name === 'setupConnectionsTracking') (listener as () => void).call(server);
  }
  const onMessage = (message: unknown, handle: unknown) => {
    if (!isRoutedConnection(message) || !(handle instanceof Socket)) return;
    server.emit('connection', handle);
    const head = Buffer.from(message.head, 'base64');
    // Synchronously after 'connection': the HTTP parser sees these bytes before any the socket reads.
    if (head.length > 0) handle.emit('data', head);
    handle.resume();
  };
  process.on('message', onMessage);
  return () => process.off('message', onMessage);
}
