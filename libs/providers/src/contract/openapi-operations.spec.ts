import { findOperation, readOpenApi } from './openapi-operations';

/** A Swagger 2.0 description as Azure DevOps and Shortcut publish theirs (BOM included). */
const SWAGGER = `\uFEFF${JSON.stringify({
  swagger: '2.0',
  host: 'dev.azure.com',
  basePath: '/api',
  parameters: { 'api-Version': { name: 'api-version', in: 'query', required: true, type: 'string' } },
  paths: {
    '/{organization}/_apis/wit/workitems/${type}': {
      post: {
        consumes: ['application/json-patch+json'],
        parameters: [
          { in: 'path', name: 'organization', required: true, type: 'string' },
          { $ref: '#/parameters/api-Version' },
          { in: 'body', name: 'document', schema: { $ref: '#/definitions/JsonPatchDocument' } },
        ],
        responses: { '200': { schema: { $ref: '#/definitions/WorkItem' } } },
      },
    },
    '/{organization}/_apis/wit/tags': {
      parameters: [{ in: 'path', name: 'organization', required: true, type: 'string' }],
      patch: {
        parameters: [{ in: 'body', name: 'tag', schema: { $ref: '#/definitions/Tag' } }],
        responses: { '200': { schema: { $ref: '#/definitions/Tag' } } },
      },
    },
  },
  definitions: {
    JsonPatchDocument: { type: 'array', items: { type: 'object' } },
    WorkItem: { type: 'object', properties: { id: { type: 'integer' } } },
    Tag: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
  },
})}`;

describe('readOpenApi: Swagger 2.0 descriptions', () => {
  const description = readOpenApi(SWAGGER);

  it('reads past a byte order mark and finds operations with or without the basePath', () => {
    const create = findOperation(description, 'POST', '/api/fabrikam/_apis/wit/workitems/$Bug');
    expect(create?.template).toBe('/{organization}/_apis/wit/workitems/${type}');
    expect(findOperation(description, 'POST', '/fabrikam/_apis/wit/workitems/$Bug')).toBe(create);
    expect(findOperation(description, 'POST', '/fabrikam/_apis/wit/workitems/Bug')).toBeUndefined();
  });

  it('takes required query parameters through $refs, the body from the `in: body` parameter, the response from `schema`', () => {
    const create = findOperation(description, 'POST', '/fabrikam/_apis/wit/workitems/$Task')!;
    expect(create.requiredQuery).toEqual(['api-version']);
    expect(create.bodyProperties).toBeUndefined(); // a JSON Patch array: no properties to check
    expect(create.responseSchema).toEqual({ $ref: '#/definitions/WorkItem' });
    const rename = findOperation(description, 'PATCH', '/fabrikam/_apis/wit/tags')!;
    expect(rename.bodyProperties).toEqual(['id', 'name']);
    expect(rename.requiredQuery).toEqual([]);
  });
});
