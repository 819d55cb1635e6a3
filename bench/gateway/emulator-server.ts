/** The GitHub emulator in its own process for bench/gateway, with 120 issues (rate limit out of the way). */
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';

async function main(): Promise<void> {
  const emulator = new GithubEmulator({ rateLimit: 1_000_000_000 });
  const url = await emulator.start();
  for (let i = 0; i < 85; i++) {
    const response = await fetch(`${url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${GITHUB_SEED_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Bench issue ${i}`, body: 'Benchmark data', labels: ['bug'] }),
    });
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status}`);
  }
  console.log(`READY ${url}`);
  process.on('SIGTERM', () => void emulator.stop().then(() => process.exit(0)));
}

void main();
