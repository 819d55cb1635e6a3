import { readSpec } from '@app/sandbox';
import { MONDAY_SDL } from '@app/sandbox/monday/schema';
import { buildSchema, parse, validate } from 'graphql';
import { graphqlDocuments } from '../contract/graphql-documents';
import { monday } from './index';

/**
 * Contract: the definition's documents are valid against monday's own schema (API version 2026-10, from
 * monday's agent toolkit, in ../shared/specs/monday), so every field, argument and input it uses exists
 * there with the types it passes; and against the emulator's schema, so the emulator serves all of them.
 */
describe('monday definition × monday’s published GraphQL schema', () => {
  const official = buildSchema(readSpec('monday/schema.graphql'), { assumeValidSDL: true });
  const emulated = buildSchema(MONDAY_SDL);
  const docs = graphqlDocuments(monday);

  it('finds a document for every method of every resource', () => {
    const requests = Object.values(monday.resources).flatMap((r) =>
      Object.values(r.methods ?? {}).flatMap((m) => [m, ...(m.after ?? [])]),
    );
    expect(docs).toHaveLength(requests.length);
  });

  it.each(docs)('%s is valid against monday’s schema and the emulator’s', (_path, document) => {
    const parsed = parse(document);
    expect(validate(official, parsed).map((e) => e.message)).toEqual([]);
    expect(validate(emulated, parsed).map((e) => e.message)).toEqual([]);
  });

  it('refuses a document naming a field monday does not have (the check can fail)', () => {
    expect(validate(official, parse('query { items { id notAField } }')).length).toBeGreaterThan(0);
  });
});
