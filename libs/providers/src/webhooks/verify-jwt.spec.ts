import { createHmac } from 'node:crypto';
import type { WebhookVerification } from '../definition';
import { signJwt } from './verify-jwt';
import { verifyWebhookSignature } from './verify-signature';

const scheme: WebhookVerification = {
  scheme: 'jwt',
  header: 'Authorization',
  algorithm: 'HS256',
  audienceIsUrl: true,
  clockToleranceSeconds: 30,
};
const url = 'https://hooks.example/webhooks/c-1';
const now = new Date('2026-01-01T12:00:00Z');
const seconds = now.getTime() / 1000;
const claims = { accountId: 1, userId: 2, aud: url, iat: seconds - 10, exp: seconds + 60 };
const rawBody = Buffer.from('{"event":{}}');
const check = (authorization: string | undefined, at = now, to = url) =>
  verifyWebhookSignature(scheme, 's3cret', { headers: { authorization }, rawBody, url: to }, at);

describe('JWT-signed deliveries (scheme jwt)', () => {
  it('accepts a token signed with the secret, bare or as a Bearer token', () => {
    expect(check(signJwt('s3cret', claims))).toEqual({ ok: true });
    expect(check(`Bearer ${signJwt('s3cret', claims)}`)).toEqual({ ok: true });
  });

  it('refuses a missing token, another secret, a changed claim and a token for another URL', () => {
    expect(check(undefined)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(check(signJwt('other', claims))).toEqual({ ok: false, reason: 'bad_signature' });
    const [head, , signature] = signJwt('s3cret', claims).split('.');
    const widened = Buffer.from(JSON.stringify({ ...claims, userId: 1 })).toString('base64url');
    expect(check(`${head}.${widened}.${signature}`)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check(signJwt('s3cret', claims), now, `${url}-elsewhere`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses an expired token (beyond the tolerance) and one without exp', () => {
    expect(check(signJwt('s3cret', claims), new Date((seconds + 60 + 20) * 1000))).toEqual({ ok: true });
    expect(check(signJwt('s3cret', claims), new Date((seconds + 60 + 31) * 1000))).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    const { exp: _exp, ...forever } = claims;
    expect(check(signJwt('s3cret', forever))).toEqual({ ok: false, reason: 'missing_timestamp' });
  });

  it('refuses the `none` algorithm and any other than the one declared', () => {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(check(`${none}.${body}.`)).toEqual({ ok: false, reason: 'bad_signature' });
    const hs512 = Buffer.from(JSON.stringify({ alg: 'HS512' })).toString('base64url');
    const signature = createHmac('sha512', 's3cret').update(`${hs512}.${body}`).digest('base64url');
    expect(check(`${hs512}.${body}.${signature}`)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
