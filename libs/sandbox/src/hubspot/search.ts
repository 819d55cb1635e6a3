/**
 * `POST /crm/v3/objects/{type}/search`: the CRM search, enough of it for notes and tickets — filters on
 * a property (EQ, and GT/GTE/LT/LTE comparing dates given as ISO 8601 or epoch milliseconds, as HubSpot
 * takes them) or on `associations.<type>` (EQ), sorts, `properties`, and `limit`/`after` in the body (200
 * at most).
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorKit, EmulatorPaging, ProviderObject } from '../kit/described';
import { ProviderValidationError } from '../kit/described';
import { associatedIds, renderObject } from './crm-objects';

interface SearchBody {
  filterGroups?: { filters?: { propertyName?: string; operator?: string; value?: unknown }[] }[];
  sorts?: { propertyName?: string; direction?: string }[];
  properties?: string[];
  limit?: number;
  after?: string;
}

const PLURAL: Record<string, string> = { ticket: 'tickets', contact: 'contacts', company: 'companies' };

/** A filter value or property as a time (epoch milliseconds or ISO 8601), or a number. */
const comparable = (value: unknown): number =>
  /^\d+$/.test(String(value)) ? Number(value) : Date.parse(String(value));

const RANGE: Record<string, (a: number, b: number) => boolean> = {
  GT: (a, b) => a > b,
  GTE: (a, b) => a >= b,
  LT: (a, b) => a < b,
  LTE: (a, b) => a <= b,
};

const SEARCH_PAGING: EmulatorPaging = {
  style: 'cursor',
  cursorParam: 'after',
  sizeParam: 'limit',
  defaultSize: 10,
  maxSize: 200,
};

export function searchRoute(app: FastifyInstance, kit: EmulatorKit, type: string): void {
  app.post(`/crm/v3/objects/${type}/search`, async (request) => {
    const ctx = kit.context(request);
    const body = (request.body ?? {}) as SearchBody;
    if (body.limit !== undefined && (!Number.isInteger(body.limit) || body.limit > 200))
      throw new ProviderValidationError('limit must be an integer of at most 200');
    const matches = (record: ProviderObject) =>
      (body.filterGroups ?? []).length === 0 ||
      (body.filterGroups ?? []).some((group) =>
        (group.filters ?? []).every((filter) => {
          const name = String(filter.propertyName);
          const range = RANGE[String(filter.operator)];
          if (range && !name.startsWith('associations.')) {
            const [have, bound] = [(record.properties as ProviderObject)[name], filter.value];
            return range(comparable(have), comparable(bound));
          }
          if (filter.operator !== 'EQ')
            throw new ProviderValidationError(`Unsupported operator ${String(filter.operator)}`);
          if (name.startsWith('associations.'))
            return associatedIds(
              ctx,
              type,
              String(record.id),
              PLURAL[name.slice(13)] ?? name.slice(13),
            ).includes(String(filter.value));
          return String((record.properties as ProviderObject)[name]) === String(filter.value);
        }),
      );
    const [sort] = body.sorts ?? [];
    const key = (r: ProviderObject) =>
      String((r.properties as ProviderObject)[sort?.propertyName ?? 'hs_object_id'] ?? '');
    const sign = sort?.direction === 'DESCENDING' ? -1 : 1;
    const found = ctx
      .records(type)
      .filter(matches)
      .sort((a, b) => sign * (key(a).localeCompare(key(b)) || Number(a.id) - Number(b.id)));
    const paged = kit.page(found, SEARCH_PAGING, {
      ...ctx,
      query: { limit: String(body.limit ?? 10), ...(body.after ? { after: String(body.after) } : {}) },
    });
    if ('refused' in paged) throw new ProviderValidationError(paged.refused);
    return {
      total: found.length,
      results: paged.items.map((r) => renderObject(type, r, { ...ctx, query: {} }, body.properties ?? [])),
      ...(paged.info.nextCursor ? { paging: { next: { after: paged.info.nextCursor } } } : {}),
    };
  });
}
