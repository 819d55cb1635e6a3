import { readSpec } from '@app/sandbox';
import { LINEAR_SDL } from '@app/sandbox/linear/schema';
import { buildSchema, parse, validate } from 'graphql';
import { graphqlDocuments } from '../contract/graphql-documents';
import { linear } from './index';

/**
 * Contract: the definition's documents are valid against Linear's own schema (the SDL shipped with
 * @linear/sdk, in ../shared/specs/linear), so every field, argument and input it uses exists there with
 * the types it passes; and against the emulator's schema, so the emulator serves all of them.
 */
describe('Linear definition × Linear’s published GraphQL schema', () => {
  const official = buildSchema(readSpec('linear/schema.graphql'), { assumeValidSDL: true });
  const emulated = buildSchema(LINEAR_SDL);
  const docs = graphqlDocuments(linear);

  it('finds a document for every method of every resource', () => {
    const methods = Object.values(linear.resources).flatMap((r) => Object.keys(r.methods ?? {}));
    expect(docs).toHaveLength(methods.length);
  });

  it.each(docs)('%s is valid against Linear’s schema and the emulator’s', (_path, document) => {
    const parsed = parse(document);
    expect(validate(official, parsed).map((e) => e.message)).toEqual([]);
    expect(validate(emulated, parsed).map((e) => e.message)).toEqual([]);
  });

  it('refuses a document naming a field Linear does not have (the check can fail)', () => {
    expect(validate(official, parse('query { issues { nodes { id notAField } } }')).length).toBeGreaterThan(
      0,
    );
  });
});
