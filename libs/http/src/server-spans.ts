import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contextFromHeaders } from '@app/telemetry';

/**
 * One SERVER span per request, continuing the caller's W3C `traceparent` when it sent one. The span
 * starts when the request arrives and becomes the active context just before the handler runs
 * (after the body was read: a body read from the socket would not carry an earlier context along),
 * so everything the handler does (Kafka writes, provider calls, log lines) belongs to it.
 */
export function traceRequests(fastify: FastifyInstance, tracer: Tracer): void {
  const open = new WeakMap<FastifyRequest, { span: Span; active: Context }>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const parent = contextFromHeaders(request.headers);
    const span = tracer.startSpan(
      request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0] },
      },
      parent,
    );
    open.set(request, { span, active: trace.setSpan(parent, span) });
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const traced = open.get(request);
    if (!traced) return done();
    const route = request.routeOptions.url;
    if (route) {
      traced.span.updateName(`${request.method} ${route}`);
      traced.span.setAttribute('http.route', route);
    }
    context.with(traced.active, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const traced = open.get(request);
    if (traced) {
      traced.span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) traced.span.setStatus({ code: SpanStatusCode.ERROR });
      traced.span.end();
      open.delete(request);
    }
    done();
  });
}
