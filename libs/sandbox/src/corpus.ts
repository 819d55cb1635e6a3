import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shared corpus of real provider payloads lives beside the checkout (`../shared/corpus`), never
 * inside it. Tests read it as a conformance suite and fail loudly when it is missing. The corpus grows:
 * tests pick files by what they are (their content and documented headers), never by position or by
 * assuming a fixed set.
 */
export const CORPUS_DIR = process.env.CORPUS_DIR ?? path.resolve(__dirname, '../../../../shared/corpus');

export type CorpusKind = 'webhooks' | 'rest' | 'graphql' | 'recordings';

export interface CorpusFile {
  name: string;
  /** The exact bytes of the file (used as the raw webhook body). */
  raw: Buffer;
  json: unknown;
  /** The sibling `.source.txt`: where the file comes from and what its provider sends with it. */
  source: string;
}

export interface CorpusDelivery extends CorpusFile {
  /**
   * The delivery headers the source documents (`  Name: value` lines after "headers", lower-cased
   * names), e.g. `x-github-event: issues`. Placeholders such as `<GUID>` are kept as written.
   */
  headers: Record<string, string>;
  /**
   * True when the source says the payload was altered after capture (a logger's extra keys,
   * anonymisation, hand edits): such files test robustness, not the provider's exact shape.
   */
  altered: boolean;
}

function corpusDir(provider: string, kind: CorpusKind): string {
  const dir = path.join(CORPUS_DIR, provider, kind);
  if (!existsSync(dir)) {
    throw new Error(
      `The provider corpus is missing: ${dir} does not exist. Tests read real payloads from ../shared/corpus ` +
        '(beside the checkout) or from CORPUS_DIR.',
    );
  }
  return dir;
}

/**
 * Whether the corpus has this provider's files of this kind (many providers have none). Throws when the
 * corpus itself is absent, so a missing checkout of ../shared is never mistaken for "no files".
 */
export function corpusHas(provider: string, kind: CorpusKind): boolean {
  if (!existsSync(CORPUS_DIR)) corpusDir(provider, kind);
  return existsSync(path.join(CORPUS_DIR, provider, kind));
}

export function corpusFiles(provider: string, kind: CorpusKind): CorpusFile[] {
  const dir = corpusDir(provider, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const raw = readFileSync(path.join(dir, name));
      const sourceFile = path.join(dir, name.replace(/\.json$/, '.source.txt'));
      const source = existsSync(sourceFile) ? readFileSync(sourceFile, 'utf8') : '';
      return { name, raw, json: JSON.parse(raw.toString('utf8')) as unknown, source };
    });
}

/** One named file; throws with the file's path when the corpus no longer has it. */
export function corpusFile(provider: string, kind: CorpusKind, name: string): CorpusFile {
  const found = corpusFiles(provider, kind).find((f) => f.name === name);
  if (!found) throw new Error(`corpus file ${provider}/${kind}/${name} is missing`);
  return found;
}

/** Webhook deliveries with the headers their sources document. */
export function corpusDeliveries(provider: string): CorpusDelivery[] {
  return corpusFiles(provider, 'webhooks').map((file) => ({
    ...file,
    headers: documentedHeaders(file.source),
    altered: /contaminated|hand-edited|altered|robustness only/i.test(file.source),
  }));
}

/**
 * Sources list headers either one per indented line after a line naming "headers", or inline:
 * `Provider headers: X-GitHub-Event: issue_comment, X-GitHub-Delivery: <GUID>, …`.
 */
export function documentedHeaders(source: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const mention = source.search(/headers/i);
  if (mention < 0) return headers;
  // From the start of that line, so that an inline list on the very first mention is read too.
  const from = source.lastIndexOf('\n', mention) + 1;
  const segments: string[] = [];
  for (const line of source.slice(from).split('\n')) {
    const inline = /^Provider headers: (.+)$/.exec(line);
    if (inline) segments.push(...inline[1].split(/,\s+/));
    else if (/^\s/.test(line)) segments.push(line);
  }
  for (const segment of segments) {
    const match = /^\s*([A-Za-z][A-Za-z0-9-]*): (\S.*)$/.exec(segment);
    // A trailing remark such as "(or application/x-www-form-urlencoded …)" is commentary, not the value.
    if (match)
      headers[match[1].toLowerCase()] = match[2]
        .replace(/\s+\(.*\)$/, '')
        .replace(/\.$/, '')
        .trim();
  }
  return headers;
}
