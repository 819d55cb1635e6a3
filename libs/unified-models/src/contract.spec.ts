/**
 * Conformance of the library to the contract: the seed's field lists for the 17 resources
 * (../shared/seed/unified-ticketing-api.txt from the repository root), and the consistency of the JSON
 * Schemas, TypeScript types, DTOs and docs/unified-model.md with each other.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { CREATE_DTOS, UPDATE_DTOS } from './dto';
import { ACTOR_TYPES, COLLECTION_TYPES, PRIORITY_CATEGORIES, TICKET_STATUS_CATEGORIES } from './enums';
import { EXAMPLE_RECORDS } from './examples';
import { READ_ONLY_FIELDS, UNIFIED_RESOURCES } from './resources';
import type { UnifiedResourceName } from './resources';
import { contractFieldsOf, getResourceSchema } from './schemas';
import type { JsonSchema } from './schemas';

const REPO_ROOT = resolve(__dirname, '../../..');
const SEED_PATH = resolve(REPO_ROOT, '../shared/seed/unified-ticketing-api.txt');
const DOC_PATH = resolve(REPO_ROOT, 'docs/unified-model.md');

type SeedType = 'string' | 'number' | 'boolean' | 'array' | 'object';
interface SeedResource {
  resource: string;
  declaredCount: number;
  fields: { name: string; type: SeedType }[];
}

/** Reads blocks of the form "<Title> fields" followed by "<name> <type>" lines, up to a blank line. */
function parseSeed(text: string): SeedResource[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const resources: SeedResource[] = [];
  lines.forEach((line, index) => {
    const heading = /^(.+) fields$/.exec(line);
    if (!heading || !/^\d+ fields Docs/.test(lines[index - 1] ?? '')) return;
    const declaredCount = Number(/^(\d+)/.exec(lines[index - 1])?.[1]);
    const fields: SeedResource['fields'] = [];
    for (let i = index + 1; i < lines.length && lines[i] !== ''; i += 1) {
      const match = /^([a-z_]+) (string|number|boolean|array|object)$/.exec(lines[i]);
      if (!match) throw new Error(`Unparseable field line in the seed: "${lines[i]}"`);
      fields.push({ name: match[1], type: match[2] as SeedType });
    }
    resources.push({ resource: heading[1].toLowerCase().replace(/ /g, '_'), declaredCount, fields });
  });
  return resources;
}

function loadSeed(): SeedResource[] {
  if (!existsSync(SEED_PATH)) {
    throw new Error(
      `Conformance input missing: the contract seed is expected at ${SEED_PATH} ` +
        '(../shared/seed/unified-ticketing-api.txt from the repository root). Restore it to run these tests.',
    );
  }
  return parseSeed(readFileSync(SEED_PATH, 'utf8'));
}

/** JSON types a property schema admits, following `anyOf` branches and local `$ref`s. */
function jsonTypes(schema: JsonSchema, root: JsonSchema): Set<string> {
  const types = new Set<string>();
  const type = schema.type;
  if (typeof type === 'string') types.add(type);
  if (Array.isArray(type)) type.forEach((t) => types.add(String(t)));
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    const defs = root.$defs as Record<string, JsonSchema>;
    jsonTypes(defs[name], root).forEach((t) => types.add(t));
  }
  if (Array.isArray(schema.anyOf) && type === undefined) {
    (schema.anyOf as JsonSchema[]).forEach((branch) => jsonTypes(branch, root).forEach((t) => types.add(t)));
  }
  return types;
}

describe('contract seed', () => {
  const seed = loadSeed();

  it('lists exactly the 17 unified resources, each with as many fields as it announces', () => {
    expect(seed.map((r) => r.resource).sort()).toEqual([...UNIFIED_RESOURCES].sort());
    expect(seed).toHaveLength(17);
    for (const r of seed)
      expect({ resource: r.resource, count: r.fields.length }).toEqual({
        resource: r.resource,
        count: r.declaredCount,
      });
  });

  describe.each(seed.map((r) => [r.resource, r] as const))('%s schema', (resource, r) => {
    const schema = getResourceSchema(resource as UnifiedResourceName);

    it("declares exactly the seed's fields, in the seed's order", () => {
      expect(Object.keys(schema.properties)).toEqual(r.fields.map((f) => f.name));
      expect(contractFieldsOf(resource)).toEqual(r.fields.map((f) => f.name));
    });

    it("gives every field the seed's JSON type (null allowed besides)", () => {
      for (const field of r.fields) {
        const types = jsonTypes(schema.properties[field.name], schema);
        types.delete('null');
        expect({ field: field.name, types: [...types] }).toEqual({ field: field.name, types: [field.type] });
      }
    });
  });
});

describe.each(UNIFIED_RESOURCES.map((resource) => [resource]))('%s', (resource) => {
  const schema = getResourceSchema(resource);
  const fields = Object.keys(schema.properties);

  it('has the agreed header: draft 2020-12, $id, closed object with only remote_data besides', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `https://unified-ticketing.dev/schemas/${resource}.schema.json`,
      type: 'object',
      required: ['id'],
      additionalProperties: false,
      patternProperties: { '^remote_data$': expect.any(Object) },
    });
    expect(schema.title).toEqual(expect.any(String));
    expect(schema.description).toEqual(expect.any(String));
  });

  it('has a non-empty string id, a non-null etag, date-time timestamps and nullable other fields', () => {
    expect(schema.properties.id).toMatchObject({ type: 'string', minLength: 1 });
    expect(schema.properties.etag).toMatchObject({ type: 'string' });
    for (const field of fields.filter((f) => f.endsWith('_at'))) {
      expect({ field, schema: schema.properties[field] }).toMatchObject({
        field,
        schema: { format: 'date-time' },
      });
    }
    for (const field of fields.filter((f) => f !== 'id' && f !== 'etag')) {
      expect({ field, nullable: jsonTypes(schema.properties[field], schema).has('null') }).toEqual({
        field,
        nullable: true,
      });
    }
  });

  it('describes every field', () => {
    for (const field of fields)
      expect({ field, description: typeof schema.properties[field].description }).toEqual({
        field,
        description: 'string',
      });
  });

  it('has an example record (typed by the TypeScript interface) with exactly the contract fields', () => {
    expect(Object.keys(EXAMPLE_RECORDS[resource]).sort()).toEqual([...fields].sort());
  });

  it('has create and update DTOs covering exactly the writable fields', () => {
    const writable = fields.filter((f) => !(READ_ONLY_FIELDS as readonly string[]).includes(f)).sort();
    for (const dto of [CREATE_DTOS[resource], UPDATE_DTOS[resource]]) {
      const validated = getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .map((m) => m.propertyName);
      expect({ dto: dto.name, fields: [...new Set(validated)].sort() }).toEqual({
        dto: dto.name,
        fields: writable,
      });
    }
  });
});

describe('shared definitions', () => {
  const all = UNIFIED_RESOURCES.map((resource) => getResourceSchema(resource));

  it('are identical wherever they are repeated', () => {
    const seen = new Map<string, unknown>();
    for (const schema of all) {
      for (const [name, def] of Object.entries((schema.$defs ?? {}) as Record<string, unknown>)) {
        if (seen.has(name)) expect({ name, def }).toEqual({ name, def: seen.get(name) });
        else seen.set(name, def);
      }
    }
    expect([...seen.keys()].length).toBeGreaterThan(0);
  });

  it('carry the same closed sets as the TypeScript constants', () => {
    const defs = Object.assign({}, ...all.map((s) => s.$defs ?? {})) as Record<string, { enum?: unknown }>;
    expect(defs.actor_type.enum).toEqual([...ACTOR_TYPES]);
    expect(defs.ticket_status_category.enum).toEqual([...TICKET_STATUS_CATEGORIES]);
    expect(defs.priority_category.enum).toEqual([...PRIORITY_CATEGORIES]);
    expect(defs.collection_type.enum).toEqual([...COLLECTION_TYPES]);
  });
});

describe('docs/unified-model.md', () => {
  const doc = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '';

  it.each(UNIFIED_RESOURCES.map((resource) => [resource]))(
    'documents every field of %s in its table',
    (resource) => {
      const section = doc.split(/^### /m).find((s) => s.startsWith(`\`${resource}\``));
      expect({ resource, found: section !== undefined }).toEqual({ resource, found: true });
      const rows = (section ?? '')
        .split('\n')
        .map((line) => /^\|\s*`([a-z_]+)`\s*\|/.exec(line)?.[1])
        .filter((name): name is string => name !== undefined);
      expect(rows).toEqual(contractFieldsOf(resource));
    },
  );

  it('lists every value of every closed set', () => {
    for (const value of [
      ...ACTOR_TYPES,
      ...TICKET_STATUS_CATEGORIES,
      ...PRIORITY_CATEGORIES,
      ...COLLECTION_TYPES,
    ]) {
      expect(doc).toContain(`\`${value}\``);
    }
  });
});
