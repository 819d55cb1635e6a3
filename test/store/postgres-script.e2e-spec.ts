import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, '../../scripts/postgres.sh');
// As root the script hands the server to the `postgres` user, which cannot enter a mode-700 directory of
// root: the case `npm test` failed on (initdb: could not access directory … Permission denied). As any
// other user the server is that user and a closed parent does not stop it.
const SERVER_IS_ANOTHER_USER = process.getuid?.() === 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * scripts/postgres.sh run from a checkout under a mode-700 directory, on a port and cluster of its own
 * (the shared server on 5433 is left alone): the script finds its checkout from its own location, so a
 * copy of it in a checkout-like tree behaves as a clone there would.
 */
describe('scripts/postgres.sh from a checkout under a mode-700 directory', () => {
  const closed = mkdtempSync('/tmp/closed-home-');
  const checkout = path.join(closed, 'src', 'ticketing');
  const script = path.join(checkout, 'scripts', 'postgres.sh');
  let env: NodeJS.ProcessEnv;
  let cluster: string | undefined;

  const script$ = (command: string, extra: NodeJS.ProcessEnv = {}) =>
    run('bash', [script, command], { env: { ...env, ...extra }, timeout: 120_000 });

  beforeAll(async () => {
    chmodSync(closed, 0o700);
    mkdirSync(path.dirname(script), { recursive: true });
    copyFileSync(SCRIPT, script);
    const { PG_DATA_DIR: _ignored, ...rest } = process.env;
    env = { ...rest, PG_PORT: String(await freePort()) };
  });

  afterAll(async () => {
    await script$('stop').catch(() => undefined);
    // The cluster this test made outside the temporary tree (in the postgres user's home).
    if (cluster && !cluster.startsWith(closed))
      rmSync(path.dirname(cluster), { recursive: true, force: true });
    rmSync(closed, { recursive: true, force: true });
  });

  it('starts a server that answers, with its data where the server user can reach it', async () => {
    const { stdout, stderr } = await script$('start');
    const url = stdout.trim().split('\n').pop() ?? '';
    expect(url).toBe(`postgres://ticketing:ticketing@127.0.0.1:${env.PG_PORT}/ticketing`);

    const status = await script$('status');
    cluster = /data in (\S+)/.exec(status.stdout)?.[1];
    expect(cluster).toBeDefined();
    expect(existsSync(path.join(cluster ?? '', 'PG_VERSION'))).toBe(true);
    if (SERVER_IS_ANOTHER_USER) {
      expect(cluster?.startsWith(closed)).toBe(false);
      expect(stderr).toContain(`the postgres user cannot enter ${checkout}/.data`);
    } else {
      expect(cluster).toBe(path.join(checkout, '.data/postgres/cluster'));
    }

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE TABLE IF NOT EXISTS first_hour (n int)');
      await client.query('INSERT INTO first_hour VALUES (1)');
      const { rows } = await client.query<{ n: number }>('SELECT n FROM first_hour');
      expect(rows).toEqual([{ n: 1 }]);
      // The tests' forced drops must be able to end an autovacuum worker (it carries no role).
      const signal = await client.query<{ member: boolean }>(
        "SELECT pg_has_role(current_user, 'pg_signal_backend', 'MEMBER') AS member",
      );
      expect(signal.rows).toEqual([{ member: true }]);
    } finally {
      await client.end();
    }

    // A second start reuses the same cluster (the location is worked out the same way each time).
    const again = await script$('start');
    expect(again.stderr).toContain('already running');
  });

  it('refuses a PG_DATA_DIR the server user cannot reach, saying how to fix it', async () => {
    const elsewhere = { PG_DATA_DIR: path.join(closed, 'pg'), PG_PORT: String(await freePort()) };
    const attempt = script$('start', elsewhere);
    if (SERVER_IS_ANOTHER_USER) {
      await expect(attempt).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(`the postgres user cannot enter ${closed}`),
      });
      await expect(attempt).rejects.toMatchObject({ stderr: expect.stringContaining('Set PG_DATA_DIR to') });
    } else {
      // The runner's own closed directory is no obstacle to a server running as the runner.
      await expect(attempt).resolves.toMatchObject({ stdout: expect.stringContaining('postgres://') });
      await script$('stop', elsewhere);
    }
  });
});
