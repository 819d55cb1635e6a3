import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, YAMLSeq, type CollectionTag } from 'yaml';

export interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

const REPO_ROOT = path.resolve(__dirname, '../..');

/** A sequence tagged `!override`: Compose replaces the base file's sequence with it instead of merging. */
class Overriding extends Array<unknown> {}

class OverridingSeq extends YAMLSeq {
  override toJSON(key?: unknown, ctx?: Parameters<YAMLSeq['toJSON']>[1]): unknown[] {
    return Overriding.from(super.toJSON(key, ctx));
  }
}

const OVERRIDE_TAG: CollectionTag = {
  tag: '!override',
  collection: 'seq',
  nodeClass: OverridingSeq,
  resolve: (seq) => Object.assign(new OverridingSeq(), seq),
};

/** Reads compose files from the repository root and merges them the way `docker compose -f a -f b` does. */
export function readCompose(...files: string[]): ComposeFile {
  const [first, ...rest] = files.map((file) =>
    parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'), { customTags: [OVERRIDE_TAG], merge: true }),
  );
  return rest.reduce((merged, next) => mergeCompose(merged, next), first) as ComposeFile;
}

/** Compose's merge: maps key by key, sequences joined without repeats, `!override` and scalars replace. */
function mergeCompose(base: unknown, override: unknown): unknown {
  if (override instanceof Overriding) return [...override];
  if (Array.isArray(base) && Array.isArray(override))
    return [
      ...base,
      ...override.filter((item) => !base.some((b) => JSON.stringify(b) === JSON.stringify(item))),
    ];
  if (isMap(base) && isMap(override)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) merged[key] = mergeCompose(base[key], value);
    return merged;
  }
  return override;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
