import { sql } from 'kysely';
import { createStore, type Store } from './store';

// SQLite rolls a transaction back by itself on some errors (a full disk, an I/O error, RAISE(ROLLBACK)).
// The caller must then see that error, not Kysely's failed rollback ("cannot rollback - no transaction
// is active"), on the app's thread as on the worker.
describe.each(['main', 'worker'] as const)(
  'a transaction SQLite rolled back itself, SQLite on the %s thread',
  (thread) => {
    let store: Store;

    beforeEach(async () => {
      store = await createStore({ driver: 'sqlite', sqlitePath: ':memory:', sqliteThread: thread });
      await sql`create table scratch (name text not null)`.execute(store.db);
      await sql`create trigger refuse before insert on scratch when new.name = 'refused'
      begin select raise(rollback, 'refused by trigger'); end`.execute(store.db);
    });

    afterEach(() => store.close());

    it("rejects with the statement's own error and keeps nothing of the transaction", async () => {
      // Matched on the message, not with `rejects.toThrow`: better-sqlite3's SqliteError comes from the
      // addon's first load in this Jest worker, another realm, where Jest may see no Error at all.
      const error: unknown = await store.db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into scratch (name) values ('first')`.execute(trx);
          await sql`insert into scratch (name) values ('refused')`.execute(trx);
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((error as { message?: unknown } | undefined)?.message).toBe('refused by trigger');
      const { rows } = await sql<{ n: number }>`select count(*) as n from scratch`.execute(store.db);
      expect(rows[0].n).toBe(0);
    });

    it('still rolls back a transaction that is open', async () => {
      await expect(
        store.db.transaction().execute(async (trx) => {
          await sql`insert into scratch (name) values ('undone')`.execute(trx);
          throw new Error('the caller gave up');
        }),
      ).rejects.toThrow('the caller gave up');
      const { rows } = await sql<{ n: number }>`select count(*) as n from scratch`.execute(store.db);
      expect(rows[0].n).toBe(0);
    });
  },
);
