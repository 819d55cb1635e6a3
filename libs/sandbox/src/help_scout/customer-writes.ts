/** Help Scout's customer writes: create (201 + Resource-ID) and one JSON Patch operation per PATCH. */
import type { FastifyInstance } from 'fastify';
import type { EmulatorKit } from '../kit/described';
import { announceEvent } from './webhooks';
import { API, created, HelpScoutInvalid, stamp, type Patch } from './writes';

const CUSTOMER_PATHS: Record<string, string> = {
  '/firstName': 'firstName',
  '/lastName': 'lastName',
  '/background': 'background',
  '/jobTitle': 'jobTitle',
};

export function customerWrites(app: FastifyInstance, kit: EmulatorKit): void {
  app.patch('/v2/customers/:id', async (request, reply) => {
    const ctx = kit.context(request);
    const customer = ctx.find('customers', (r) => String(r.id) === ctx.params.id);
    if (!customer) return kit.notFound(reply, 'customers');
    const { op, path, value } = (request.body ?? {}) as Patch;
    const field = CUSTOMER_PATHS[String(path)];
    if (op !== 'replace' || !field)
      throw new HelpScoutInvalid('path', `Unsupported operation ${String(op)} on ${String(path)}`);
    customer[field] = value === null ? '' : String(value);
    customer.updatedAt = stamp(ctx);
    announceEvent(kit, 'customers', 'customer.updated', customer, ctx);
    return reply.status(204).send();
  });

  app.post('/v2/customers', async (request, reply) => {
    const ctx = kit.context(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body.firstName !== 'string' || body.firstName === '')
      throw new HelpScoutInvalid('firstName', 'may not be empty', body.firstName);
    const id = ctx.nextId('customers');
    const list = (key: string) =>
      ((body[key] ?? []) as { type?: string; value?: string }[]).map((e, n) => ({
        id: id * 10 + n,
        value: e.value,
        type: e.type ?? 'work',
      }));
    const customer = {
      id,
      firstName: body.firstName,
      lastName: body.lastName ?? '',
      gender: 'Unknown',
      jobTitle: body.jobTitle ?? '',
      location: '',
      organization: '',
      photoType: 'default',
      photoUrl: '',
      createdAt: stamp(ctx),
      updatedAt: stamp(ctx),
      background: body.background ?? '',
      age: '',
      _embedded: {
        emails: list('emails'),
        phones: list('phones'),
        chats: [],
        social_profiles: [],
        websites: [],
      },
      _links: { self: { href: `${API}/customers/${id}` } },
    };
    ctx.records('customers').push(customer);
    announceEvent(kit, 'customers', 'customer.created', customer, ctx);
    return created(reply, 'customers', id);
  });
}
