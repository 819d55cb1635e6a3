import type { FastifyInstance } from 'fastify';
import { ProviderEmulator } from '@app/sandbox';
import type { ProviderDefinition } from '../definition';
import { ProviderRegistry } from '../registry';
import type { ConnectionContext } from './connection-context';
import { decodeCursor } from './pagination';
import { ProviderClient } from './provider-client';

/** Pages of a fixed 3 records whatever size is asked, the next page's URL in the body. */
class FixedPages extends ProviderEmulator {
  readonly pagesAsked: string[] = [];
  readonly urls: string[] = [];

  protected routes(app: FastifyInstance): void {
    app.get('/items', async (request) => {
      const page = Number((request.query as { page?: string }).page ?? 1);
      this.pagesAsked.push(String(page));
      this.urls.push(request.url);
      const ids = Array.from({ length: 8 }, (_, i) => i + 1).slice((page - 1) * 3, page * 3);
      const next = page * 3 < 8 ? { href: `${this.url}/items?page=${page + 1}` } : undefined;
      return { items: ids.map((id) => ({ id })), links: { next } };
    });
  }
}

const definition: ProviderDefinition = {
  name: 'fixed',
  displayName: 'Fixed page size',
  baseUrl: '"https://fixed.invalid"',
  auth: { scheme: 'bearer', token: 'credentials.token' },
  credentials: { token: { description: 'token' } },
  connectionSettings: {},
  // No size parameter: the provider has none.
  pagination: { strategy: 'next-url', urlPath: 'links.next.href', maxPageSize: 100 },
  resources: {
    tickets: {
      record: '{ "id": $string(id) }',
      methods: { list: { method: 'GET', path: '"/items"', response: 'items' } },
    },
  },
};

describe('a provider serving fixed-size pages larger than the limit', () => {
  const emulator = new FixedPages();
  const client = new ProviderClient({ registry: new ProviderRegistry([definition]) });
  let connection: ConnectionContext;

  beforeAll(async () => {
    const url = await emulator.start();
    connection = {
      id: 'c1',
      tenantId: 't1',
      provider: 'fixed',
      settings: { base_url: url },
      credentials: { token: 't' },
    };
  });
  afterAll(() => emulator.stop());

  const walk = async (limit: number) => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.list(connection, 'tickets', { limit, cursor });
      pages.push(page.result.map((r) => String(r.id)));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return pages;
  };

  it('cuts each provider page to the limit and resumes inside it, without repeats or gaps', async () => {
    expect(await walk(2)).toEqual([['1', '2'], ['3'], ['4', '5'], ['6'], ['7', '8']]);
    expect(emulator.pagesAsked).toEqual(['1', '1', '2', '2', '3']);
    expect(emulator.urls[0]).toBe('/items'); // no size parameter sent
  });

  it('keeps whole provider pages when the limit is larger', async () => {
    expect(await walk(50)).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8'],
    ]);
  });

  it('refuses a forged cursor with a bad skip', () => {
    const forged = Buffer.from(JSON.stringify({ kind: 'first', skip: -1 })).toString('base64url');
    expect(() => decodeCursor(forged)).toThrow('invalid skip');
    const first = Buffer.from(JSON.stringify({ kind: 'first' })).toString('base64url');
    expect(() => decodeCursor(first)).toThrow('unknown cursor kind');
  });
});
