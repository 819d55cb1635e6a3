import { parseProviderJson, recordItemBytes, RecordMapper, ExpressionCache } from '@app/providers';
import type { ProviderDefinition } from '@app/providers';
import { recordViewOf } from './field-selection';
import { encodeList, encodeProviderAnswer, encodeRecord } from './unified-answer';

const PROVIDER_TEXT = '[ {"number": 7, "title": "Ünïcode \\u2713"},\n  {"number": 8, "title": "plain"} ]';
const definition = {
  name: 'example',
  resources: { tickets: { record: '{ "id": $string(number), "name": title }' } },
} as unknown as ProviderDefinition;

async function mappedPage() {
  const items = parseProviderJson(Buffer.from(PROVIDER_TEXT)) as object[];
  recordItemBytes(items);
  const mapper = new RecordMapper(new ExpressionCache(), () => ['id', 'name', 'etag']);
  return Promise.all(items.map((item) => mapper.map(definition, 'tickets', item, { settings: {} })));
}

describe('unified answers', () => {
  it('are the JSON of the records, with remote_data written as the provider sent it', async () => {
    const records = await mappedPage();
    const envelope = { next_cursor: 'c1', result_count: 2 };
    const text = encodeList(records, envelope).toString('utf8');
    expect(JSON.parse(text)).toEqual({ result: records, ...envelope });
    expect(text).toContain('"remote_data":{"number": 7, "title": "Ünïcode \\u2713"}}');
    expect(Object.keys(JSON.parse(text).result[0])).toEqual(['id', 'name', 'etag', 'remote_data']);
  });

  it('serialize records as usual when their remote_data has no recorded bytes or was left out', async () => {
    const [record] = await mappedPage();
    const rebuilt = { ...record, remote_data: { ...(record.remote_data as object) } };
    expect(encodeRecord(rebuilt).toString()).toBe(JSON.stringify(rebuilt));
    const { remote_data: _dropped, ...lean } = record;
    expect(encodeList([lean], { next_cursor: null, result_count: 1, is_partial: true }).toString()).toBe(
      JSON.stringify({ result: [lean], next_cursor: null, result_count: 1, is_partial: true }),
    );
  });

  it('return the provider answer byte for byte when asked for the raw format', () => {
    const answer = parseProviderJson(Buffer.from(PROVIDER_TEXT));
    expect(encodeProviderAnswer(answer).toString()).toBe(PROVIDER_TEXT);
    expect(encodeProviderAnswer({ built: 'here' }).toString()).toBe('{"built":"here"}');
    expect(encodeProviderAnswer(undefined).toString()).toBe('null');
  });

  it('write each record as the view asks: no remote_data by default, only the fields asked for', async () => {
    const records = await mappedPage();
    const envelope = { next_cursor: null, result_count: 2 };
    const lean = encodeList(records, envelope, recordViewOf('tickets', {})).toString();
    expect(JSON.parse(lean)).toEqual({
      result: records.map(({ remote_data: _r, ...fields }) => fields),
      ...envelope,
    });
    const picked = encodeRecord(records[0], recordViewOf('tickets', { fields: ['name'] })).toString();
    expect(picked).toBe(JSON.stringify({ id: '7', name: 'Ünïcode \u2713' }));
    const withRaw = encodeRecord(records[0], recordViewOf('tickets', { fields: ['remote_data'] })).toString();
    expect(withRaw).toBe('{"id":"7","remote_data":{"number": 7, "title": "Ünïcode \\u2713"}}');
  });
});
