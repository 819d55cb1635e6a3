import { readFileSync } from 'node:fs';
import { OPENAPI_PATH, renderClientFiles, SCHEMA_PATH, type ClientFiles } from './generate-client';

const REGENERATE = 'run `npm run client` and commit docs/openapi.json and libs/client/src/schema.ts';

describe('the committed OpenAPI document and client types (npm run client)', () => {
  let rendered: ClientFiles;
  beforeAll(async () => {
    rendered = await renderClientFiles();
  }, 120_000);

  it.each([
    ['docs/openapi.json', OPENAPI_PATH, 'document'],
    ['libs/client/src/schema.ts', SCHEMA_PATH, 'schema'],
  ] as const)('%s is exactly what the generator makes from the gateway now', (name, file, part) => {
    const committed = readFileSync(file, 'utf8');
    if (committed !== rendered[part])
      throw new Error(`${name} is out of date with the gateway: ${REGENERATE}`);
  });

  it('holds the document the gateway serves: the unified ticket operations with their errors', () => {
    const document = JSON.parse(rendered.document);
    const getTicket = document.paths['/unified/ticketing/tickets/{id}'].get;
    expect(Object.keys(getTicket.responses)).toEqual(expect.arrayContaining(['200', '304', '404']));
    expect(rendered.schema).toContain('"/unified/ticketing/tickets/{id}": {');
    expect(rendered.schema).toContain('ApiError: {');
  });
});
