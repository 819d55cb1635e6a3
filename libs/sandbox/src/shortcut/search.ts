/**
 * `GET /api/v3/search/stories` as Shortcut answers it: the search operators the definition sends
 * (`is:archived`, `!is:archived`, `updated:` / `created:` date ranges `YYYY-MM-DD..*`) and plain words
 * (matched in name and description), ordered by id so `next` pages are stable, `next` being the path
 * and query of the following page. A search reaches 1000 results at most.
 */
import type { EmulatorContext, EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { renderStory } from './stories';

const SEARCH_PAGING: EmulatorPaging = {
  style: 'cursor',
  cursorParam: 'next',
  sizeParam: 'page_size',
  defaultSize: 25,
  maxSize: 250,
};

const MAX_RESULTS = 1000;
type Test = (story: ProviderObject) => boolean;

function dateRange(field: string, range: string): Test | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}|\*)\.\.(\d{4}-\d{2}-\d{2}|\*)$/.exec(range);
  if (!match) return undefined;
  const [, from, to] = match;
  return (story) => {
    const day = String(story[field] ?? '').slice(0, 10);
    return (from === '*' || day >= from) && (to === '*' || day <= to);
  };
}

/** The tests of a query, or undefined for an operator the emulator does not know (Shortcut: 400). */
function parse(query: string): Test[] | undefined {
  const tests: Test[] = [];
  for (const term of query.trim().split(/\s+/)) {
    const negated = /^[!-]/.test(term);
    const bare = negated ? term.slice(1) : term;
    const [operator, value] = bare.includes(':')
      ? [bare.slice(0, bare.indexOf(':')), bare.slice(bare.indexOf(':') + 1)]
      : ['', bare];
    let test: Test | undefined;
    if (operator === 'is' && value === 'archived') test = (s) => s.archived === true;
    else if (operator === 'updated' || operator === 'created') test = dateRange(`${operator}_at`, value);
    else if (operator === '') {
      const word = value.toLowerCase();
      test = (s) => `${String(s.name)} ${String(s.description)}`.toLowerCase().includes(word);
    }
    if (!test) return undefined;
    const positive = test;
    tests.push(negated ? (s) => !positive(s) : positive);
  }
  return tests;
}

export function searchStories(ctx: EmulatorContext, kit: EmulatorKit): { status: number; body: unknown } {
  const query = ctx.query.query ?? '';
  if (query.trim() === '')
    return { status: 400, body: { message: 'Schema mismatch', errors: { query: 'missing-required-key' } } };
  const size = Number(ctx.query.page_size ?? 25);
  if (!(Number.isInteger(size) && size >= 1 && size <= 250))
    return { status: 400, body: { message: 'Schema mismatch', errors: { page_size: '(not (<= 1 % 250))' } } };
  const tests = parse(query);
  if (!tests)
    return { status: 400, body: { message: 'Schema mismatch', errors: { query: 'invalid-query' } } };
  const matching = ctx
    .records('stories')
    .filter((s) => tests.every((test) => test(s)))
    .sort((a, b) => Number(a.id) - Number(b.id));
  const page = kit.page(matching, SEARCH_PAGING, ctx);
  if ('refused' in page)
    return { status: 400, body: { message: 'Schema mismatch', errors: { next: 'invalid-token' } } };
  const { items, info } = page;
  const start = (info.page - 1) * info.size;
  if (start + items.length > MAX_RESULTS)
    return {
      status: 400,
      body: {
        error: 'maximum-results-exceeded',
        message: 'A maximum of 1000 search results are supported.',
        'maximum-results': MAX_RESULTS,
      },
    };
  const slim = ctx.query.detail === 'slim';
  const data = items.map((s) => {
    const full = renderStory(s, ctx);
    if (!slim) return full;
    const { description: _d, comments: _c, ...rest } = full;
    return rest;
  });
  const next = info.nextUrl ? new URL(info.nextUrl).pathname + new URL(info.nextUrl).search : null;
  return { status: 200, body: { data, next, total: Math.min(matching.length, MAX_RESULTS) } };
}
