import { createHmac } from 'node:crypto';
import type { WebhookVerification } from '../definition';
import { signWebhook, verifyWebhookSignature } from './verify-signature';

type Hmac = Extract<WebhookVerification, { scheme: 'hmac' }>;

/** Front application webhooks: base64 HMAC-SHA256 of `<X-Front-Request-Timestamp>:<raw body>`. */
const timestampColonBody: Hmac = {
  scheme: 'hmac',
  algorithm: 'sha256',
  signatureHeader: 'x-front-signature',
  encoding: 'base64',
  signedContent: [{ part: 'header', name: 'x-front-request-timestamp' }, { part: 'body' }],
  separator: ':',
  timestamp: { header: 'x-front-request-timestamp', format: 'unix-ms', toleranceSeconds: 300 },
};

const body = Buffer.from('{"type":"comment","id":"evt_1"}');
const now = new Date('2026-11-28T12:00:00Z');
const stamp = String(now.getTime() - 1_000);
/** Computed here independently of the engine, the way the provider documents it. */
const documented = (secret: string, ts: string, raw: Buffer) =>
  createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${ts}:`, 'utf8'), raw]))
    .digest('base64');

describe('hmac signed content with a separator between the parts', () => {
  it('signs and accepts `<timestamp>:<body>` exactly as documented', () => {
    const headers = { 'x-front-request-timestamp': stamp };
    const signature = signWebhook(timestampColonBody, 'k', body, headers);
    expect(signature).toBe(documented('k', stamp, body));
    expect(
      verifyWebhookSignature(
        timestampColonBody,
        'k',
        { headers: { ...headers, 'x-front-signature': signature }, rawBody: body },
        now,
      ),
    ).toEqual({ ok: true });
  });

  it('refuses a signature over the parts without the separator, or over another timestamp', () => {
    const noSeparator = createHmac('sha256', 'k')
      .update(Buffer.concat([Buffer.from(stamp), body]))
      .digest('base64');
    const otherStamp = documented('k', String(Number(stamp) - 1), body);
    for (const signature of [noSeparator, otherStamp]) {
      expect(
        verifyWebhookSignature(
          timestampColonBody,
          'k',
          { headers: { 'x-front-request-timestamp': stamp, 'x-front-signature': signature }, rawBody: body },
          now,
        ),
      ).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('leaves schemes without a separator as they were (parts concatenated)', () => {
    const { separator: _none, ...plain } = timestampColonBody;
    const concatenated = createHmac('sha256', 'k')
      .update(Buffer.concat([Buffer.from(stamp), body]))
      .digest('base64');
    expect(signWebhook(plain, 'k', body, { 'x-front-request-timestamp': stamp })).toBe(concatenated);
  });

  it('enforces the window on a millisecond timestamp', () => {
    const old = String(now.getTime() - 10 * 60_000);
    const headers = { 'x-front-request-timestamp': old };
    const signature = signWebhook(timestampColonBody, 'k', body, headers);
    expect(
      verifyWebhookSignature(
        timestampColonBody,
        'k',
        { headers: { ...headers, 'x-front-signature': signature }, rawBody: body },
        now,
      ),
    ).toEqual({ ok: false, reason: 'stale_timestamp' });
  });
});
