import { contractFieldsOf, isUnifiedResourceName, type UnifiedResourceName } from '@app/unified-models';

type Json = Record<string, unknown>;
interface Operation {
  parameters?: Json[];
  responses?: Record<string, Json>;
}

const UNIFIED_PATH = /^\/unified\/ticketing\/([a-z_]+)(\/\{id\})?$/;
// What conditional-requests.ts reads: `*`, or entity tags separated by commas with optional spaces and
// tabs, empty elements allowed, at least one tag (RFC 9110 §8.8.3, §5.6.1).
const TAG = '(W/)?"[\\x21\\x23-\\x7E\\x80-\\xFF]*"';
const ELEMENT = `[ \\t]*(${TAG}[ \\t]*)?`;
export const ENTITY_TAGS = `^[ \\t]*(\\*|(${ELEMENT},)*[ \\t]*${TAG}[ \\t]*(,${ELEMENT})*)[ \\t]*$`;

const etagHeader = (description: string) => ({ description, schema: { type: 'string' } });
const ETAG_OF_RECORD = etagHeader(
  "The record's `etag` (a strong entity tag over its unified fields): send it as `If-Match` to write only " +
    'that version, or as `If-None-Match` to read only a newer one. Absent with `response_format=raw`.',
);

/**
 * Adds to the unified operations what single-record answers and field selection mean: `fields=` on list
 * and get (a pattern of the resource's own field names, as the server checks them), `ETag` on answers
 * with one record, `If-None-Match` → 304 on get, and `If-Match` → 412 on update and delete.
 */
export function addRecordOptions(paths: Record<string, Record<string, unknown>>): void {
  for (const [path, item] of Object.entries(paths)) {
    const match = UNIFIED_PATH.exec(path);
    if (!match || !isUnifiedResourceName(match[1])) continue;
    const resource = match[1];
    const one = match[2] !== undefined;
    for (const operation of Object.values(item) as Operation[]) {
      if (typeof operation !== 'object' || !operation || !operation.responses) continue;
      operation.parameters = (operation.parameters ?? []).map((p) =>
        p.name === 'include_remote_data' ? { ...p, description: INCLUDE_REMOTE_DATA } : p,
      );
    }
    const get = item.get as Operation | undefined;
    if (get) get.parameters = [...(get.parameters ?? []), fieldsParameter(resource)];
    if (!one) {
      withEtag(item.post as Operation | undefined, '201');
      continue;
    }
    if (get) {
      get.parameters = [...(get.parameters ?? []), ifNoneMatch];
      withEtag(get, '200');
      get.responses = { ...get.responses, '304': notModified };
    }
    for (const write of [item.patch, item.delete] as Array<Operation | undefined>) {
      if (!write) continue;
      write.parameters = [...(write.parameters ?? []), ifMatch];
      write.responses = { ...write.responses, '412': preconditionFailed };
    }
    withEtag(item.patch as Operation | undefined, '200');
  }
}

const INCLUDE_REMOTE_DATA =
  "`true` adds `remote_data`, the provider's object as it sent it; without it (or `false`, the default) " +
  'answers carry only the unified fields, unless `fields` names `remote_data`';

function fieldsParameter(resource: UnifiedResourceName): Json {
  const names = [...contractFieldsOf(resource), 'remote_data'];
  const name = `(${names.join('|')})`;
  return {
    name: 'fields',
    in: 'query',
    required: false,
    description:
      `Only these fields of each record (and \`id\`, always), comma-separated: ${names.join(', ')}. ` +
      'A name that is not one of them is a 400 naming the valid ones. `response_format=raw` answers the ' +
      "provider's body whole.",
    schema: { type: 'string', pattern: `^[ \\t]*${name}[ \\t]*(,[ \\t]*${name}[ \\t]*)*$` },
  };
}

const ifNoneMatch = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description:
    "`*` or etags the client holds: when one is the record's current etag (weak comparison) or `*`, the " +
    'answer is 304 without a body. Ignored with `response_format=raw`; malformed → 400.',
  schema: { type: 'string', pattern: ENTITY_TAGS },
};

const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    "Write only if the provider's current record has one of these etags (strong comparison; a `W/` tag " +
    'never matches), or with `*` only if it exists. The gateway reads the current record from the provider ' +
    'first and answers 412, writing nothing, when it does not match; a change at the provider between that ' +
    'read and the write is not seen. Needs the provider to read one record (else 400); malformed → 400.',
  schema: { type: 'string', pattern: ENTITY_TAGS },
};

const notModified = {
  description: 'If-None-Match named the current etag (or `*`): the record is unchanged, no body',
  headers: { ETag: etagHeader("The record's current etag") },
};

const preconditionFailed = {
  description:
    "If-Match did not match the provider's current record, or there is none: nothing was written. " +
    '`details.current_etag` names the current etag (null when the record does not exist).',
  headers: { ETag: etagHeader("The record's current etag, when it exists") },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
};

function withEtag(operation: Operation | undefined, status: string): void {
  const answer = operation?.responses?.[status];
  if (!operation || !answer) return;
  operation.responses = {
    ...operation.responses,
    [status]: { ...answer, headers: { ...((answer.headers as Json) ?? {}), ETag: ETAG_OF_RECORD } },
  };
}

/** The document with addRecordOptions applied to its paths. */
export function withRecordOptions<T extends { paths: object }>(document: T): T {
  addRecordOptions(document.paths as Record<string, Record<string, unknown>>);
  return document;
}
