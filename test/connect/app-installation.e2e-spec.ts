import { generateKeyPairSync } from 'node:crypto';
import { STORE, type Store } from '@app/store';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO } from '@app/sandbox/github';
import { createTenant, startGateway, type RunningGateway } from '../support/gateway';

const APP_ID = 991_001;
const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });

/**
 * A GitHub App as a connection (the custom auth flow): app id + private key → the app's JWT → installation
 * tokens the gateway mints, renews and gives back — through the API and through the hosted connect page.
 */
describe('GitHub App connections (app installation tokens)', () => {
  let gateway: RunningGateway;
  let key: string;
  const emulator = new GithubEmulator();
  const keys = keyPair();
  let installationId: number;

  beforeAll(async () => {
    await emulator.start();
    emulator.apps.register({ id: APP_ID, publicKeyPem: keys.publicKey });
    installationId = emulator.apps.install(APP_ID, GITHUB_SEED_OWNER).id;
    gateway = await startGateway();
    ({ key } = await createTenant(gateway, 'app-tenant'));
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator.stop();
  });

  const settings = () => ({ owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url });
  const create = (credentials: Record<string, string>) =>
    gateway.call('POST', '/connections', {
      key,
      body: { provider: 'github', auth_method: 'app_installation', settings: settings(), credentials },
    });
  const tickets = (id: string) =>
    gateway.call('GET', `/unified/ticketing/tickets?connection_id=${id}&limit=2`, { key });

  it('refuses, before storing anything, a key of another app, an app not installed and missing fields', async () => {
    const before = (await gateway.call('GET', '/connections', { key })).body.result.length;
    const wrongKey = await create({ app_id: String(APP_ID), private_key: keyPair().privateKey });
    expect(wrongKey.status).toBe(422);
    expect(wrongKey.body.message).toContain('A JSON web token could not be decoded');
    const other = keyPair();
    emulator.apps.register({ id: 991_002, publicKeyPem: other.publicKey });
    const notInstalled = await create({ app_id: '991002', private_key: other.privateKey });
    expect(notInstalled.status).toBe(422);
    expect(notInstalled.body.message).toContain('(404)');
    const missing = await create({ app_id: String(APP_ID) });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('credentials.private_key is required');
    const notAKey = await create({ app_id: String(APP_ID), private_key: 'hello' });
    expect(notAKey.status).toBe(400);
    expect((await gateway.call('GET', '/connections', { key })).body.result.length).toBe(before);
  });

  it('mints on create, renews once after every token expired, proves a rotated key, revokes on delete', async () => {
    const minted = emulator.apps.minted;
    const created = await create({ app_id: String(APP_ID), private_key: keys.privateKey });
    expect(created.status).toBe(201);
    expect(created.body.auth_method).toBe('app_installation');
    expect(JSON.stringify(created.body)).not.toContain('PRIVATE KEY');
    const id = created.body.id as string;
    const stored = await gateway.app.get<Store>(STORE).connections.findById(id);
    expect(stored?.credentials?.installation_id).toBe(String(installationId));
    expect(emulator.apps.minted).toBe(minted + 1);

    expect((await tickets(id)).status).toBe(200);
    expect(emulator.apps.minted).toBe(minted + 1);

    // An hour later (every token expired): GitHub answers 401, the gateway mints once and carries on.
    emulator.apps.expireTokens();
    const answers = await Promise.all(Array.from({ length: 10 }, () => tickets(id)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(emulator.apps.minted).toBe(minted + 2);

    // Rotating the private key through the API proves the new key with a new token.
    const rotated = keyPair();
    emulator.apps.rotateKey(APP_ID, rotated.publicKey);
    const patched = await gateway.call('PATCH', `/connections/${id}`, {
      key,
      body: { credentials: { private_key: rotated.privateKey } },
    });
    expect(patched.status).toBe(200);
    expect(emulator.apps.minted).toBe(minted + 3);
    expect((await tickets(id)).status).toBe(200);

    const current = (await gateway.app.get<Store>(STORE).connections.findById(id))!.credentials!.access_token;
    expect(emulator.apps.liveTokens()).toContain(current);
    expect((await gateway.call('DELETE', `/connections/${id}`, { key })).status).toBe(204);
    expect(emulator.apps.liveTokens()).not.toContain(current);
  });

  it('the connect page: a GitHub App form with a multi-line key; an uninstalled app answers 401 with a reauth_url that restores it', async () => {
    const appKeys = keyPair();
    emulator.apps.register({ id: 991_003, publicKeyPem: appKeys.publicKey });
    const first = emulator.apps.install(991_003, GITHUB_SEED_OWNER);
    const session = await gateway.call('POST', '/connect/sessions', {
      key,
      body: {
        providers: ['github'],
        external_id: 'app-user',
        settings: { github: { base_url: emulator.url } },
      },
    });
    const path = new URL(session.body.url as string).pathname;
    const page = await (await fetch(`${gateway.url}${path}`)).text();
    expect(page).toContain('Or connect a GitHub App');
    expect(page).toMatch(/<textarea id="a\d+" name="credentials.private_key"/);
    const submit = (to: string, form: Record<string, string>) =>
      fetch(`${gateway.url}${to}/github/app`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    const form = {
      'settings.owner': GITHUB_SEED_OWNER,
      'settings.repo': GITHUB_SEED_REPO,
      'credentials.app_id': '991003',
      'credentials.private_key': appKeys.privateKey,
    };
    const wrong = await submit(path, { ...form, 'credentials.private_key': keyPair().privateKey });
    expect(wrong.status).toBe(422);
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain('A JSON web token could not be decoded');
    expect(wrongPage).not.toContain('PRIVATE KEY-----\n'); // the key is never echoed back
    const done = await submit(path, form);
    expect(done.status).toBe(201);
    const [connection] = (await gateway.call('GET', '/connections?external_id=app-user', { key })).body
      .result as { id: string; auth_method: string }[];
    expect(connection.auth_method).toBe('app_installation');
    expect((await tickets(connection.id)).status).toBe(200);

    // The owner removes the app: the token dies and no new one can be minted.
    emulator.apps.uninstall(first.id);
    const refused = await tickets(connection.id);
    expect(refused.status).toBe(401);
    expect(refused.body.details).toMatchObject({ reason: 'needs_reauth', connection_id: connection.id });
    const reauth = new URL(refused.body.details.reauth_url as string).pathname;
    expect((await gateway.call('GET', `/connections/${connection.id}`, { key })).body.auth_status).toBe(
      'needs_reauth',
    );

    // Installed again (a new installation): the end user re-submits the app on the reauth link.
    emulator.apps.install(991_003, GITHUB_SEED_OWNER);
    const again = await submit(reauth, {
      'credentials.app_id': '991003',
      'credentials.private_key': appKeys.privateKey,
    });
    expect(again.status).toBe(201);
    expect((await tickets(connection.id)).status).toBe(200);
    expect((await gateway.call('GET', `/connections/${connection.id}`, { key })).body.auth_status).toBe('ok');
  });
});
