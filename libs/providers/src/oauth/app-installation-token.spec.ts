import { generateKeyPairSync } from 'node:crypto';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO } from '@app/sandbox/github';
import type { ConnectionContext } from '../engine/connection-context';
import { ProviderRegistry } from '../registry';
import { memoryTokenLeaseStore } from '../testing/memory-token-lease-store';
import { AppInstallationRefused, AppInstallationTokenMinter, appPrivateKey } from './app-installation-token';
import { NeedsReauthError, TokenRefresher } from './token-refresher';

const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });

describe('GitHub App installation tokens (definition-driven, against the emulator)', () => {
  const emulator = new GithubEmulator();
  const registry = new ProviderRegistry();
  const keys = keyPair();
  let installationId: number;
  let connection: ConnectionContext;

  beforeAll(async () => {
    await emulator.start();
    emulator.apps.register({ id: 424242, publicKeyPem: keys.publicKey });
    installationId = emulator.apps.install(424242, GITHUB_SEED_OWNER).id;
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    connection = {
      id: 'conn-app',
      tenantId: 't1',
      provider: 'github',
      settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url },
      credentials: { app_id: '424242', private_key: keys.privateKey },
      authMethod: 'app_installation',
    };
  });

  it('finds the installation from the repository, mints a token the API accepts, and signs a short JWT', async () => {
    const minted = await new AppInstallationTokenMinter().mint(registry.get('github'), connection);
    expect(minted.credentials.installation_id).toBe(String(installationId));
    expect(minted.credentials.access_token).toMatch(/^ghs_/);
    const ttl = Date.parse(minted.credentials.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    const repo = await fetch(`${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}`, {
      headers: { authorization: `Bearer ${minted.credentials.access_token}` },
    });
    expect(repo.status).toBe(200);
  });

  it('refuses, with GitHub’s words, a key the app does not have, an app not installed, and a non-key', async () => {
    const minter = new AppInstallationTokenMinter();
    const github = registry.get('github');
    const other = keyPair();
    await expect(
      minter.mint(github, {
        ...connection,
        credentials: { app_id: '424242', private_key: other.privateKey },
      }),
    ).rejects.toThrow(/refused the app \(401\): A JSON web token could not be decoded/);
    emulator.apps.register({ id: 777, publicKeyPem: other.publicKey });
    await expect(
      minter.mint(github, { ...connection, credentials: { app_id: '777', private_key: other.privateKey } }),
    ).rejects.toThrow(/refused the app \(404\)/);
    await expect(
      minter.mint(github, { ...connection, credentials: { app_id: '424242', private_key: 'not a key' } }),
    ).rejects.toBeInstanceOf(AppInstallationRefused);
    expect(() =>
      appPrivateKey(
        generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      ),
    ).toThrow(/RSA/);
  });

  it('mints once for 20 concurrent calls without a token, again after the token expires, and marks an uninstalled app needs_reauth', async () => {
    const { row, store } = memoryTokenLeaseStore(connection.credentials);
    const reauth: string[] = [];
    const refresher = new TokenRefresher(registry, store, {
      onNeedsReauth: async (c) => void reauth.push(c.id),
    });
    const before = emulator.apps.minted;
    const first = await Promise.all(Array.from({ length: 20 }, () => refresher.current(connection)));
    expect(emulator.apps.minted - before).toBe(1);
    expect(new Set(first.map((c) => c.credentials.access_token)).size).toBe(1);
    // An unexpired token is used as is.
    expect((await refresher.current(first[0])).credentials.access_token).toBe(row.credentials.access_token);

    emulator.apps.expireTokens();
    const renewed = await refresher.afterRejected(first[0]);
    expect(renewed?.credentials.access_token).not.toBe(first[0].credentials.access_token);
    expect(emulator.apps.minted - before).toBe(2);

    emulator.apps.uninstall(installationId);
    await expect(refresher.afterRejected(renewed!)).rejects.toBeInstanceOf(NeedsReauthError);
    expect(row.needsReauth).toBe(true);
    expect(reauth).toEqual(['conn-app']);
  });
});
