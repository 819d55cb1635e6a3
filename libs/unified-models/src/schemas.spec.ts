import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EXAMPLE_RECORDS } from './examples';
import { UNIFIED_RESOURCES } from './resources';
import type { UnifiedResourceName } from './resources';
import { contractFieldsOf, createRecordValidator, getResourceSchema } from './schemas';

const ticket = EXAMPLE_RECORDS.tickets;
const validTicket = createRecordValidator('tickets');

/** Invalidity of a ticket changed by `patch`, with the paths Ajv blames. */
function ticketErrors(patch: Record<string, unknown>): string[] {
  const result = validTicket({ ...ticket, ...patch });
  expect(result.valid).toBe(false);
  return result.errors.map((e) => `${e.path} ${e.keyword}`);
}

describe('resource schemas', () => {
  it.each(UNIFIED_RESOURCES.map((r) => [r]))(
    '%s compiles on its own with Ajv 2020 (strict) + ajv-formats',
    (resource) => {
      const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
      addFormats(ajv);
      expect(() => ajv.compile(getResourceSchema(resource))).not.toThrow();
    },
  );

  it.each(UNIFIED_RESOURCES.map((r) => [r]))(
    '%s accepts its example, a bare id, and nulls everywhere',
    (resource) => {
      const validate = createRecordValidator(resource);
      expect(validate(EXAMPLE_RECORDS[resource])).toEqual({ valid: true, errors: [] });
      expect(validate({ id: 'x' }).valid).toBe(true);
      const nulls = Object.fromEntries(contractFieldsOf(resource).map((f) => [f, null]));
      expect(validate({ ...nulls, id: 'x', etag: 'e' }).valid).toBe(true);
      expect(validate({ ...EXAMPLE_RECORDS[resource], remote_data: { anything: [1, 'two'] } }).valid).toBe(
        true,
      );
    },
  );

  it.each(UNIFIED_RESOURCES.map((r) => [r]))(
    '%s rejects a value of the wrong JSON type in every field',
    (resource) => {
      const validate = createRecordValidator(resource);
      const properties = getResourceSchema(resource).properties;
      for (const field of contractFieldsOf(resource)) {
        const acceptsStrings = JSON.stringify(properties[field].type ?? null).includes('string');
        const wrong = acceptsStrings ? 42 : 'not the right type';
        const result = validate({ ...EXAMPLE_RECORDS[resource], [field]: wrong });
        expect({ field, valid: result.valid }).toEqual({ field, valid: false });
      }
    },
  );

  it('rejects a record without id, with an empty or numeric id, or with an unknown property', () => {
    const validate = createRecordValidator('tickets');
    const { id: _id, ...noId } = ticket;
    expect(validate(noId).errors).toContainEqual(expect.objectContaining({ path: '', keyword: 'required' }));
    expect(validate({ ...ticket, id: '' }).valid).toBe(false);
    expect(validate({ ...ticket, id: 42 }).valid).toBe(false);
    const unknown = validate({ ...ticket, subject: 'typo of name' });
    expect(unknown.errors).toEqual([
      expect.objectContaining({
        path: '',
        keyword: 'additionalProperties',
        message: expect.stringContaining('subject'),
      }),
    ]);
    expect(validate('not an object').valid).toBe(false);
  });

  it('rejects unknown categories and actor types, and references without id or with extra keys', () => {
    expect(ticketErrors({ status: { id: '1', name: 'Open', category: 'closed' } })).toContain(
      '/status/category enum',
    );
    expect(ticketErrors({ status: { id: '1', name: 'Open' } })).toContain('/status required');
    expect(ticketErrors({ priority: { id: '1', category: 'p0' } })).toContain('/priority/category enum');
    expect(ticketErrors({ created_by: { id: '1', type: 'agent' } })).toContain('/created_by/type enum');
    expect(ticketErrors({ collections: [{ id: '1', type: 'label' }] })).toContain('/collections/0/type enum');
    expect(ticketErrors({ workspace: { name: 'no id' } })).toContain('/workspace required');
    expect(ticketErrors({ assignees: [{ id: '1', username: 'ada' }] })).toContain(
      '/assignees/0 additionalProperties',
    );
    expect(ticketErrors({ tags: ['regression'] })).toContain('/tags/0 type');
    expect(createRecordValidator('collections')({ id: '1', type: 'label' }).valid).toBe(false);
    expect(createRecordValidator('attachments')({ id: '1', uploaded_by_type: 'agent' }).valid).toBe(false);
    expect(createRecordValidator('attachments')({ id: '1', size: -1 }).valid).toBe(false);
  });

  it('checks timestamps: RFC 3339 date-times with offset; due dates may be plain dates', () => {
    expect(ticketErrors({ created_at: '2026-02-30T10:00:00Z' })).toContain('/created_at format');
    expect(ticketErrors({ updated_at: '2026-02-03T10:00:00' })).toContain('/updated_at format');
    expect(ticketErrors({ completed_at: '3 Feb 2026' })).toContain('/completed_at format');
    expect(ticketErrors({ due_date: '2026-13-01' })).toContain('/due_date format');
    expect(ticketErrors({ due_date: 'tomorrow' })).toContain('/due_date format');
    for (const due_date of ['2026-02-05', '2026-02-05T17:00:00+02:00', null]) {
      expect(validTicket({ ...ticket, due_date }).valid).toBe(true);
    }
  });

  it('accepts added fields at any depth only when asked to', () => {
    const extended = { ...ticket, sla_breached: true, assignees: [{ id: '1', email: 'a@b.c' }] };
    expect(createRecordValidator('tickets')(extended).valid).toBe(false);
    const open = createRecordValidator('tickets', { allowAdditionalProperties: true });
    expect(open(extended)).toEqual({ valid: true, errors: [] });
    expect(open({ ...extended, status: { id: '1', category: 'closed' } }).valid).toBe(false);
  });

  it('reports the precise error of a nullable field, without the null alternative', () => {
    expect(validTicket({ ...ticket, status: { id: '1', category: 'closed' } }).errors).toEqual([
      expect.objectContaining({ path: '/status/category', keyword: 'enum' }),
    ]);
    expect(ticketErrors({ workspace: 'PAY' })).toEqual(['/workspace type']);
  });

  it('reports every error, not just the first', () => {
    const errors = ticketErrors({ name: 1, is_unread: 'yes', languages: 'en' });
    expect(errors).toEqual(expect.arrayContaining(['/name type', '/is_unread type', '/languages type']));
  });

  it('serves frozen schemas and refuses unknown resources', () => {
    const schema = getResourceSchema('tickets');
    expect(Object.isFrozen(schema) && Object.isFrozen(schema.properties)).toBe(true);
    expect(() => getResourceSchema('issues' as UnifiedResourceName)).toThrow(/Unknown unified resource/);
    expect(() => createRecordValidator('issues' as UnifiedResourceName)).toThrow(/Unknown unified resource/);
    expect(() => contractFieldsOf('issues')).toThrow(/Unknown unified resource/);
    expect(contractFieldsOf('tickets')).not.toContain('remote_data');
  });
});
