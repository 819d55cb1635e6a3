import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { BusyRetryingSqliteDialect, isPlainBusy } from './busy-retrying-sqlite';

interface Scratch {
  items: { id: number; name: string };
}

/** Another process's connection to the same file, as the ingest's is to the normalizer's. */
function otherConnection(file: string): BetterSqlite3.Database {
  const other = new BetterSqlite3(file);
  other.pragma('journal_mode = WAL');
  other.pragma('busy_timeout = 0');
  return other;
}

describe('BusyRetryingSqliteDialect', () => {
  let dir: string;
  let file: string;
  let db: Kysely<Scratch>;
  let other: BetterSqlite3.Database;

  const open = (lockWaitMs?: number) => {
    const database = new BetterSqlite3(file);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 0');
    return new Kysely<Scratch>({ dialect: new BusyRetryingSqliteDialect({ database }, lockWaitMs) });
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'busy-retrying-'));
    file = path.join(dir, 'db.sqlite');
    db = open(200);
    await sql`create table items (id integer primary key, name text not null)`.execute(db);
    other = otherConnection(file);
  });

  afterEach(async () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("waits for another connection's write lock with the event loop free, then writes", async () => {
    other.exec('begin immediate');
    other.prepare('insert into items (id, name) values (1, ?)').run('theirs');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const started = Date.now();
    const insert = db.insertInto('items').values({ id: 2, name: 'ours' }).execute();
    setTimeout(() => other.exec('commit'), 60);
    await insert;
    clearInterval(ticker);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    // SQLite's own busy handler would have held the thread: no timer could have fired meanwhile.
    expect(ticks).toBeGreaterThanOrEqual(10);
    const rows = await db.selectFrom('items').select(['id', 'name']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 1, name: 'theirs' },
      { id: 2, name: 'ours' },
    ]);
  });

  it('waits for the lock at the first write of a transaction, which then commits whole', async () => {
    other.exec('begin immediate');
    setTimeout(() => other.exec('commit'), 40);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 1, name: 'a' }).execute();
      await trx.insertInto('items').values({ id: 2, name: 'b' }).execute();
    });
    expect(other.prepare('select count(*) as n from items').get()).toEqual({ n: 2 });
  });

  it('fails with SQLITE_BUSY once the lock was held longer than it waits, and writes nothing', async () => {
    other.exec('begin immediate');
    const started = Date.now();
    const error = await db
      .insertInto('items')
      .values({ id: 1, name: 'late' })
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isPlainBusy(error)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    other.exec('rollback');
    expect(await db.selectFrom('items').selectAll().execute()).toEqual([]);
  });

  it('fails at once when a transaction read a snapshot that another commit made stale', async () => {
    const error = await db
      .transaction()
      .execute(async (trx) => {
        await trx.selectFrom('items').selectAll().execute(); // the snapshot
        other.prepare("insert into items (id, name) values (1, 'theirs')").run();
        const started = Date.now();
        try {
          await trx.insertInto('items').values({ id: 2, name: 'ours' }).execute();
        } finally {
          expect(Date.now() - started).toBeLessThan(100); // not the 200 ms a plain busy would wait
        }
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as { code?: string }).code).toBe('SQLITE_BUSY_SNAPSHOT');
    expect(isPlainBusy(error)).toBe(false);
    expect(other.prepare('select name from items').all()).toEqual([{ name: 'theirs' }]);
  });

  it('passes any other error through on the first try', async () => {
    const started = Date.now();
    const error = await sql`insert into nowhere values (1)`.execute(db).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((error as Error | undefined)?.message)).toMatch(/no such table/);
    expect(Date.now() - started).toBeLessThan(100);
  });
});
