import Module, { createRequire } from 'node:module';

/**
 * kafkajs computes every record batch's CRC-32C in JavaScript, a byte at a time: ~14 µs for a 6 KB
 * webhook record on this machine. `@node-rs/crc32` computes the same checksum natively (SSE 4.2) in
 * ~1 µs; measured, ~25 µs less CPU per request at the ingest's maximum rate (bench:ingest). kafkajs
 * offers no option for it and has had no release since 2023, so its CRC module is replaced in Node's
 * module cache before kafkajs first loads it (its record batch modules are loaded lazily, on the first
 * produce request).
 *
 * Only under Node's own module loader: Jest's registry ignores `require.cache`, so code under Jest
 * keeps kafkajs's JavaScript CRC, which gives the same numbers. A wrong checksum could not go
 * unnoticed either way: the broker refuses the batch (CORRUPT_MESSAGE) and the producer fails.
 */
const KAFKAJS_CRC32C = 'kafkajs/src/protocol/recordBatch/crc32C/index.js';
const KAFKAJS_RECORD_BATCH = 'kafkajs/src/protocol/recordBatch/v0/index.js';

export type Crc32c = (data: Buffer) => number;

let installed: Crc32c | undefined;

/**
 * Puts the native CRC-32C in place of kafkajs's; returns it, or undefined where it cannot be used
 * (no prebuilt binary for this platform, or kafkajs already encoded a batch with its own). Idempotent.
 */
export function useNativeCrc32c(): Crc32c | undefined {
  if (installed) return installed;
  const load = createRequire(__filename);
  let native: Crc32c;
  try {
    const { crc32c } = load('@node-rs/crc32') as { crc32c(data: Uint8Array, initial?: number): number };
    native = (data) => crc32c(data);
  } catch {
    return undefined; // no binary for this platform: kafkajs's own CRC stays
  }
  const crcPath = load.resolve(KAFKAJS_CRC32C);
  // The record batch module captured whichever CRC it found when it loaded; too late to swap then.
  if (load.cache[load.resolve(KAFKAJS_RECORD_BATCH)]) return undefined;
  const entry = new Module(crcPath);
  entry.filename = crcPath;
  entry.loaded = true;
  entry.exports = native;
  load.cache[crcPath] = entry;
  installed = native;
  return native;
}
