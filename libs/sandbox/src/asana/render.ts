/**
 * How Asana serves a record: compact (gid, resource_type, name and a few more per type) unless the
 * request names fields in `opt_fields`; dotted names (`assignee.name`) reach into embedded records,
 * which stay compact besides. The emulator's `*_scope` bookkeeping is never served.
 */
import type { EmulatorContext, PageInfo, ProviderObject } from '../kit/described';

const ALWAYS = ['gid', 'resource_type'];
/** What Asana's compact representation of each type carries. */
const COMPACT: Record<string, string[]> = {
  task: ['name', 'resource_subtype', 'created_by'],
  story: ['created_at', 'created_by', 'resource_subtype', 'text'],
  user: ['name'],
  custom_field: ['name', 'resource_subtype', 'type', 'enum_options', 'enabled', 'display_value'],
};

/** `a.b,a.c,d` → `{ a: ['b', 'c'], d: [] }`. */
function fieldTree(optFields: string): Map<string, string[]> {
  const tree = new Map<string, string[]>();
  for (const field of optFields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)) {
    const [head, ...rest] = field.split('.');
    const children = tree.get(head) ?? [];
    if (rest.length) children.push(rest.join('.'));
    tree.set(head, children);
  }
  return tree;
}

function project(value: unknown, optFields: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, optFields));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as ProviderObject;
  if (optFields === undefined) {
    const keys = [...ALWAYS, ...(COMPACT[String(record.resource_type)] ?? ['name'])];
    return Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]]));
  }
  const out: ProviderObject = {};
  for (const key of ALWAYS) if (key in record) out[key] = record[key];
  for (const [key, children] of fieldTree(optFields)) {
    if (!(key in record) || key.endsWith('_scope')) continue;
    out[key] = children.length ? project(record[key], children.join(',')) : record[key];
  }
  return out;
}

/** A record as the request's `opt_fields` ask for it. */
export const renderFor = (record: ProviderObject, ctx: EmulatorContext) =>
  project(record, ctx.query.opt_fields);

/** Every answer is wrapped: `{"data": …}`. */
export const wrapped = (data: unknown) => ({ data });

/** A page: `next_page` gives the `offset` token of the next one (and its path and URI), null on the last. */
export function pageBody(items: unknown[], page: PageInfo) {
  if (!page.nextCursor || !page.nextUrl) return { data: items, next_page: null };
  const next = new URL(page.nextUrl);
  return {
    data: items,
    next_page: {
      offset: page.nextCursor,
      path: `${next.pathname.replace(/^\/api\/1\.0/, '')}${next.search}`,
      uri: next.toString(),
    },
  };
}
