/**
 * ServiceNow signs nothing and has no webhook subscriptions: docs/providers/servicenow.md has the
 * business rules (after insert/update/delete on the ticket table, after insert on `sys_journal_field`)
 * whose script posts these bodies through an outbound REST message, with the connection's secret in the
 * `X-ServiceNow-Webhook-Secret` header. The emulator sends exactly these bodies on the same writes.
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorContext, ProviderObject } from '../kit/described';

export const SERVICENOW_SECRET_HEADER = 'X-ServiceNow-Webhook-Secret';

/** Tables with business rules; other tables' writes send nothing. */
const RULES: Record<string, ('created' | 'updated' | 'deleted')[]> = {
  incident: ['created', 'updated', 'deleted'],
  sys_journal_field: ['created'],
};
const OPERATIONS = { created: 'insert', updated: 'update', deleted: 'delete' } as const;

/** The body a table's business rule posts for a write, as `current` gives it. */
export function outboundMessage(table: string) {
  return (
    action: 'created' | 'updated' | 'deleted',
    record: ProviderObject,
    _ctx?: EmulatorContext,
  ): ProviderObject | undefined => {
    if (!RULES[table]?.includes(action)) return undefined;
    const body: ProviderObject = {
      // `gs.generateGUID()` in the rule: one per change; a resent message carries the same body.
      delivery_id: randomBytes(16).toString('hex'),
      table,
      operation: OPERATIONS[action],
      sys_id: record.sys_id,
      sys_mod_count: Number(record.sys_mod_count ?? 0),
      sys_updated_on: record.sys_updated_on ?? record.sys_created_on,
    };
    if (table === 'sys_journal_field')
      Object.assign(body, { element_id: record.element_id, element: record.element });
    else Object.assign(body, { number: record.number });
    return body;
  };
}
