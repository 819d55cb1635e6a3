import { ApiError } from '@app/http';
import { parseEntityTags } from '../unified/conditional-requests';
import { recordViewOf } from '../unified/field-selection';
import { parseUnifiedQuery } from '../unified/unified-query';
import { addRecordOptions, ENTITY_TAGS } from './record-options-document';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const accepted = (run: () => unknown): boolean => {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.getStatus() === 400) return false;
    throw error;
  }
};

function documented(): Json {
  const operation = () => ({
    parameters: [{ name: 'include_remote_data', in: 'query' }],
    responses: { '200': { description: 'ok' }, '201': { description: 'created' } },
  });
  const paths: Json = {
    '/unified/ticketing/tags': { get: operation(), post: operation() },
    '/unified/ticketing/tags/{id}': { get: operation(), patch: operation(), delete: operation() },
    '/connections': { get: operation() },
  };
  addRecordOptions(paths);
  return paths;
}

describe('the OpenAPI document of conditional requests and fields', () => {
  it('states the If-Match / If-None-Match syntax exactly as the server reads it', () => {
    const pattern = new RegExp(ENTITY_TAGS);
    const pieces = ['*', '"a"', 'W/"b"', '""', '"c,d"', ',', ' ', '\t', 'w/"x"', 'x', '"', 'W/', '"é"'];
    const values = new Set<string>();
    for (const a of pieces)
      for (const b of pieces) for (const c of ['', ',', ' ,', ', ']) values.add(`${a}${c}${b}`);
    let agreed = 0;
    for (const value of values) {
      const text = value.replace(/^[ \t]+|[ \t]+$/g, ''); // as Node hands a header value over
      expect([value, pattern.test(value)]).toEqual([
        value,
        accepted(() => parseEntityTags(text, 'If-Match')),
      ]);
      agreed++;
    }
    expect(agreed).toBeGreaterThan(500);
  });

  it("states fields= as the resource's own field names, as the server checks them", () => {
    const paths = documented();
    const fields = (paths['/unified/ticketing/tags'].get.parameters as Json[]).find(
      (p) => p.name === 'fields',
    );
    const pattern = new RegExp(fields!.schema.pattern);
    for (const value of [
      'name',
      ' name ,id',
      'remote_data',
      'name,,id',
      'name,',
      'assignees',
      'name, colour',
      'Name',
      ' name\t,\tetag',
    ]) {
      const server = accepted(() =>
        recordViewOf('tags', { fields: parseUnifiedQuery({ connection_id: 'c', fields: value }).fields }),
      );
      expect([value, pattern.test(value)]).toEqual([value, server]);
    }
  });

  it('adds ETag, If-None-Match → 304 and If-Match → 412 to the operations that have them', () => {
    const paths = documented();
    const list = paths['/unified/ticketing/tags'];
    const one = paths['/unified/ticketing/tags/{id}'];
    const names = (operation: Json) => (operation.parameters as Json[]).map((p) => p.name);
    expect(names(list.get)).toEqual(['include_remote_data', 'fields']);
    expect(list.get.responses['200'].headers).toBeUndefined();
    expect(list.post.responses['201'].headers.ETag).toBeDefined();
    expect(names(one.get)).toEqual(['include_remote_data', 'fields', 'If-None-Match']);
    expect(Object.keys(one.get.responses)).toEqual(['200', '201', '304']);
    expect(one.get.responses['200'].headers.ETag).toBeDefined();
    expect(names(one.patch)).toEqual(['include_remote_data', 'If-Match']);
    expect(one.patch.responses['412'].content['application/json']).toBeDefined();
    expect(names(one.delete)).toEqual(['include_remote_data', 'If-Match']);
    expect(one.delete.responses['412']).toBeDefined();
    expect(one.get.parameters[0].description).toMatch(/`true` adds `remote_data`/);
    expect(paths['/connections'].get.parameters).toEqual([{ name: 'include_remote_data', in: 'query' }]);
  });
});
