/** How often, and how far apart, a refused drop is tried again (20 × 250 ms by default). */
export interface DropDatabaseOptions {
  attempts?: number;
  delayMs?: number;
}

const RETRYABLE = new Set([
  '42501', // insufficient_privilege: a backend we may not terminate (autovacuum) is in the database
  '55006', // object_in_use: a session connected between the termination and the drop
]);

/**
 * `DROP DATABASE … WITH (FORCE)` that survives a passing autovacuum worker. PostgreSQL (15, 16)
 * refuses the whole statement when any backend in the database belongs to a role the caller may not
 * signal, and an autovacuum worker carries no role: a non-superuser test role without
 * `pg_signal_backend` gets "must be a member of the role whose process is being terminated" (42501)
 * whenever autovacuum happens to be visiting the database. Vacuuming a test's small database takes
 * milliseconds, so the drop is tried again; CI failed a whole run's teardown on this once.
 */
export async function dropDatabaseForce(
  client: { query(statement: string): Promise<unknown> },
  name: string,
  { attempts = 20, delayMs = 250 }: DropDatabaseOptions = {},
): Promise<void> {
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`refusing to drop a database named ${JSON.stringify(name)}`);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || code === undefined || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
