import { ApiError } from '@app/http';
import { contractFieldsOf, type UnifiedResourceName } from '@app/unified-models';

/** What of each record an answer carries. */
export interface RecordView {
  /** Only these unified fields (always with `id`); undefined: every field the record has. */
  fields?: ReadonlySet<string>;
  /** The provider's object as `remote_data`: only when asked for. */
  remoteData: boolean;
}

/** Every field and `remote_data`: what the engine maps. */
export const FULL_VIEW: RecordView = { remoteData: true };

/**
 * The view a caller asked for with `fields=` (unified field names; `remote_data` may be one of them)
 * and `include_remote_data`. `remote_data` comes only when asked by either (`include_remote_data=false`
 * is the default, so it does not take away what `fields` names); a name that is not one of the
 * resource's fields is a 400 naming the valid ones.
 */
export function recordViewOf(
  resource: UnifiedResourceName,
  asked: { fields?: readonly string[]; remoteData?: boolean },
): RecordView {
  const remoteData = asked.remoteData === true || (asked.fields?.includes('remote_data') ?? false);
  if (!asked.fields) return { remoteData };
  const valid = [...contractFieldsOf(resource), 'remote_data'];
  const unknown = asked.fields.filter((field) => !valid.includes(field));
  if (unknown.length > 0) {
    throw new ApiError(
      400,
      `fields: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} of ${resource}`,
      { unknown, valid },
    );
  }
  const fields = new Set(asked.fields.filter((field) => field !== 'remote_data'));
  fields.add('id');
  return { fields, remoteData };
}

/** The record's selected fields in the record's own (contract) order, without `remote_data`. */
export function selectedFields(
  record: Readonly<Record<string, unknown>>,
  fields: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(record))
    if (fields.has(field) && field !== 'remote_data') out[field] = record[field];
  return out;
}

/** The record as an object for the view (write answers, stored for idempotent replays). */
export function viewOf(record: Readonly<Record<string, unknown>>, view: RecordView): Record<string, unknown> {
  const { remote_data: remoteData, ...unified } = record;
  const fields = view.fields ? selectedFields(unified, view.fields) : unified;
  return view.remoteData && remoteData !== undefined ? { ...fields, remote_data: remoteData } : fields;
}
