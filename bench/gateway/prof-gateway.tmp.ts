import 'reflect-metadata';
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { createTenant, startGateway } from '../../test/support/gateway';
async function main(): Promise<void> {
  const emulatorUrl = process.env.BENCH_EMULATOR_URL as string;
  const gateway = await startGateway({ LOG_LEVEL: 'error', PROVIDER_TIMEOUT_MS: '15000' });
  const { key } = await createTenant(gateway, 'bench');
  const connection = await gateway.call('POST', '/connections', { key, body: { provider: 'github', settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulatorUrl }, credentials: { token: GITHUB_SEED_TOKEN } } });
  const s = new Session(); s.connect();
  await new Promise<void>((r) => s.post('Profiler.enable', () => s.post('Profiler.setSamplingInterval', { interval: 200 }, () => r())));
  (globalThis as any).__startProf = () => s.post('Profiler.start');
  await new Promise<void>((r) => s.post('Profiler.start', () => r()));
  console.log(`READY ${gateway.url} ${key},${connection.body.id}`);
  process.on('SIGTERM', () => s.post('Profiler.stop', (_e, r: any) => { writeFileSync('/tmp/prof/gw.cpuprofile', JSON.stringify(r.profile)); process.exit(0); }));
}
void main();
