import { parseProviderJson, rawJsonOf, recordItemBytes } from './raw-json';

const parse = (text: string) => {
  const answer = parseProviderJson(Buffer.from(text));
  recordItemBytes(answer);
  return answer;
};
const rawText = (value: unknown) => rawJsonOf(value)?.toString('utf8');

describe('parseProviderJson', () => {
  it('records each item of a top-level array exactly as written, whitespace and escapes included', () => {
    const text =
      '[ {"id": 1, "title": "say \\"hi\\" \\\\"} ,\n  {"id":2,"body":"caf\\u00e9 ✓ [not] {an array}"} ]\n';
    const items = parse(text) as Array<Record<string, unknown>>;
    expect(items).toEqual([
      { id: 1, title: 'say "hi" \\' },
      { id: 2, body: 'café ✓ [not] {an array}' },
    ]);
    expect(rawText(items[0])).toBe('{"id": 1, "title": "say \\"hi\\" \\\\"}');
    expect(rawText(items[1])).toBe('{"id":2,"body":"caf\\u00e9 ✓ [not] {an array}"}');
    expect(rawText(items)).toBe(text.trim());
  });

  it('follows objects down to the item arrays of search and GraphQL answers', () => {
    const jira = parse('{"startAt":0,"issues":[{"key":"A-1"},{"key":"A-2"}],"names":{"x":[1,2]}}') as {
      issues: object[];
    };
    expect(jira.issues.map(rawText)).toEqual(['{"key":"A-1"}', '{"key":"A-2"}']);
    const linear = parse('{"data":{"issues":{"nodes":[{"id":"L-1"}],"pageInfo":{}}}}') as {
      data: { issues: { nodes: object[] } };
    };
    expect(rawText(linear.data.issues.nodes[0])).toBe('{"id":"L-1"}');
  });

  it('keeps no bytes for what is not an item: scalars, nested objects of items, objects built later', () => {
    const items = parse('[{"user":{"login":"a"}}, 3, "x"]') as [{ user: object }, number, string];
    expect(rawText(items[0].user)).toBeUndefined();
    expect(rawJsonOf(items[1])).toBeUndefined();
    expect(rawJsonOf({ ...items[0] })).toBeUndefined();
  });

  it('records nothing where the bytes and the parsed value could be paired wrongly', () => {
    // Duplicate keys: JSON.parse keeps the last array, the bytes hold both.
    const duplicated = parse('{"a":1,"b":[{"p":1}],"a":[{"q":2}]}') as { a: object[]; b: object[] };
    expect(rawJsonOf(duplicated.a[0])).toBeUndefined();
    expect(rawJsonOf(duplicated.b[0])).toBeUndefined();
    // The answer itself is still the provider's bytes, duplicates and all: that is what it sent.
    expect(rawText(duplicated)).toBe('{"a":1,"b":[{"p":1}],"a":[{"q":2}]}');
    // Integer-like keys come out of JSON.parse in another order than they were written.
    const reordered = parse('{"2":[{"two":2}],"1":[{"one":1}]}') as Record<string, object[]>;
    expect(rawText(reordered['2'][0])).toBe('{"two":2}');
    expect(rawText(reordered['1'][0])).toBe('{"one":1}');
  });

  it('throws on what is not JSON, like JSON.parse', () => {
    expect(() => parse('{"open": [')).toThrow(SyntaxError);
    expect(() => parse('')).toThrow(SyntaxError);
  });
});

describe('recordItemBytes', () => {
  it('is what gives items their bytes: a parsed answer alone keeps only its own', () => {
    const answer = parseProviderJson(Buffer.from(' [{"id":1}] ')) as object[];
    expect(rawText(answer)).toBe('[{"id":1}]');
    expect(rawJsonOf(answer[0])).toBeUndefined();
    recordItemBytes(answer);
    expect(rawText(answer[0])).toBe('{"id":1}');
  });

  it('does nothing for values that were not parsed from provider bytes', () => {
    const built = [{ id: 1 }];
    recordItemBytes(built);
    expect(rawJsonOf(built[0])).toBeUndefined();
  });
});
