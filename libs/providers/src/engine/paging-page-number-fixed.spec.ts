import type { FastifyInstance } from 'fastify';
import { ProviderEmulator } from '@app/sandbox';
import type { PaginationDefinition, ProviderDefinition } from '../definition';
import { ProviderRegistry } from '../registry';
import type { ConnectionContext } from './connection-context';
import { ProviderClient } from './provider-client';

/** Zero-based pages of a fixed 3 records (no size parameter), `last_page` in the body. */
class NumberedPages extends ProviderEmulator {
  readonly asked: string[] = [];

  protected routes(app: FastifyInstance): void {
    app.get('/items', async (request) => {
      this.asked.push(request.url);
      const page = Number((request.query as { page?: string }).page ?? 0);
      const ids = Array.from({ length: 7 }, (_, i) => i + 1).slice(page * 3, page * 3 + 3);
      return { items: ids.map((id) => ({ id })), last_page: page * 3 + 3 >= 7 };
    });
  }
}

const definitionWith = (pagination: PaginationDefinition): ProviderDefinition => ({
  name: 'numbered',
  displayName: 'Numbered pages',
  baseUrl: '"https://numbered.invalid"',
  auth: { scheme: 'bearer', token: 'credentials.token' },
  credentials: { token: { description: 'token' } },
  connectionSettings: {},
  pagination,
  resources: {
    tickets: {
      record: '{ "id": $string(id) }',
      methods: { list: { method: 'GET', path: '"/items"', response: 'items' } },
    },
  },
});

describe('page-number paging with a fixed page size', () => {
  const emulator = new NumberedPages();
  let connection: ConnectionContext;
  beforeAll(async () => {
    const url = await emulator.start();
    connection = {
      id: 'c1',
      tenantId: 't1',
      provider: 'numbered',
      settings: { base_url: url },
      credentials: { token: 't' },
    };
  });
  afterAll(() => emulator.stop());

  const walk = async (pagination: PaginationDefinition, limit: number) => {
    const client = new ProviderClient({ registry: new ProviderRegistry([definitionWith(pagination)]) });
    emulator.asked.splice(0);
    const ids: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.list(connection, 'tickets', { limit, cursor });
      ids.push(page.result.map((r) => String(r.id)));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return ids;
  };

  it('sends no size, cuts the provider pages to the limit and stops at the body’s last_page', async () => {
    const pages = await walk(
      { strategy: 'page-number', pageParam: 'page', firstPage: 0, maxPageSize: 3, lastPagePath: 'last_page' },
      2,
    );
    expect(pages).toEqual([['1', '2'], ['3'], ['4', '5'], ['6'], ['7']]);
    expect(emulator.asked).toEqual([
      '/items?page=0',
      '/items?page=0',
      '/items?page=1',
      '/items?page=1',
      '/items?page=2',
    ]);
  });

  it('without a last-page flag, a page shorter than the fixed size is the last', async () => {
    const pages = await walk(
      { strategy: 'page-number', pageParam: 'page', firstPage: 0, maxPageSize: 3 },
      50,
    );
    expect(pages).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7']]);
    expect(emulator.asked).toHaveLength(3);
  });
});
