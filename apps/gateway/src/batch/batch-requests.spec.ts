import { ApiError } from '@app/http';
import { BATCH_MAX_REQUESTS, readBatch } from './batch-requests';

const get = (path: string, extra: Record<string, unknown> = {}) => ({ method: 'GET', path, ...extra });

function batchRefusal(body: unknown): string {
  try {
    readBatch(body);
  } catch (error) {
    if (error instanceof ApiError && error.getStatus() === 400) return error.message;
    throw error;
  }
  throw new Error('not refused');
}

describe('batch requests', () => {
  it('become unified calls with their query, body and allowed headers', () => {
    const items = readBatch({
      requests: [
        get('/unified/ticketing/tickets', {
          id: 'list',
          query: { connection_id: 'c 1', fields: ['id', 'name'] },
        }),
        {
          method: 'patch',
          path: '/unified/ticketing/tickets/42?connection_id=c1',
          query: { include_remote_data: true },
          body: { name: 'x' },
          headers: { 'If-Match': '"e1"', 'Idempotency-Key': 'k1' },
        },
      ],
    });
    expect(items).toEqual([
      {
        id: 'list',
        call: {
          method: 'GET',
          url: '/unified/ticketing/tickets?connection_id=c+1&fields=id&fields=name',
          body: undefined,
          headers: {},
        },
      },
      {
        id: null,
        call: {
          method: 'PATCH',
          url: '/unified/ticketing/tickets/42?connection_id=c1&include_remote_data=true',
          body: { name: 'x' },
          headers: { 'if-match': '"e1"', 'idempotency-key': 'k1' },
        },
      },
    ]);
  });

  it(`refuse the whole batch only when it cannot be read or holds more than ${BATCH_MAX_REQUESTS}`, () => {
    expect(batchRefusal([])).toMatch(/JSON object/);
    expect(batchRefusal({ requests: [] })).toMatch(/non-empty array/);
    expect(batchRefusal({ requests: [get('/unified/ticketing/tickets')], extra: 1 })).toMatch(/extra/);
    const many = Array.from({ length: BATCH_MAX_REQUESTS + 1 }, () => get('/unified/ticketing/tickets'));
    expect(batchRefusal({ requests: many })).toBe('A batch holds at most 50 requests; this one has 51');
    expect(readBatch({ requests: many.slice(1) })).toHaveLength(BATCH_MAX_REQUESTS);
  });

  it.each([
    ['admin routes', get('/admin/tenants'), /unified API path/],
    ['the batch itself', { method: 'POST', path: '/batch' }, /unified API path/],
    ['dot segments', get('/unified/ticketing/../../admin/tenants'), /unified API path/],
    ['encoded dot segments', get('/unified/ticketing/tickets/%2e%2e'), /unified API path/],
    ['other prefixes', get('/unified/ticketingx/tickets'), /unified API path/],
    ['deeper paths', get('/unified/ticketing/tickets/1/comments'), /unified API path/],
    ['fragments', get('/unified/ticketing/tickets#x'), /unified API path/],
    ['bad encodings', get('/unified/ticketing/tickets/%zz'), /percent-encoding/],
    ['unknown methods', { method: 'PUT', path: '/unified/ticketing/tickets/1' }, /method must be one of/],
    ['bodies on reads', get('/unified/ticketing/tickets', { body: {} }), /GET takes no body/],
    [
      'the API key',
      get('/unified/ticketing/tickets', { headers: { Authorization: 'Bearer x' } }),
      /cannot be set/,
    ],
    [
      'header values with line breaks',
      get('/unified/ticketing/t', { headers: { 'if-match': '"a"\r\nx: y' } }),
      /visible/,
    ],
    ['nested query values', get('/unified/ticketing/tickets', { query: { a: { b: 1 } } }), /query\.a/],
    ['unknown properties', get('/unified/ticketing/tickets', { url: 'x' }), /unknown properties: url/],
    ['empty ids', get('/unified/ticketing/tickets', { id: '' }), /id must be/],
    ['non-objects', 'GET /unified/ticketing/tickets', /JSON object/],
  ])('make an item a 400 of its own for %s, leaving the others', (_name, bad, problem) => {
    const [ok, refused] = readBatch({ requests: [get('/unified/ticketing/tickets'), bad] });
    expect(ok.call).toBeDefined();
    expect(refused.call).toBeUndefined();
    expect(refused.problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  it('refuse a repeated id on the later item', () => {
    const items = readBatch({
      requests: [get('/unified/ticketing/tickets', { id: 'a' }), get('/unified/ticketing/tags', { id: 'a' })],
    });
    expect(items[0].call).toBeDefined();
    expect(items[1]).toEqual({ id: 'a', problems: ['id a is already used by request 0'] });
  });
});
