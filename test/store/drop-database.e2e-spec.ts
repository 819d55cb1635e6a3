import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabaseForce } from '../support/drop-database';
import { acquirePostgres } from '../support/postgres-harness';

/**
 * The forced drop the e2e teardown and the PostgreSQL fixtures use. CI once lost a whole passing
 * PostgreSQL pass because one drop met an autovacuum worker the test role could not terminate
 * (42501); the helper waits such a backend out instead of failing.
 */
describe('dropDatabaseForce', () => {
  let admin: Client;
  let serverUrl: string;

  beforeAll(async () => {
    serverUrl = (await acquirePostgres()).url;
    admin = new Client({ connectionString: serverUrl });
    await admin.connect();
  });
  afterAll(() => admin.end());

  async function createDatabase(): Promise<string> {
    const name = `drop_${randomBytes(5).toString('hex')}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    return name;
  }
  async function exists(name: string): Promise<boolean> {
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length === 1;
  }
  function databaseUrl(name: string): string {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** Answers the first `failures` DROP statements with the error PostgreSQL gives for an autovacuum worker. */
  function refusingDrops(failures: number, code = '42501') {
    const calls: string[] = [];
    return {
      calls,
      query: async (sql: string) => {
        calls.push(sql);
        if (calls.length <= failures) {
          throw Object.assign(
            new Error(
              'must be a member of the role whose process is being terminated or member of pg_signal_backend',
            ),
            { code },
          );
        }
        return admin.query(sql);
      },
    };
  }

  it('drops a database a session is still connected to', async () => {
    const name = await createDatabase();
    const session = new Client({ connectionString: databaseUrl(name) });
    session.on('error', () => undefined); // its backend is terminated by the drop
    await session.connect();
    await dropDatabaseForce(admin, name);
    expect(await exists(name)).toBe(false);
    await session.end().catch(() => undefined);
  });

  it('tries again while a backend it may not terminate is in the database, then drops it', async () => {
    const name = await createDatabase();
    const client = refusingDrops(2);
    await dropDatabaseForce(client, name, { delayMs: 10 });
    expect(client.calls).toHaveLength(3);
    expect(await exists(name)).toBe(false);
  });

  it('gives up after its attempts with the last refusal, leaving the database', async () => {
    const name = await createDatabase();
    const client = refusingDrops(99);
    await expect(dropDatabaseForce(client, name, { attempts: 3, delayMs: 10 })).rejects.toMatchObject({
      code: '42501',
    });
    expect(client.calls).toHaveLength(3);
    expect(await exists(name)).toBe(true);
    await dropDatabaseForce(admin, name);
  });

  it('does not retry other errors', async () => {
    const client = refusingDrops(1, '42601');
    await expect(dropDatabaseForce(client, 'never_created', { delayMs: 10 })).rejects.toMatchObject({
      code: '42601',
    });
    expect(client.calls).toHaveLength(1);
  });

  it('refuses a name that is not a plain identifier', async () => {
    await expect(dropDatabaseForce(admin, 'x"; DROP DATABASE ticketing; --')).rejects.toThrow(
      /refusing to drop/,
    );
  });
});
