/** The gateway as it runs in production, with one tenant and one GitHub connection to the bench emulator. */
import 'reflect-metadata';
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { createTenant, startGateway } from '../../test/support/gateway';

async function main(): Promise<void> {
  const emulatorUrl = process.env.BENCH_EMULATOR_URL as string;
  const gateway = await startGateway({ LOG_LEVEL: 'error', PROVIDER_TIMEOUT_MS: '15000' });
  const { key } = await createTenant(gateway, 'bench');
  const connection = await gateway.call('POST', '/connections', {
    key,
    body: {
      provider: 'github',
      settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulatorUrl },
      credentials: { token: GITHUB_SEED_TOKEN },
    },
  });
  console.log(`READY ${gateway.url} ${key},${connection.body.id}`);
  process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
}

void main();
