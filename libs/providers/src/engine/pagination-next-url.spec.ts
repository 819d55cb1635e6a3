import type { PaginationDefinition } from '../definition';
import { InvalidCursorError } from './errors';
import { decodeCursor, encodeCursor, nextPageState, pageRequest, pageSize } from './pagination';

const nextUrl: PaginationDefinition = {
  strategy: 'next-url',
  urlPath: '_pagination.next',
  sizeParam: 'limit',
  maxPageSize: 100,
};
const BASE = 'https://api2.frontapp.com';
const page = (next: unknown) => ({
  headers: {},
  body: { _pagination: { next }, _results: [{}, {}] },
  count: 2,
});

describe('next-url pagination (the next page URL in the body)', () => {
  it('asks for the page size first, then requests the next URL exactly as given', () => {
    expect(pageSize(nextUrl, 500)).toBe(100);
    expect(pageRequest(nextUrl, { kind: 'first' }, 25)).toEqual({ params: { limit: '25' } });

    const state = nextPageState(
      nextUrl,
      { kind: 'first' },
      25,
      page(`${BASE}/conversations?limit=25&page_token=92f3`),
      BASE,
    );
    expect(state).toEqual({ kind: 'url', pathAndQuery: '/conversations?limit=25&page_token=92f3' });
    // Through the opaque cursor and back, the next request is that path, with no parameters added.
    expect(pageRequest(nextUrl, decodeCursor(encodeCursor(state!)), 25)).toEqual({
      params: {},
      pathAndQuery: '/conversations?limit=25&page_token=92f3',
    });
  });

  it('ends where the body has no next URL (null, empty or absent)', () => {
    for (const next of [null, '', undefined]) {
      expect(nextPageState(nextUrl, { kind: 'first' }, 25, page(next), BASE)).toBeUndefined();
    }
    expect(
      nextPageState(nextUrl, { kind: 'first' }, 25, { headers: {}, body: { _results: [] }, count: 0 }, BASE),
    ).toBeUndefined();
  });

  it('keeps the walk on the connection origin: a next URL elsewhere is refused', () => {
    expect(() =>
      nextPageState(
        nextUrl,
        { kind: 'first' },
        25,
        page('https://evil.example/conversations?page_token=x'),
        BASE,
      ),
    ).toThrow(InvalidCursorError);
    // A relative next URL resolves against the connection's base URL.
    expect(
      nextPageState(nextUrl, { kind: 'first' }, 25, page('/contacts?page_token=y'), 'http://127.0.0.1:4107'),
    ).toEqual({ kind: 'url', pathAndQuery: '/contacts?page_token=y' });
  });
});
