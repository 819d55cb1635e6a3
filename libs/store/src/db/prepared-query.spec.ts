import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { prepareQuery } from './prepared-query';

interface Tables {
  items: { owner: string; name: string; added: string };
}

describe('prepareQuery', () => {
  let db: Kysely<Tables>;

  beforeEach(async () => {
    db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    await sql`create table items (owner text, name text, added text)`.execute(db);
    await db
      .insertInto('items')
      .values([
        { owner: 'ada', name: 'one', added: '2026-01-01' },
        { owner: 'ada', name: 'two', added: '2026-03-01' },
        { owner: 'bob', name: 'one', added: '2026-03-01' },
      ])
      .execute();
  });
  afterEach(() => db.destroy());

  const itemsOf = () =>
    prepareQuery(
      db,
      (owner: string, since: string) =>
        db
          .selectFrom('items')
          .select('name')
          .where('owner', '=', owner)
          .where('added', '>=', since)
          .orderBy('name'),
      ['\u0000owner', '\u0000since'] as [string, string],
    );

  it('runs the query built once with each call’s values, as the built query would', async () => {
    const query = itemsOf();
    expect(await query('ada', '2026-01-01')).toEqual([{ name: 'one' }, { name: 'two' }]);
    expect(await query('ada', '2026-02-01')).toEqual([{ name: 'two' }]);
    expect(await query('bob', '2026-01-01')).toEqual([{ name: 'one' }]);
    expect(await query('eve', '2026-01-01')).toEqual([]);
  });

  it('refuses a query whose compiled parameters are not the placeholders in order', () => {
    // Used in the opposite order from the one given: running it would swap the values.
    expect(() =>
      prepareQuery(
        db,
        (owner: string, since: string) =>
          db.selectFrom('items').select('name').where('added', '>=', since).where('owner', '=', owner),
        ['\u0000owner', '\u0000since'] as [string, string],
      ),
    ).toThrow(/not the placeholders/);
    // A placeholder left out (or inlined) is refused as well.
    expect(() =>
      prepareQuery(
        db,
        (owner: string) =>
          db.selectFrom('items').select('name').where('owner', '=', owner).where('name', '=', 'one'),
        ['\u0000owner'] as [string],
      ),
    ).toThrow(/not the placeholders/);
  });
});
