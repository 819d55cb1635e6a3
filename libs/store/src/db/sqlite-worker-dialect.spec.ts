import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Kysely, sql, type Generated } from 'kysely';
import { Worker } from 'node:worker_threads';
import { CompiledQuery } from 'kysely';
import { SqliteWorkerConnection, SqliteWorkerDialect } from './sqlite-worker-dialect';

interface Scratch {
  items: { id: Generated<number>; name: string; body: Buffer | null; parent: number | null };
}

describe('SqliteWorkerDialect', () => {
  let dir: string;
  let db: Kysely<Scratch>;

  const open = (file: string, pragmas: string[] = ['foreign_keys = ON', 'journal_mode = WAL']) =>
    new Kysely<Scratch>({ dialect: new SqliteWorkerDialect({ file, pragmas }) });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sqlite-worker-'));
    db = open(path.join(dir, 'db.sqlite'));
    await sql`create table items (id integer primary key, name text not null unique,
      body blob, parent integer references items(id))`.execute(db);
  });

  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes and reads rows, with BLOBs back as Buffers and counts of changed rows', async () => {
    const inserted = await db
      .insertInto('items')
      .values({ name: 'a', body: Buffer.from('sealed bytes'), parent: null })
      .executeTakeFirstOrThrow();
    expect(inserted.insertId).toBe(1n);
    await db.insertInto('items').values({ name: 'b', body: null, parent: 1 }).execute();
    const updated = await db
      .updateTable('items')
      .set({ name: sql`name || '!'` })
      .executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(2n);

    const rows = await db.selectFrom('items').selectAll().orderBy('id').execute();
    expect(rows.map((row) => row.name)).toEqual(['a!', 'b!']);
    expect(Buffer.isBuffer(rows[0].body)).toBe(true);
    expect(rows[0].body?.toString('utf8')).toBe('sealed bytes');
    expect(rows[1].body).toBeNull();
  });

  it('rolls a failed transaction back and keeps the connection usable', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('items')
          .values({ name: 'kept only if committed', body: null, parent: null })
          .execute();
        await trx
          .insertInto('items')
          .values({ name: 'kept only if committed', body: null, parent: null })
          .execute();
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(await db.selectFrom('items').selectAll().execute()).toEqual([]);

    await db
      .transaction()
      .execute((trx) => trx.insertInto('items').values({ name: 'c', body: null, parent: null }).execute());
    expect(await db.selectFrom('items').select('name').execute()).toEqual([{ name: 'c' }]);
  });

  it("answers SQLite's error code, which the store uses to tell a missing tenant from other failures", async () => {
    await expect(
      db.insertInto('items').values({ name: 'orphan', body: null, parent: 42 }).execute(),
    ).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_FOREIGNKEY',
      message: 'FOREIGN KEY constraint failed',
    });
  });

  it('serialises concurrent transactions on its single connection, as the main-thread driver does', async () => {
    await db.insertInto('items').values({ name: 'counter', body: null, parent: null }).execute();
    const bump = () =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('items')
          .select('id')
          .where('name', 'like', 'counter%')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('items')
          .set({ name: sql`name || '+'` })
          .where('id', '=', row.id)
          .execute();
      });
    await Promise.all(Array.from({ length: 20 }, bump));
    const row = await db.selectFrom('items').select('name').executeTakeFirstOrThrow();
    expect(row.name).toBe(`counter${'+'.repeat(20)}`);
  });

  it('fails at the first statement when the file cannot be opened, with the reason', async () => {
    const broken = open(path.join(dir, 'missing-dir', 'nested', 'db.sqlite'));
    await expect(sql`select 1`.execute(broken)).rejects.toThrow(/directory does not exist|unable to open/);
    await broken.destroy();
  });

  it('rejects statements after it is closed instead of hanging', async () => {
    await db.selectFrom('items').selectAll().execute();
    await db.destroy();
    await expect(db.selectFrom('items').selectAll().execute()).rejects.toThrow();
    db = open(path.join(dir, 'db.sqlite'));
  });

  it('fails the statement out and every later one when the worker dies, instead of hanging', async () => {
    // A worker that dies on its first statement, as on a fatal error in the thread.
    const dying = new Worker(
      'require("node:worker_threads").parentPort.once("message", () => process.exit(7))',
      {
        eval: true,
      },
    );
    const connection = new SqliteWorkerConnection(dying);
    await expect(connection.executeQuery(CompiledQuery.raw('select 1'))).rejects.toThrow(
      'store: the SQLite worker exited (code 7)',
    );
    await expect(connection.executeQuery(CompiledQuery.raw('select 1'))).rejects.toThrow(
      'store: the SQLite worker exited (code 7)',
    );
  });
});
