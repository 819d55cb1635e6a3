import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a scrape answers: the exposition text and its content type. */
export type MetricsSource = () => Promise<{ contentType: string; text: string }>;

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `/metrics` alone on its own port: for an app whose main port faces tenants (the gateway), so operational
 * figures are never served to them, and for the cluster primary that aggregates its workers' registries.
 */
export async function serveMetrics(
  source: MetricsSource,
  port: number,
  host: string,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if ((request.url ?? '').split('?')[0] !== '/metrics' || request.method !== 'GET') {
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      response.end(
        JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'only GET /metrics here' }),
      );
      return;
    }
    source().then(
      ({ contentType, text }) => {
        response.writeHead(200, { 'content-type': contentType });
        response.end(text);
      },
      (error: unknown) => {
        // A worker that does not answer the primary in time fails one scrape, not the server.
        response.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
        response.end(
          JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: String(error) }),
        );
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
