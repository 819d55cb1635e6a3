import { mappedFieldsJsonOf, rawJsonOf } from '@app/providers';
import { FULL_VIEW, selectedFields, type RecordView } from './field-selection';

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
 * where it is the provider's own. Each record is written as the view asks (fields=, remote_data).
 */
export function encodeList(
  records: ReadonlyArray<Record<string, unknown>>,
  envelope: ListEnvelope,
  view: RecordView = FULL_VIEW,
): Buffer {
  const parts: Array<string | Buffer> = ['{"result":['];
  records.forEach((record, index) => {
    if (index > 0) parts.push(',');
    pushRecord(parts, record, view);
  });
  parts.push(`],${JSON.stringify(envelope).slice(1)}`);
  return join(parts);
}

export function encodeRecord(record: Record<string, unknown>, view: RecordView = FULL_VIEW): Buffer {
  const parts: Array<string | Buffer> = [];
  pushRecord(parts, record, view);
  return join(parts);
}

/** A provider's answer as it came where its bytes are known (`response_format=raw`). */
export function encodeProviderAnswer(answer: unknown): Buffer {
  return rawJsonOf(answer) ?? Buffer.from(JSON.stringify(answer ?? null));
}

function pushRecord(parts: Array<string | Buffer>, record: Record<string, unknown>, view: RecordView): void {
  const head = unifiedFieldsJson(record, view);
  const remoteData = view.remoteData ? record.remote_data : undefined;
  if (remoteData === undefined) {
    parts.push(`${head}}`);
    return;
  }
  const comma = head === '{' ? '' : ',';
  parts.push(`${head}${comma}"remote_data":`, rawJsonOf(remoteData) ?? JSON.stringify(remoteData), '}');
}

/**
 * `{"id":…,…` without its closing brace: the view's fields, or all of them — then the mapper's own JSON
 * of the fields and the etag where it kept it, so nothing is serialized twice.
 */
function unifiedFieldsJson(record: Record<string, unknown>, view: RecordView): string {
  if (view.fields) return JSON.stringify(selectedFields(record, view.fields)).slice(0, -1);
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
