import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { ADMIN_KEY, createTenant, startGateway, type RunningGateway } from '../support/gateway';
import { captureOutput } from '../support/capture-output';

describe('gateway: API keys, tenant isolation and secrecy', () => {
  const emulator = new GithubEmulator();
  let gateway: RunningGateway;
  let tenantA: { id: string; key: string };
  let tenantB: { id: string; key: string };
  let connectionA: string;
  const credentials = { token: GITHUB_SEED_TOKEN };
  const newConnection = () => ({
    provider: 'github',
    name: 'acme repo',
    settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url },
    credentials,
  });

  beforeAll(async () => {
    await emulator.start();
    gateway = await startGateway({ LOG_LEVEL: 'debug' });
    tenantA = await createTenant(gateway, 'tenant A');
    tenantB = await createTenant(gateway, 'tenant B');
    const created = await gateway.call('POST', '/connections', { key: tenantA.key, body: newConnection() });
    expect(created.status).toBe(201);
    connectionA = created.body.id;
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator.stop();
  });

  it('requires an API key, and only the admin key manages tenants', async () => {
    expect((await gateway.call('GET', '/connections')).status).toBe(401);
    expect((await gateway.call('GET', '/connections', { key: 'utk_forged_key' })).status).toBe(401);
    // A tenant key is a known identity without the right: 403; no key or a wrong one: 401.
    expect(
      (await gateway.call('POST', '/admin/tenants', { key: tenantA.key, body: { name: 'x' } })).status,
    ).toBe(403);
    expect((await gateway.call('GET', '/admin/tenants', { key: 'not-a-key' })).status).toBe(401);
    const issued = await gateway.call('POST', `/admin/tenants/${tenantA.id}/api-keys`, {
      key: ADMIN_KEY,
      body: { name: 'ci' },
    });
    expect(issued.status).toBe(201);
    expect((await gateway.call('GET', '/connections', { key: issued.body.secret })).status).toBe(200);
    const unauthenticated = await gateway.call('GET', '/connections');
    expect(unauthenticated.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.any(String),
    });
  });

  it('lists a tenant’s keys without secrets and revokes one, leaving the others working', async () => {
    const issued = await gateway.call('POST', `/admin/tenants/${tenantA.id}/api-keys`, {
      key: ADMIN_KEY,
      body: { name: 'to revoke' },
    });
    const listed = await gateway.call('GET', `/admin/tenants/${tenantA.id}/api-keys`, { key: ADMIN_KEY });
    expect(listed.status).toBe(200);
    expect(listed.body.result.map((k: { id: string }) => k.id)).toContain(issued.body.id);
    expect(listed.text).not.toContain(issued.body.secret);
    expect(listed.text).not.toContain('secret');
    // Only the admin key revokes, and only a key of the tenant named.
    const path = `/admin/tenants/${tenantA.id}/api-keys/${issued.body.id}`;
    expect((await gateway.call('DELETE', path, { key: tenantA.key })).status).toBe(403);
    const foreign = `/admin/tenants/${tenantB.id}/api-keys/${issued.body.id}`;
    expect((await gateway.call('DELETE', foreign, { key: ADMIN_KEY })).status).toBe(404);
    expect((await gateway.call('GET', '/connections', { key: issued.body.secret })).status).toBe(200);

    expect((await gateway.call('DELETE', path, { key: ADMIN_KEY })).status).toBe(204);
    expect((await gateway.call('GET', '/connections', { key: issued.body.secret })).status).toBe(401);
    expect((await gateway.call('GET', '/connections', { key: tenantA.key })).status).toBe(200);
    const again = await gateway.call('DELETE', path, { key: ADMIN_KEY });
    expect(again).toMatchObject({ status: 404, body: { statusCode: 404, message: expect.any(String) } });
    const after = await gateway.call('GET', `/admin/tenants/${tenantA.id}/api-keys`, { key: ADMIN_KEY });
    expect(after.body.result.map((k: { id: string }) => k.id)).not.toContain(issued.body.id);
    expect(
      (await gateway.call('GET', '/admin/tenants/ten_missing/api-keys', { key: ADMIN_KEY })).status,
    ).toBe(404);
  });

  it("never lets tenant B read, use, change or even detect tenant A's connection", async () => {
    const asB = { key: tenantB.key };
    const attempts = [
      gateway.call('GET', `/connections/${connectionA}`, asB),
      gateway.call('PATCH', `/connections/${connectionA}`, { ...asB, body: { name: 'stolen' } }),
      gateway.call('DELETE', `/connections/${connectionA}`, asB),
      gateway.call('GET', `/connections/${connectionA}/capabilities`, asB),
      gateway.call('GET', `/unified/ticketing/tickets?connection_id=${connectionA}`, asB),
      gateway.call('GET', `/unified/ticketing/tickets/1?connection_id=${connectionA}`, asB),
      gateway.call('GET', `/proxy/${connectionA}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues`, asB),
      gateway.call('PUT', '/mappings/overrides/tickets.record', {
        ...asB,
        body: { expression: '{"id": "x"}', connection_id: connectionA },
      }),
    ];
    const missing = await gateway.call('GET', '/connections/conn_does_not_exist', asB);
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status).toBe(404);
      // Indistinguishable from a connection that does not exist at all.
      expect(answer.body.message.replace(connectionA, 'ID')).toBe(
        missing.body.message.replace('conn_does_not_exist', 'ID'),
      );
    }
    expect((await gateway.call('GET', '/connections', asB)).body.result).toEqual([]);
    const stillThere = await gateway.call('GET', `/connections/${connectionA}`, { key: tenantA.key });
    expect(stillThere.body.name).toBe('acme repo');
  });

  it('never returns or logs credentials and shows the issued webhook secret once', async () => {
    const output = captureOutput();
    let created;
    try {
      created = await gateway.call('POST', '/connections', { key: tenantA.key, body: newConnection() });
      const secret = created.body.webhook.secret as string;
      expect(secret).toMatch(/^whsec_/);
      expect(created.body.webhook.url).toMatch(new RegExp(`/webhooks/${created.body.id}$`));
      const answers = [
        created,
        await gateway.call('GET', `/connections/${created.body.id}`, { key: tenantA.key }),
        await gateway.call('GET', '/connections', { key: tenantA.key }),
        await gateway.call('PATCH', `/connections/${created.body.id}`, {
          key: tenantA.key,
          body: { credentials: { token: 'wrong-token' } },
        }),
        await gateway.call('GET', `/unified/ticketing/tickets?connection_id=${created.body.id}`, {
          key: tenantA.key,
        }),
        await gateway.call('GET', '/integrations'),
      ];
      expect(answers[4].status).toBe(401); // the provider refused the (now wrong) token
      expect(answers[4].body.message).toContain(created.body.id);
      for (const answer of answers) {
        expect(answer.text).not.toContain(GITHUB_SEED_TOKEN);
        expect(answer.text).not.toContain('wrong-token');
      }
      for (const answer of answers.slice(1)) expect(answer.text).not.toContain(secret);
      expect(output.text()).not.toContain(GITHUB_SEED_TOKEN);
      expect(output.text()).not.toContain('wrong-token');
      expect(output.text()).not.toContain(secret);
      expect(output.text()).not.toContain(ADMIN_KEY);
    } finally {
      output.restore();
    }
  });

  it('validates connections against the provider definition', async () => {
    const bad = await gateway.call('POST', '/connections', {
      key: tenantA.key,
      body: {
        provider: 'github',
        settings: { owner: 'bad owner!', base_url: 'http://169.254.169.254' },
        credentials: { password: 'x' },
      },
    });
    expect(bad.status).toBe(400);
    const problems = (bad.body.details as string[]).join('\n');
    expect(problems).toMatch(/settings\.owner is not valid/);
    expect(problems).toMatch(/settings\.repo is required/);
    expect(problems).toMatch(/169\.254\.169\.254.*ALLOWLIST/);
    expect(problems).toMatch(/credentials\.token is required/);
    expect(problems).toMatch(/credentials\.password is not a credential/);
    const unknown = await gateway.call('POST', '/connections', {
      key: tenantA.key,
      body: { provider: 'nope', settings: {}, credentials: {} },
    });
    expect(unknown.status).toBe(400);
  });
});
