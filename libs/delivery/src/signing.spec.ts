import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { generateSecret, isSecret, signDelivery } from './signing';

const body = JSON.stringify({
  specversion: '1.0',
  id: 'evt-1',
  type: 'ticketing.ticket.created',
  data: { é: '✓' },
});
const now = () => Math.floor(Date.now() / 1000);

describe('signing', () => {
  it('issues whsec_ secrets of 32 random bytes in standard base64', () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(isSecret(a)).toBe(true);
    expect(isSecret('whsec_c2hvcnQ=')).toBe(false); // 5 bytes
    expect(isSecret('sk_live_abc')).toBe(false);
  });

  it('produces signatures the standardwebhooks package verifies', () => {
    const secret = generateSecret();
    const headers = signDelivery('evt-1', now(), body, [secret]);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    // Byte-for-byte the reference implementation's output.
    expect(headers['webhook-signature']).toBe(
      new Webhook(secret).sign('evt-1', new Date(Number(headers['webhook-timestamp']) * 1000), body),
    );
  });

  it('fails verification for another secret, a changed body or a changed id', () => {
    const secret = generateSecret();
    const headers = signDelivery('evt-1', now(), body, [secret]);
    expect(() => new Webhook(generateSecret()).verify(body, { ...headers })).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'evt-2' })).toThrow(
      WebhookVerificationError,
    );
  });

  it('signs with every given secret, so both verify during a rotation', () => {
    const previous = generateSecret();
    const current = generateSecret();
    const headers = signDelivery('evt-1', now(), body, [current, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(previous).verify(body, { ...headers })).toBeDefined();
    expect(new Webhook(current).verify(body, { ...headers })).toBeDefined();
  });

  it('refuses to sign without a valid secret', () => {
    expect(() => signDelivery('evt-1', now(), body, [])).toThrow();
    expect(() => signDelivery('evt-1', now(), body, ['not-a-secret'])).toThrow('not a whsec_ secret');
  });
});
