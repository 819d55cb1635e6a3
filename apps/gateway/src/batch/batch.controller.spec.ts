import type { HttpAdapterHost } from '@nestjs/core';
import { BATCH_CONCURRENCY, BatchController } from './batch.controller';

interface Injected {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** A stand-in for Fastify's inject that answers after a tick and counts the calls in flight. */
function fakeGateway(answer: (call: Injected) => { status: number; body?: string; fail?: boolean }) {
  const seen: Injected[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const fastify = {
    inject: async (call: Injected) => {
      seen.push(call);
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const { status, body, fail } = answer(call);
      if (fail) throw new Error('boom');
      return {
        statusCode: status,
        headers: { 'content-type': 'application/json; charset=utf-8', etag: '"e"', 'x-internal': 'no' },
        rawPayload: Buffer.from(body ?? ''),
      };
    },
  };
  const controller = new BatchController({
    httpAdapter: { getInstance: () => fastify },
  } as unknown as HttpAdapterHost);
  return { controller, seen, mostInFlight: () => mostInFlight };
}

const get = (id: string) => ({ id, method: 'GET', path: `/unified/ticketing/tickets/${id}?connection_id=c` });

describe('POST /batch', () => {
  it(`runs at most ${BATCH_CONCURRENCY} calls at once and answers in the order of the requests`, async () => {
    const gateway = fakeGateway((call) => ({ status: 200, body: JSON.stringify({ url: call.url }) }));
    const requests = Array.from({ length: 23 }, (_, n) => get(String(n)));
    const answer = JSON.parse((await gateway.controller.run({ requests }, 'Bearer k', undefined)).toString());
    expect(gateway.mostInFlight()).toBe(BATCH_CONCURRENCY);
    expect(answer.responses.map((r: { id: string }) => r.id)).toEqual(requests.map((r) => r.id));
    expect(answer.responses[3]).toEqual({
      id: '3',
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', etag: '"e"' },
      body: { url: '/unified/ticketing/tickets/3?connection_id=c' },
    });
  });

  it("sends every call with the batch's API key, and its own allowed headers and body", async () => {
    const gateway = fakeGateway(() => ({ status: 201, body: '{}' }));
    await gateway.controller.run(
      {
        requests: [
          {
            method: 'POST',
            path: '/unified/ticketing/tickets',
            query: { connection_id: 'c' },
            headers: { 'Idempotency-Key': 'k1' },
            body: { name: 'x' },
          },
        ],
      },
      'Bearer batch-key',
      undefined,
    );
    expect(gateway.seen).toEqual([
      {
        method: 'POST',
        url: '/unified/ticketing/tickets?connection_id=c',
        headers: {
          'idempotency-key': 'k1',
          authorization: 'Bearer batch-key',
          'content-type': 'application/json',
        },
        payload: '{"name":"x"}',
      },
    ]);
  });

  it('answers a bad item and a call that broke in their places, the others as they came', async () => {
    const gateway = fakeGateway((call) => ({ status: 204, fail: call.url.includes('/2?') }));
    const answer = JSON.parse(
      (
        await gateway.controller.run(
          { requests: [get('1'), { id: 'bad', method: 'GET', path: '/admin/tenants' }, get('2')] },
          'Bearer k',
          undefined,
        )
      ).toString(),
    );
    expect(gateway.seen.map((c) => c.url)).toEqual([
      '/unified/ticketing/tickets/1?connection_id=c',
      '/unified/ticketing/tickets/2?connection_id=c',
    ]);
    expect(answer.responses).toEqual([
      { id: '1', status: 204, headers: { 'content-type': 'application/json; charset=utf-8', etag: '"e"' } },
      {
        id: 'bad',
        status: 400,
        headers: {},
        body: expect.objectContaining({
          statusCode: 400,
          details: [expect.stringMatching(/unified API path/)],
        }),
      },
      {
        id: '2',
        status: 500,
        headers: {},
        body: expect.objectContaining({ message: 'Internal server error' }),
      },
    ]);
  });

  it('refuses an Idempotency-Key on the batch itself', async () => {
    const gateway = fakeGateway(() => ({ status: 200 }));
    await expect(gateway.controller.run({ requests: [get('1')] }, 'Bearer k', 'key')).rejects.toThrow(
      /Idempotency-Key is per write/,
    );
    expect(gateway.seen).toEqual([]);
  });
});
