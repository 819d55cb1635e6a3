import type { FastifyRequest } from 'fastify';
import type { EmulatorContext, EmulatorPaging, ProviderObject } from './description';
import { pageOf } from './paging';

const records: ProviderObject[] = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));
const ctx = (url: string): EmulatorContext => {
  const query = Object.fromEntries(new URL(url, 'http://x').searchParams);
  return {
    records: () => records,
    find: () => undefined,
    nextId: () => 0,
    now: () => '2026-01-01T00:00:00.000Z',
    baseUrl: () => 'http://emulator',
    params: {},
    query,
    request: { url } as FastifyRequest,
  };
};

describe('kit paging: offset style (start + limit)', () => {
  const paging: EmulatorPaging = {
    style: 'offset',
    startParam: 'start',
    sizeParam: 'limit',
    defaultSize: 2,
    maxSize: 3,
  };

  it('serves the window from start, capped at the maximum, and tells where it is', () => {
    const page = pageOf(records, paging, ctx('/things?start=3&limit=10'));
    if ('refused' in page) throw new Error(page.refused);
    expect(page.items.map((r) => r.id)).toEqual([4, 5, 6]);
    expect(page.info).toMatchObject({ start: 3, size: 3, requested: 10, total: 7 });
    expect(page.info.nextUrl).toBe('http://emulator/things?start=6&limit=10');
    expect(page.info.prevUrl).toBe('http://emulator/things?start=0&limit=10');
  });

  it('uses the default size, and has no next page at the end', () => {
    const first = pageOf(records, paging, ctx('/things'));
    const last = pageOf(records, paging, ctx('/things?start=6'));
    if ('refused' in first || 'refused' in last) throw new Error('refused');
    expect([first.items.length, first.info.prevUrl, last.items.map((r) => r.id), last.info.nextUrl]).toEqual([
      2,
      undefined,
      [7],
      undefined,
    ]);
  });

  it("sends the description's page headers, built from where the page is", () => {
    const withHeaders: EmulatorPaging = {
      ...paging,
      headers: (info) => ({ 'x-total-count': String(info.total), 'x-next': info.nextUrl ?? 'none' }),
    } as EmulatorPaging;
    const middle = pageOf(records, withHeaders, ctx('/things?start=2'));
    const last = pageOf(records, withHeaders, ctx('/things?start=6'));
    if ('refused' in middle || 'refused' in last) throw new Error('refused');
    expect([middle.headers, last.headers]).toEqual([
      { 'x-total-count': '7', 'x-next': 'http://emulator/things?start=4&limit=2' },
      { 'x-total-count': '7', 'x-next': 'none' },
    ]);
  });
});
