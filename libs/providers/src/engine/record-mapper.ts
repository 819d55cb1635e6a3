import { hash } from 'node:crypto';
import type { ProviderDefinition } from '../definition';
import { overrideKey, resolveExpression, type MappingOverrides } from './connection-context';
import { ExpressionCache, MappingError } from './expression-cache';

export type UnifiedRecord = Record<string, unknown> & { id: string };

export interface MappingContext {
  /** The connection's settings (e.g. owner, repo), bound as `$settings` in every expression. */
  settings: Record<string, string>;
  /** The current REST call (`{id, query}`), bound as `$request`; absent for webhooks. */
  request?: { id?: string; query?: Record<string, unknown> };
  overrides?: MappingOverrides;
}

/**
 * Maps one provider object to a unified record with the resource's `record` expression, then makes the
 * shape complete and stable: every contract field present (null where the provider has no data), an
 * `etag` derived from the content, and the provider's object kept as `remote_data`.
 */
export class RecordMapper {
  constructor(
    private readonly expressions: ExpressionCache,
    private readonly contractFields: (resource: string) => readonly string[],
  ) {}

  async map(
    definition: ProviderDefinition,
    resource: string,
    providerObject: unknown,
    context: MappingContext,
  ): Promise<UnifiedRecord> {
    const partial = await this.evaluate(definition, resource, providerObject, context);
    const record: Record<string, unknown> = {};
    for (const field of this.contractFields(resource)) {
      if (field !== 'etag' && field !== 'remote_data') record[field] = partial[field] ?? null;
    }
    // Fields an override adds beyond the contract are kept: that is what overrides are for.
    for (const field in partial) {
      if (
        Object.hasOwn(partial, field) &&
        !Object.hasOwn(record, field) &&
        field !== 'etag' &&
        field !== 'remote_data'
      ) {
        record[field] = partial[field];
      }
    }
    const fieldsJson = JSON.stringify(record);
    // Strong (no `W/`): it is the hash of the exact unified fields, so `If-Match` can compare it (RFC 9110
    // compares If-Match tags strongly). The gateway sends it as the ETag of single-record answers.
    record.etag = `"${hash('sha256', fieldsJson, 'base64url').slice(0, 22)}"`;
    record.remote_data = providerObject;
    keepFieldsJson(record, fieldsJson);
    return record as UnifiedRecord;
  }

  /**
   * Only what the provider object states: the fields the resource's expression produced from it (an
   * explicit null kept, a missing source left out rather than filled with null), no etag (it would hash
   * an incomplete record), and the object as `remote_data`. For a thin delivery whose record is gone,
   * so that consumers get what the delivery said without mistaking unknown fields for empty ones.
   */
  async mapStated(
    definition: ProviderDefinition,
    resource: string,
    providerObject: unknown,
    context: MappingContext,
  ): Promise<UnifiedRecord> {
    const mapped = await this.evaluate(definition, resource, providerObject, context);
    const stated: Record<string, unknown> = {};
    for (const field in mapped) {
      if (Object.hasOwn(mapped, field) && field !== 'etag' && field !== 'remote_data')
        stated[field] = mapped[field];
    }
    stated.remote_data = providerObject;
    return stated as UnifiedRecord;
  }

  private async evaluate(
    definition: ProviderDefinition,
    resource: string,
    providerObject: unknown,
    context: MappingContext,
  ): Promise<Record<string, unknown> & { id: string }> {
    const resolved = resolveExpression(
      definition.resources[resource]?.record,
      overrideKey(resource),
      context.overrides,
    );
    if (!resolved) throw new MappingError(`${definition.name} has no mapping for the ${resource} resource`);
    const mapped = await this.expressions.evaluate(
      resolved.source,
      providerObject,
      { settings: context.settings, request: context.request },
      resolved.owner,
    );
    if (typeof mapped !== 'object' || mapped === null || Array.isArray(mapped)) {
      throw new MappingError(`the ${resource} mapping of ${definition.name} did not produce an object`);
    }
    const partial = mapped as Record<string, unknown>;
    if (typeof partial.id !== 'string' || partial.id === '') {
      throw new MappingError(`the ${resource} mapping of ${definition.name} produced no string id`);
    }
    return partial as Record<string, unknown> & { id: string };
  }
}

/**
 * The JSON of a mapped record's fields before `etag` and `remote_data`, which the etag is the hash of.
 * Kept so an answer writer need not serialize those fields a second time. Records are not changed after
 * mapping (the etag would lie); one that was copied or reshaped has none.
 *
 * Held by the record itself under a symbol, not enumerable: JSON, `Object.keys`, spreads, `Object.assign`
 * and structured clones never see or copy it, so a copy has none, as with a WeakMap keyed by the record
 * (which this was: 100 ephemeron entries per list-100 call cost the collector more than the lookups).
 */
const FIELDS_JSON = Symbol('mappedFieldsJson');

function keepFieldsJson(record: object, json: string): void {
  Object.defineProperty(record, FIELDS_JSON, { value: json, enumerable: false, writable: false });
}

export function mappedFieldsJsonOf(record: object): string | undefined {
  if (!Object.hasOwn(record, FIELDS_JSON)) return undefined;
  return (record as { [FIELDS_JSON]: string })[FIELDS_JSON];
}
