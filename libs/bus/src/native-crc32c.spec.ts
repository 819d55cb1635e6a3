import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const MODULE = path.join(__dirname, 'native-crc32c.ts');
/** kafkajs's own byte-at-a-time implementation, the reference. */
const KAFKAJS_JS_CRC = 'kafkajs/src/protocol/recordBatch/crc32C/crc32C.js';

/**
 * Runs `script` in a plain Node process (with ts-node): Jest's module registry ignores
 * `require.cache`, so what kafkajs loads is only seen under Node's own loader. The script prints JSON.
 */
function inNode(script: string): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

describe('useNativeCrc32c', () => {
  it('gives the checksums of kafkajs’s own CRC-32C, including those at or above 2^31', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const reference = require(KAFKAJS_JS_CRC) as (data: Buffer) => number;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { useNativeCrc32c } = require(MODULE) as typeof import('./native-crc32c');
    const native = useNativeCrc32c();
    expect(native).toBeDefined();
    const samples = [
      Buffer.alloc(0),
      Buffer.from('123456789'),
      ...[1, 7, 64, 6200, 70_000].map((n) => randomBytes(n)),
    ];
    const results = samples.map((sample) => [native!(sample), reference(sample)]);
    results.forEach(([got, want]) => expect(got).toBe(want));
    expect(native!(Buffer.from('123456789'))).toBe(0xe3069283); // the CRC-32C check value
    expect(results.some(([got]) => got >= 2 ** 31)).toBe(true);
  });

  it('is what kafkajs signs record batches with once installed before its first produce', () => {
    const result = inNode(`
      const { useNativeCrc32c } = require(${JSON.stringify(MODULE)});
      const native = useNativeCrc32c();
      const reference = require(${JSON.stringify(KAFKAJS_JS_CRC)});
      const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js');
      const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js');
      const used = require('kafkajs/src/protocol/recordBatch/crc32C/index.js') === native;
      const record = Record({ key: 'k', value: 'x'.repeat(6000), headers: {} });
      RecordBatch({ firstTimestamp: 1, maxTimestamp: 1, records: [record] }).then((encoded) => {
        const bytes = encoded.buffer;
        // firstOffset (8), length (4), partitionLeaderEpoch (4), magic (1), then the CRC of the rest
        const crc = bytes.readUInt32BE(17);
        console.log(JSON.stringify({ installed: !!native, used, crc, expected: reference(bytes.subarray(21)) }));
      });
    `);
    expect(result).toMatchObject({ installed: true, used: true });
    expect(result.crc).toBe(result.expected);
  });

  it('leaves kafkajs alone once it has encoded with its own CRC (too late to swap)', () => {
    const result = inNode(`
      require('kafkajs/src/protocol/recordBatch/v0/index.js');
      const { useNativeCrc32c } = require(${JSON.stringify(MODULE)});
      const native = useNativeCrc32c();
      const current = require('kafkajs/src/protocol/recordBatch/crc32C/index.js');
      console.log(JSON.stringify({ installed: native !== undefined, swapped: current === native }));
    `);
    expect(result).toEqual({ installed: false, swapped: false });
  });
});
