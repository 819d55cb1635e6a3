import { topicForResource } from '@app/bus';
import type { FilterOperator, MethodDefinition, ProviderDefinition } from '@app/providers';
import { isUnifiedResourceName, UNIFIED_RESOURCES } from '@app/unified-models';

/** A snapshot request that cannot be run as asked: the gateway answers it 400 with `details`. */
export class SyncRequestError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SyncRequestError';
  }
}

/**
 * How a snapshot reads a resource: its list alone, or its list once per record of a parent resource (Zendesk
 * and Jira comments: per ticket), as the definition's poll block names the parent.
 */
export type SnapshotShape = { kind: 'whole' } | { kind: 'per-parent'; parent: string; query: string };

/** The resources of a definition a snapshot can page through, whole or per parent. */
export function snapshotResources(definition: ProviderDefinition): string[] {
  return UNIFIED_RESOURCES.filter((resource) => snapshotShape(definition, resource) !== undefined);
}

/** Undefined: a snapshot cannot read the resource (no list, no topic, or a parent it cannot list whole). */
export function snapshotShape(definition: ProviderDefinition, resource: string): SnapshotShape | undefined {
  const list = definition.resources[resource]?.methods?.list;
  if (!list || !topicForResource(resource)) return undefined;
  const required = list.requiredQuery ?? [];
  if (required.length === 0) return { kind: 'whole' };
  const parent = definition.resources[resource]?.poll?.parent;
  const parentList = parent && definition.resources[parent.resource]?.methods?.list;
  if (!parent || !parentList || (parentList.requiredQuery?.length ?? 0) > 0) return undefined;
  if (required.length !== 1 || required[0] !== parent.query) return undefined;
  return { kind: 'per-parent', parent: parent.resource, query: parent.query };
}

function snapshotList(definition: ProviderDefinition, resource: string): MethodDefinition | undefined {
  return snapshotShape(definition, resource) ? definition.resources[resource]?.methods?.list : undefined;
}

/**
 * Checks what a snapshot is asked to read against the provider's definition: known resources the
 * provider lists whole, and a `since` only where each list can filter on updated_at. Throws
 * SyncRequestError naming what is wrong; answers the resources and `since` normalised to UTC.
 */
export function planSync(
  definition: ProviderDefinition,
  resources: readonly string[],
  since: string | undefined,
): { resources: string[]; since: string | null } {
  const unique = [...new Set(resources)];
  if (unique.length !== resources.length)
    throw new SyncRequestError('resources must not repeat a resource', { resources });
  const unknown = unique.filter((r) => !isUnifiedResourceName(r));
  if (unknown.length > 0)
    throw new SyncRequestError(`unknown resources: ${unknown.join(', ')}`, {
      unknown,
      valid: [...UNIFIED_RESOURCES],
    });
  const listable = snapshotResources(definition);
  const unlisted = unique.filter((r) => !listable.includes(r));
  if (unlisted.length > 0)
    throw new SyncRequestError(
      `${definition.name} cannot list every record of: ${unlisted.join(', ')} (a snapshot can read ${listable.join(', ') || 'nothing'})`,
      { provider: definition.name, not_listable: unlisted, listable },
    );
  let from: string | null = null;
  if (since !== undefined) {
    const at = Date.parse(since);
    if (!ISO_DATE_TIME.test(since) || Number.isNaN(at))
      throw new SyncRequestError(
        'since must be an ISO-8601 date-time with a time zone, e.g. 2026-01-01T00:00:00Z',
        {
          since,
        },
      );
    from = new Date(at).toISOString();
    const unfiltered = unique.filter((r) => sinceOperator(snapshotList(definition, r)) === undefined);
    if (unfiltered.length > 0)
      throw new SyncRequestError(
        `${definition.name} cannot list only records updated since a time for: ${unfiltered.join(', ')} (leave since out to read them whole)`,
        { provider: definition.name, no_updated_at_filter: unfiltered },
      );
  }
  return { resources: unique, since: from };
}

/** The list query of one resource of a planned job (the runner rebuilds it from the stored job). */
export function snapshotQuery(
  definition: ProviderDefinition,
  resource: string,
  since: string | null,
): Record<string, unknown> {
  const operator = sinceOperator(snapshotList(definition, resource));
  return since !== null && operator ? { updated_at: { [operator]: since } } : {};
}

/** `gte` where the list has it (nothing updated exactly at `since` is missed), else `gt`. */
function sinceOperator(list: MethodDefinition | undefined): FilterOperator | undefined {
  const operators = list?.filters?.updated_at ?? [];
  return operators.includes('gte') ? 'gte' : operators.includes('gt') ? 'gt' : undefined;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
