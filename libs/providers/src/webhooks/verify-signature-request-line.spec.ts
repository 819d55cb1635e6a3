import { createHmac } from 'node:crypto';
import type { WebhookVerification } from '../definition';
import { signWebhook, verifyWebhookSignature } from './verify-signature';

type Hmac = Extract<WebhookVerification, { scheme: 'hmac' }>;

/** A scheme signing the request line too: base64 HMAC-SHA256 of method + URL + body + timestamp. */
const requestLineScheme: Hmac = {
  scheme: 'hmac',
  algorithm: 'sha256',
  signatureHeader: 'x-signature',
  encoding: 'base64',
  signedContent: [
    { part: 'method' },
    { part: 'url' },
    { part: 'body' },
    { part: 'header', name: 'x-request-timestamp' },
  ],
  timestamp: { header: 'x-request-timestamp', format: 'unix-ms', toleranceSeconds: 300 },
};

const body = Buffer.from('[{"eventId":1,"objectId":7}]');
const now = new Date('2026-11-28T12:00:00Z');
const stamp = String(now.getTime() - 1_000);
const url = 'https://hooks.example.com/webhooks/c-1';
/** Computed here independently of the engine: the documented concatenation. */
const documented = (method: string, at: string) =>
  createHmac('sha256', 'k')
    .update(`${method}${at}${body.toString('utf8')}${stamp}`)
    .digest('base64');

describe('hmac signed content with the request method and URL', () => {
  const headers = { 'x-request-timestamp': stamp };

  it('signs method + URL + body + timestamp as documented and accepts it', () => {
    const signature = signWebhook(requestLineScheme, 'k', body, headers, { method: 'POST', url });
    expect(signature).toBe(documented('POST', url));
    const request = { headers: { ...headers, 'x-signature': signature }, rawBody: body, method: 'post', url };
    expect(verifyWebhookSignature(requestLineScheme, 'k', request, now)).toEqual({ ok: true });
  });

  it('refuses the same signature received at another URL or with another method', () => {
    const signature = documented('POST', url);
    const signed = { headers: { ...headers, 'x-signature': signature }, rawBody: body };
    for (const [method, at] of [
      ['POST', 'https://hooks.example.com/webhooks/c-2'],
      ['PUT', url],
      [undefined, undefined],
    ])
      expect(verifyWebhookSignature(requestLineScheme, 'k', { ...signed, method, url: at }, now)).toEqual({
        ok: false,
        reason: 'bad_signature',
      });
  });
});
