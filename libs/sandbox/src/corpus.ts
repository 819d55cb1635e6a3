import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shared corpus of real provider payloads lives beside the checkout (`../shared/corpus`), never
 * inside it. Tests read it as a conformance suite and fail loudly when it is missing.
 */
export const CORPUS_DIR = process.env.CORPUS_DIR ?? path.resolve(__dirname, '../../../../shared/corpus');

export interface CorpusFile {
  name: string;
  /** The exact bytes of the file (used as the raw webhook body). */
  raw: Buffer;
  json: unknown;
}

export function corpusFiles(provider: string, kind: 'webhooks' | 'rest' | 'graphql'): CorpusFile[] {
  const dir = path.join(CORPUS_DIR, provider, kind);
  if (!existsSync(dir)) {
    throw new Error(
      `The provider corpus is missing: ${dir} does not exist. Tests read real payloads from ../shared/corpus ` +
        '(beside the checkout) or from CORPUS_DIR.',
    );
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const raw = readFileSync(path.join(dir, name));
      return { name, raw, json: JSON.parse(raw.toString('utf8')) as unknown };
    });
}
