import type { ChangeAction } from '@app/bus';
import type { ProviderDefinition, WebhookEventMapping } from '../definition';
import { ExpressionCache, MappingError } from '../engine/expression-cache';
import { RecordMapper, type MappingContext, type UnifiedRecord } from '../engine/record-mapper';

export interface WebhookDelivery {
  headers: Record<string, string>;
  body: unknown;
}

/**
 * One unified change. A thin payload yields `fetch: true` and no record: the caller fetches the full
 * record through the engine (deletes excepted, which need only the id); when the record is gone,
 * `statedRecord` says what the delivery itself carried.
 */
export type MappedChange =
  | { resource: string; action: ChangeAction; remoteId: string; record: UnifiedRecord; fetch?: false }
  | { resource: string; action: ChangeAction; remoteId: string; record?: undefined; fetch: true };

export type WebhookMappingOutcome =
  | { kind: 'changes'; changes: MappedChange[] }
  | { kind: 'ignored'; reason: string }
  | { kind: 'unmapped'; reason: string };

const ACTIONS: readonly ChangeAction[] = ['created', 'updated', 'deleted'];

/** Turns one provider delivery into unified changes by running its definition's event mappings. */
export class WebhookEventMapper {
  constructor(
    private readonly expressions: ExpressionCache,
    private readonly records: RecordMapper,
  ) {}

  async map(
    definition: ProviderDefinition,
    delivery: WebhookDelivery,
    context: MappingContext,
  ): Promise<WebhookMappingOutcome> {
    const webhooks = definition.webhooks;
    if (!webhooks) return { kind: 'unmapped', reason: `${definition.name} defines no webhooks` };
    if (webhooks.ignore && (await this.expressions.evaluate(webhooks.ignore, delivery)) === true) {
      return { kind: 'ignored', reason: 'the definition marks this delivery as carrying no change' };
    }
    const changes: MappedChange[] = [];
    let matched = false;
    for (const mapping of webhooks.events) {
      if ((await this.expressions.evaluate(mapping.match, delivery)) !== true) continue;
      matched = true;
      changes.push(...(await this.changesOf(definition, mapping, delivery, context)));
      // A delivery about more than one record (Front: a conversation's first message) goes on.
      if (!mapping.continue) break;
    }
    if (!matched) {
      return {
        kind: 'unmapped',
        reason: `no ${definition.name} event mapping matches this delivery (${describe(delivery)})`,
      };
    }
    return { kind: 'changes', changes };
  }

  /**
   * What a thin delivery itself says about the record of one of its `fetch` changes: the object its
   * mapping selected, mapped with only the fields it carries (RecordMapper.mapStated), or `{id}` alone
   * where the resource's mapping cannot read it (a user-written trigger body). Used when the fetch finds
   * the record gone, so the delivery is still published (marked partial) instead of dead-lettered.
   */
  async statedRecord(
    definition: ProviderDefinition,
    delivery: WebhookDelivery,
    change: MappedChange,
    context: MappingContext,
  ): Promise<UnifiedRecord> {
    const alone: UnifiedRecord = { id: change.remoteId };
    for (const mapping of definition.webhooks?.events ?? []) {
      if (mapping.resource !== change.resource || !mapping.fetchId) continue;
      if ((await this.expressions.evaluate(mapping.match, delivery)) !== true) continue;
      const selected = await this.expressions.evaluate(mapping.object, delivery);
      const objects = mapping.many ? (Array.isArray(selected) ? selected : [selected]) : [selected];
      for (const object of objects) {
        const id = await this.expressions.evaluate(mapping.fetchId, mapping.many ? object : delivery);
        if (id === undefined || String(id) !== change.remoteId) continue;
        try {
          const stated = await this.records.mapStated(definition, change.resource, object, context);
          // A user-written trigger body may name the record otherwise: the fetched id is the one that counts.
          return { ...stated, id: change.remoteId };
        } catch (error) {
          if (error instanceof MappingError) return { ...alone, remote_data: object };
          throw error;
        }
      }
    }
    return alone;
  }

  private async changesOf(
    definition: ProviderDefinition,
    mapping: WebhookEventMapping,
    delivery: WebhookDelivery,
    context: MappingContext,
  ): Promise<MappedChange[]> {
    const action = await this.expressions.evaluate(mapping.action, delivery);
    if (!ACTIONS.includes(action as ChangeAction)) {
      throw new MappingError(
        `event mapping "${mapping.description}" produced action ${JSON.stringify(action)}`,
      );
    }
    const selected = await this.expressions.evaluate(mapping.object, delivery);
    if (selected === undefined) {
      throw new MappingError(`event mapping "${mapping.description}" found no ${mapping.resource} object`);
    }
    const objects = mapping.many ? (Array.isArray(selected) ? selected : [selected]) : [selected];
    const changes: MappedChange[] = [];
    for (const providerObject of objects) {
      if (mapping.fetchId) {
        const remoteId = await this.expressions.evaluate(
          mapping.fetchId,
          mapping.many ? providerObject : delivery,
        );
        if (typeof remoteId !== 'string' && typeof remoteId !== 'number') {
          throw new MappingError(`event mapping "${mapping.description}" found no id to fetch`);
        }
        changes.push({
          resource: mapping.resource,
          action: action as ChangeAction,
          remoteId: String(remoteId),
          fetch: true,
        });
        continue;
      }
      const record = await this.records.map(definition, mapping.resource, providerObject, context);
      changes.push({
        resource: mapping.resource,
        action: action as ChangeAction,
        remoteId: record.id,
        record,
      });
    }
    return changes;
  }
}

function describe(delivery: WebhookDelivery): string {
  const interesting = Object.entries(delivery.headers).filter(([k]) => /event|topic|type/i.test(k));
  const action =
    typeof delivery.body === 'object' && delivery.body !== null && 'action' in delivery.body
      ? `action=${String((delivery.body as { action: unknown }).action)}`
      : '';
  return (
    [...interesting.map(([k, v]) => `${k}=${v}`), action].filter(Boolean).join(', ') || 'no event header'
  );
}
