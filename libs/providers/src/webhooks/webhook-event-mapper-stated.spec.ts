import { contractFieldsOf } from '@app/unified-models';
import { ExpressionCache } from '../engine/expression-cache';
import { RecordMapper } from '../engine/record-mapper';
import { zendesk } from '../zendesk';
import { WebhookEventMapper, type MappedChange } from './webhook-event-mapper';

const expressions = new ExpressionCache();
const records = new RecordMapper(expressions, contractFieldsOf);
const mapper = new WebhookEventMapper(expressions, records);
const context = { settings: { subdomain: 'acme' } };

/** What a thin delivery says about its record, for when the fetch finds the record gone. */
describe('WebhookEventMapper.statedRecord and RecordMapper.mapStated', () => {
  const userEvent = {
    type: 'zen:event-type:user.active_changed',
    detail: {
      id: '6596848315901',
      email: 'a@example.com',
      external_id: '',
      organization_id: '0',
      role: 'end-user',
    },
    event: { current: false, previous: true },
  };

  it('keeps only the fields the delivery carries, explicit nulls included, without an etag', async () => {
    const delivery = { headers: {}, body: userEvent };
    const outcome = await mapper.map(zendesk, delivery, context);
    if (outcome.kind !== 'changes') throw new Error(outcome.reason);
    const [change] = outcome.changes;
    expect(change).toEqual({
      resource: 'contacts',
      action: 'updated',
      remoteId: '6596848315901',
      fetch: true,
    });
    const stated = await mapper.statedRecord(zendesk, delivery, change, context);
    expect(stated).toEqual({
      id: '6596848315901',
      emails: [{ email: 'a@example.com', type: 'primary' }],
      remote_data: userEvent.detail,
    });
    // The full mapping of the same object fills every contract field and hashes it.
    const full = await records.map(zendesk, 'contacts', userEvent.detail, context);
    expect(full).toMatchObject({ name: null, etag: expect.any(String) });
    const explicit = await records.mapStated(zendesk, 'accounts', { id: 7, name: null }, context);
    expect(explicit).toEqual({ id: '7', name: null, remote_data: { id: 7, name: null } });
  });

  it('falls back to the id alone where the mapping cannot read the delivery or none selects it', async () => {
    const trigger = { headers: {}, body: { ticket_id: '7', ticket_title: 'Hello' } };
    const outcome = await mapper.map(zendesk, trigger, context);
    if (outcome.kind !== 'changes') throw new Error(outcome.reason);
    const stated = await mapper.statedRecord(zendesk, trigger, outcome.changes[0], context);
    expect(stated).toEqual({ id: '7', remote_data: trigger.body });
    const unrelated: MappedChange = { resource: 'tags', action: 'updated', remoteId: 'x', fetch: true };
    expect(await mapper.statedRecord(zendesk, trigger, unrelated, context)).toEqual({ id: 'x' });
  });
});
