import type { ProviderDefinition } from '../definition';
import { ExpressionCache } from './expression-cache';
import { mappedFieldsJsonOf, RecordMapper } from './record-mapper';

const definition = {
  name: 'example',
  resources: { tickets: { record: '{ "id": $string(number), "name": title }' } },
} as unknown as ProviderDefinition;

async function mapped() {
  const mapper = new RecordMapper(new ExpressionCache(), () => ['id', 'name', 'status', 'etag']);
  return mapper.map(definition, 'tickets', { number: 7, title: 'seven' }, { settings: {} });
}

describe('RecordMapper: the JSON of the mapped fields, kept for answer writers', () => {
  it('is the JSON the etag hashes, and nothing else of the record shows it', async () => {
    const record = await mapped();
    expect(mappedFieldsJsonOf(record)).toBe('{"id":"7","name":"seven","status":null}');
    expect(Object.keys(record)).toEqual(['id', 'name', 'status', 'etag', 'remote_data']);
    expect(JSON.stringify(record)).toBe(
      `{"id":"7","name":"seven","status":null,"etag":${JSON.stringify(record.etag)},"remote_data":{"number":7,"title":"seven"}}`,
    );
    expect(structuredClone(record)).toEqual(record);
  });

  it('belongs to the mapped record only: a copy, changed or not, has none', async () => {
    const record = await mapped();
    expect(mappedFieldsJsonOf({ ...record })).toBeUndefined();
    expect(mappedFieldsJsonOf({ ...record, name: 'renamed' })).toBeUndefined();
    expect(mappedFieldsJsonOf(Object.assign({}, record))).toBeUndefined();
    expect(mappedFieldsJsonOf(Object.create(record) as object)).toBeUndefined();
    expect(mappedFieldsJsonOf(structuredClone(record))).toBeUndefined();
  });
});
