import Fastify from 'fastify';
import { Counter, Registry } from 'prom-client';
import { recordHttpServerMetrics } from './http-server-metrics';
import { registryMetricsSource } from './cluster-metrics';
import { serveMetrics } from './metrics-server';

describe('recordHttpServerMetrics', () => {
  it('counts answers by route pattern and status, never by the URL', async () => {
    const registry = new Registry();
    const fastify = Fastify();
    recordHttpServerMetrics(fastify, registry);
    fastify.get('/tickets/:id', async (request, reply) =>
      (request.params as { id: string }).id === 'gone' ? reply.code(404).send({}) : { ok: true },
    );
    await fastify.inject({ url: '/tickets/t1' });
    await fastify.inject({ url: '/tickets/t2' });
    await fastify.inject({ url: '/tickets/gone' });
    await fastify.inject({ url: '/nowhere/abc' });
    const text = await registry.metrics();
    expect(text).toContain('http_server_requests_total{method="GET",route="/tickets/:id",status="200"} 2');
    expect(text).toContain('http_server_requests_total{method="GET",route="/tickets/:id",status="404"} 1');
    expect(text).toContain('http_server_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('http_server_request_duration_seconds_count{method="GET",route="/tickets/:id"} 3');
    expect(text).not.toMatch(/t1|t2|gone|abc/);
    await fastify.close();
  });
});

describe('serveMetrics', () => {
  it('answers GET /metrics with the source and 404 JSON for anything else', async () => {
    const registry = new Registry();
    registry.registerMetric(new Counter({ name: 'probe_total', help: 'a probe', registers: [] }));
    const server = await serveMetrics(registryMetricsSource(registry), 0, '127.0.0.1');
    try {
      const ok = await fetch(server.url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('text/plain');
      expect(await ok.text()).toContain('probe_total 0');
      const other = await fetch(server.url.replace('/metrics', '/health'));
      expect(other.status).toBe(404);
      expect(await other.json()).toMatchObject({ statusCode: 404 });
    } finally {
      await server.close();
    }
  });

  it('answers 503 when the source fails (a worker that did not answer the primary)', async () => {
    const server = await serveMetrics(
      () => Promise.reject(new Error('Operation timed out.')),
      0,
      '127.0.0.1',
    );
    try {
      const answer = await fetch(server.url);
      expect(answer.status).toBe(503);
      expect(await answer.json()).toMatchObject({ message: 'Error: Operation timed out.' });
    } finally {
      await server.close();
    }
  });
});
