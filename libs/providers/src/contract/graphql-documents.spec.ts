import type { ProviderDefinition } from '../definition';
import { graphqlDocuments } from './graphql-documents';

const request = (document: string) => ({
  method: 'POST' as const,
  path: '"/graphql"',
  body: `{ "query": ${JSON.stringify(document)}, "variables": { "id": id } }`,
});

describe('graphqlDocuments', () => {
  it('finds the document of every request body, follow-ups included, and skips bodies without one', () => {
    const definition = {
      name: 'g',
      baseUrl: '"https://g.example"',
      auth: { scheme: 'bearer', token: 'credentials.token' },
      resources: {
        tickets: {
          record: '{}',
          methods: {
            get: request('query One($id: ID!) { item(id: $id) { id "quoted" } }'),
            update: { ...request('mutation { a }'), after: [request('mutation { b }')] },
            create: { method: 'POST', path: '"/rest"', body: '{ "name": body.name }' },
          },
        },
      },
    } as unknown as ProviderDefinition;
    expect(graphqlDocuments(definition).map(([, document]) => document)).toEqual([
      'query One($id: ID!) { item(id: $id) { id "quoted" } }',
      'mutation { a }',
      'mutation { b }',
    ]);
  });
});
