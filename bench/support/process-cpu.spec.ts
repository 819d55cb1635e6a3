import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { localBrokerLogSince } from './process-cpu';

describe('localBrokerLogSince', () => {
  let dir: string;
  const saved = process.env.KAFKA_DATA_DIR;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'broker-log-'));
    process.env.KAFKA_DATA_DIR = dir;
  });

  afterEach(() => {
    if (saved === undefined) delete process.env.KAFKA_DATA_DIR;
    else process.env.KAFKA_DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string, modifiedMs: number) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    utimesSync(file, modifiedMs / 1000, modifiedMs / 1000);
  };

  it('joins the files log4j rolled over during the round, oldest first, and leaves older ones out', async () => {
    const now = Date.now();
    write('server.log.1', 'long before\n', now - 3_600_000);
    write('server.log.3', 'first half of the round\n', now - 10_000);
    write('server.log.2', 'just before the round\n', now - 20_000);
    write('server.log', 'second half\n', now);
    const log = await localBrokerLogSince(now - 25_000);
    expect(log?.split('\n').filter(Boolean)).toEqual([
      'just before the round',
      'first half of the round',
      'second half',
    ]);
  });

  it('is undefined without a local broker log', async () => {
    write('server.log.1', 'rolled only\n', Date.now());
    expect(await localBrokerLogSince(0)).toBeUndefined();
  });
});
