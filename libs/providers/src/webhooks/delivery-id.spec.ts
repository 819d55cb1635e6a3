import { createHash } from 'node:crypto';
import { deliveryIdOf } from './delivery-id';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value));
const hashOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('deliveryIdOf', () => {
  const inBody = { deliveryId: 'body.type = "notification_event" ? body.id' };

  it('takes the header where the definition names one', async () => {
    const body = raw({ id: 'notif_1' });
    const id = await deliveryIdOf(
      { deliveryIdHeader: 'X-GitHub-Delivery', ...inBody },
      { headers: { 'x-github-delivery': 'guid-1' }, rawBody: body },
    );
    expect(id).toBe('guid-1');
  });

  it('evaluates the deliveryId expression over the body when the header gives nothing', async () => {
    const body = raw({ type: 'notification_event', id: 'notif_ccd8a4d2' });
    expect(await deliveryIdOf(inBody, { headers: {}, rawBody: body })).toBe('notif_ccd8a4d2');
    // An already parsed body is used as given (the ingest parses once).
    expect(
      await deliveryIdOf(inBody, {
        headers: {},
        rawBody: body,
        body: { type: 'notification_event', id: 'notif_parsed' },
      }),
    ).toBe('notif_parsed');
    expect(await deliveryIdOf({ deliveryId: 'body.n' }, { headers: {}, rawBody: raw({ n: 42 }) })).toBe('42');
  });

  it('falls back to a hash of the raw body when neither yields an id', async () => {
    const noId = raw({ type: 'ping' });
    expect(await deliveryIdOf(inBody, { headers: {}, rawBody: noId })).toBe(hashOf(noId));
    const notJson = Buffer.from('not json');
    expect(await deliveryIdOf(inBody, { headers: {}, rawBody: notJson })).toBe(hashOf(notJson));
    expect(await deliveryIdOf({}, { headers: {}, rawBody: noId })).toBe(hashOf(noId));
    // Two deliveries differing only in their id are told apart.
    const [a, b] = await Promise.all(
      ['notif_a', 'notif_b'].map((n) =>
        deliveryIdOf(inBody, { headers: {}, rawBody: raw({ type: 'notification_event', id: n }) }),
      ),
    );
    expect(a).not.toBe(b);
  });
});
