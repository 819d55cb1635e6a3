/**
 * Requesters, departments and agent groups as Freshservice validates writes: unknown attributes
 * refused, a requester needs a first name and a unique primary e-mail; names unique per collection.
 * DELETE of a requester deactivates it (`active: false`); a deactivated requester is still listed.
 */
import type { FastifyInstance } from 'fastify';
import { allowOnly, conflict, EMAIL, invalid, requireString, stamp } from '../freshdesk/errors';
import type { EmulatorContext, EmulatorKit, ProviderObject } from '../kit/described';

const REQUESTER_FIELDS = [
  'first_name',
  'last_name',
  'job_title',
  'primary_email',
  'secondary_emails',
  'work_phone_number',
  'mobile_phone_number',
  'department_ids',
  'background_information',
  'custom_fields',
  'time_zone',
  'language',
];

export function requesterWrite(create: boolean) {
  return (input: ProviderObject, ctx: EmulatorContext, before?: ProviderObject): ProviderObject => {
    allowOnly(input, REQUESTER_FIELDS);
    if (create || input.first_name !== undefined) requireString(input, 'first_name');
    const email = input.primary_email;
    if (create && (typeof email !== 'string' || !EMAIL.test(email)))
      invalid('primary_email', 'It should be a valid email address', 'missing_field');
    if (
      email !== undefined &&
      ctx.find('requesters', (r) => r.primary_email === email && r.id !== before?.id)
    )
      conflict('primary_email');
    const departments = input.department_ids;
    if (departments !== undefined) {
      if (!Array.isArray(departments))
        invalid('department_ids', 'It should be a/an Array', 'datatype_mismatch');
      for (const id of departments)
        if (!ctx.find('departments', (d) => d.id === id))
          invalid('department_ids', `There is no department matching the given id ${String(id)}`);
    }
    const now = stamp(ctx.now());
    if (!create) return { ...before, ...input, updated_at: now };
    return {
      ...ctx.records('requesters')[0],
      last_name: null,
      secondary_emails: [],
      work_phone_number: null,
      mobile_phone_number: null,
      department_ids: [],
      background_information: null,
      custom_fields: { employee_id: null },
      ...input,
      id: ctx.nextId('requesters'),
      active: true,
      has_logged_in: false,
      created_at: now,
      updated_at: now,
    };
  };
}

/** Departments and groups: a unique name, and the collection's own writable attributes. */
export function namedWrite(collection: string, fields: string[], create: boolean) {
  return (input: ProviderObject, ctx: EmulatorContext, before?: ProviderObject): ProviderObject => {
    allowOnly(input, ['name', ...fields]);
    if (create || input.name !== undefined) requireString(input, 'name');
    if (input.name !== undefined && ctx.find(collection, (r) => r.name === input.name && r.id !== before?.id))
      conflict('name');
    const now = stamp(ctx.now());
    if (before) return { ...before, ...input, updated_at: now };
    return {
      ...ctx.records(collection)[0],
      description: null,
      ...(collection === 'departments' ? { domains: [] } : { members: [], observers: [], leaders: [] }),
      ...input,
      id: ctx.nextId(collection),
      created_at: now,
      updated_at: now,
    };
  };
}

/** DELETE /requesters/:id deactivates; the requester stays readable and listed. */
export function requesterRoutes(app: FastifyInstance, kit: EmulatorKit): void {
  app.delete('/api/v2/requesters/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const requesters = ctx.records('requesters');
    const index = requesters.findIndex((r) => String(r.id) === ctx.params.id && r.active !== false);
    if (index < 0) return kit.notFound(reply, 'requesters');
    requesters[index] = { ...requesters[index], active: false, updated_at: stamp(ctx.now()) };
    return reply.status(204).send();
  });
}
