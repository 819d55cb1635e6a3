import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteCheckpointer, type CheckpointStats } from './sqlite-checkpointer';

async function statsAfter(
  checkpointer: SqliteCheckpointer,
  done: (stats: CheckpointStats) => boolean,
): Promise<CheckpointStats> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const stats = await checkpointer.stats();
    if (done(stats) || Date.now() > deadline) return stats;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SqliteCheckpointer', () => {
  let dir: string;
  let file: string;
  let writer: BetterSqlite3.Database;
  const checkpointers: SqliteCheckpointer[] = [];

  const start = (intervalMs: number) => {
    const checkpointer = new SqliteCheckpointer(file, intervalMs);
    checkpointers.push(checkpointer);
    return checkpointer;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'checkpointer-'));
    file = path.join(dir, 'db.sqlite');
    writer = new BetterSqlite3(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0'); // only the checkpointer copies the WAL back
    writer.exec('create table items (id integer primary key, body blob not null)');
  });

  afterEach(async () => {
    await Promise.all(checkpointers.splice(0).map((c) => c.stop()));
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies the WAL's frames into the database file on its own thread", async () => {
    const insert = writer.prepare('insert into items (body) values (?)');
    writer.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(Buffer.alloc(4096, i));
    })();
    const before = statSync(file).size;
    const checkpointer = start(20);
    const stats = await statsAfter(checkpointer, (s) => (s.last?.copied ?? 0) > 0);
    expect(stats.lastError).toBeUndefined();
    expect(stats.last?.walFrames).toBeGreaterThan(500);
    expect(stats.last?.copied).toBe(stats.last?.walFrames);
    expect(statSync(file).size).toBeGreaterThan(before + 500 * 4096);
    // What was copied reads back whole through a new connection.
    const reader = new BetterSqlite3(file, { readonly: true });
    expect(reader.prepare('select count(*) as n from items').get()).toEqual({ n: 500 });
    reader.close();
  });

  it('keeps checkpointing as writes go on, without holding up the writer', async () => {
    const checkpointer = start(10);
    const insert = writer.prepare('insert into items (body) values (?)');
    for (let round = 0; round < 5; round++) {
      writer.transaction(() => {
        for (let i = 0; i < 100; i++) insert.run(Buffer.alloc(4096, i));
      })();
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const stats = await statsAfter(
      checkpointer,
      (s) => s.runs >= 5 && s.last !== undefined && s.last.copied === s.last.walFrames,
    );
    expect(stats.runs).toBeGreaterThanOrEqual(5);
    expect(stats.last?.copied).toBe(stats.last?.walFrames);
  });

  it('reports a file it cannot open and tries again, without failing the process', async () => {
    file = path.join(dir, 'not-yet.sqlite');
    const checkpointer = start(10);
    const failing = await statsAfter(checkpointer, (s) => s.lastError !== undefined);
    expect(failing.lastError).toMatch(/unable to open|does not exist/i);
    expect(failing.runs).toBe(0);
    const late = new BetterSqlite3(file);
    late.pragma('journal_mode = WAL');
    late.exec('create table t (x)');
    const recovered = await statsAfter(checkpointer, (s) => s.runs > 0);
    expect(recovered.lastError).toBeUndefined();
    late.close();
  });

  it('stops: the thread ends and stop can be asked twice', async () => {
    const checkpointer = start(10);
    await statsAfter(checkpointer, (s) => s.runs > 0);
    const first = checkpointer.stop();
    expect(checkpointer.stop()).toBe(first);
    await first;
  });
});
