import { mappedFieldsJsonOf, rawJsonOf } from '@app/providers';

/** What a list answers besides its records. */
export interface ListEnvelope {
  next_cursor: string | null;
  result_count: number;
  is_partial?: true;
}

/**
 * The JSON of unified answers, with each record's `remote_data` written as the bytes the provider sent
 * where the engine recorded them (see raw-json.ts) and serialized as usual where it did not. The
 * result is the JSON that JSON.stringify would give up to whitespace and escapes inside `remote_data`,
 * where it is the provider's own.
 */
export function encodeList(records: ReadonlyArray<Record<string, unknown>>, envelope: ListEnvelope): Buffer {
  const parts: Array<string | Buffer> = ['{"result":['];
  records.forEach((record, index) => {
    if (index > 0) parts.push(',');
    pushRecord(parts, record);
  });
  parts.push(`],${JSON.stringify(envelope).slice(1)}`);
  return join(parts);
}

export function encodeRecord(record: Record<string, unknown>): Buffer {
  const parts: Array<string | Buffer> = [];
  pushRecord(parts, record);
  return join(parts);
}

/** A provider's answer as it came where its bytes are known (`response_format=raw`). */
export function encodeProviderAnswer(answer: unknown): Buffer {
  return rawJsonOf(answer) ?? Buffer.from(JSON.stringify(answer ?? null));
}

function pushRecord(parts: Array<string | Buffer>, record: Record<string, unknown>): void {
  const raw = 'remote_data' in record ? rawJsonOf(record.remote_data) : undefined;
  if (!raw) {
    parts.push(JSON.stringify(record));
    return;
  }
  const head = fieldsBeforeRemoteData(record);
  parts.push(`${head}${head === '{' ? '' : ','}"remote_data":`, raw, '}');
}

/** `{"id":…,…,"etag":…` without its closing brace; the mapper's own JSON of the fields where it kept it. */
function fieldsBeforeRemoteData(record: Record<string, unknown>): string {
  const fields = mappedFieldsJsonOf(record);
  if (fields !== undefined && typeof record.etag === 'string')
    return `${fields.slice(0, -1)},"etag":${JSON.stringify(record.etag)}`;
  const { remote_data: _written, ...unified } = record;
  return JSON.stringify(unified).slice(0, -1);
}

function join(parts: ReadonlyArray<string | Buffer>): Buffer {
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
  const out = Buffer.allocUnsafe(length);
  let offset = 0;
  for (const part of parts)
    offset += typeof part === 'string' ? out.write(part, offset) : part.copy(out, offset);
  return out;
}
