import { GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { startServer } from '../../test/support/child-app';
import { runLoad } from '../support/load';
async function main() {
  const emulator = await startServer('bench/gateway/emulator-server.ts', {});
  const gateway = await startServer('bench/gateway/prof-gateway.tmp.ts', {
    BENCH_EMULATOR_URL: emulator.url,
    NODE_OPTIONS: '--max-semi-space-size=64',
  });
  const [key, connection] = gateway.extra.split(',');
  await runLoad({ label: 'w', url: `${gateway.url}/unified/ticketing/tickets/1?connection_id=${connection}`, durationSeconds: 3, connections: 4, request: () => ({ method: 'GET', headers: { authorization: `Bearer ${key}` } }) });

  const url = `${gateway.url}/unified/ticketing/tickets/1?connection_id=${connection}`;
  const r = await runLoad({ label: 'list', url, durationSeconds: Number(process.env.S ?? 10), connections: 16, request: () => ({ method: 'GET', headers: { authorization: `Bearer ${key}` } }) });
  console.log(r);
  const body = await (await fetch(url, { headers: { authorization: `Bearer ${key}` } })).text();
  const direct = await (await fetch(`${emulator.url}/repos/${GITHUB_SEED_OWNER}/${GITHUB_SEED_REPO}/issues?per_page=100&state=all&direction=asc`, { headers: { authorization: `Bearer ${GITHUB_SEED_TOKEN}` } })).text();
  console.log('gateway bytes', body.length, 'direct bytes', direct.length);
  await gateway.stop(); await emulator.stop();
}
void main();
