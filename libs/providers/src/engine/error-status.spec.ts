import type { FastifyInstance } from 'fastify';
import { ProviderEmulator } from '@app/sandbox';
import type { ProviderDefinition } from '../definition';
import { ProviderRegistry } from '../registry';
import type { ConnectionContext } from './connection-context';
import { ProviderAuthError, ProviderValidationError } from './errors';
import { ProviderClient } from './provider-client';

/** Answers 403 both for a refused body (a policy) and for refused credentials, told apart by the body. */
class PolicyEmulator extends ProviderEmulator {
  protected routes(app: FastifyInstance): void {
    app.post('/things', async (request, reply) => {
      const body = request.body as { name?: string };
      if (request.headers.authorization !== 'Bearer t')
        return reply.status(403).send({ error: { message: 'User Not Authorized' } });
      if (!body.name) return reply.status(403).send({ error: { message: 'Policy: name is mandatory' } });
      return reply.status(201).send({ id: 1 });
    });
  }
}

const definition = (errorStatus?: string): ProviderDefinition => ({
  name: 'policy',
  displayName: 'Policy',
  baseUrl: '"https://policy.invalid"',
  auth: { scheme: 'bearer', token: 'credentials.token' },
  credentials: { token: { description: 'token' } },
  connectionSettings: {},
  pagination: { strategy: 'none' },
  errorMessage: 'error.message',
  errorStatus,
  resources: {
    tickets: {
      record: '{ "id": $string(id) }',
      methods: { create: { method: 'POST', path: '"/things"', body: 'body' } },
    },
  },
});

describe('errorStatus: the status a misleading failure stands for', () => {
  const emulator = new PolicyEmulator();
  let url: string;
  const connection = (token = 't'): ConnectionContext => ({
    id: 'c1',
    tenantId: 't1',
    provider: 'policy',
    settings: { base_url: url },
    credentials: { token },
  });
  const failure = (client: ProviderClient, token: string, body: object) =>
    client.create(connection(token), 'tickets', body).then(
      () => undefined,
      (error: Error) => error,
    );

  beforeAll(async () => {
    url = await emulator.start();
  });
  afterAll(() => emulator.stop());

  it('turns a policy 403 into a refused body, and leaves refused credentials alone', async () => {
    const client = new ProviderClient({
      registry: new ProviderRegistry([
        definition('status = 403 and $contains(body.error.message, "Policy") ? 422'),
      ]),
    });
    const refused = await failure(client, 't', {});
    expect(refused).toBeInstanceOf(ProviderValidationError);
    expect((refused as ProviderValidationError).status).toBe(422);
    expect(await failure(client, 'wrong', { name: 'x' })).toBeInstanceOf(ProviderAuthError);
    expect(await failure(client, 't', { name: 'x' })).toBeUndefined();
  });

  it('keeps the status without the option', async () => {
    const client = new ProviderClient({ registry: new ProviderRegistry([definition()]) });
    expect(await failure(client, 't', {})).toBeInstanceOf(ProviderAuthError);
  });
});
