import type { WebhookVerification } from '../definition';
import { signWebhook, verifyWebhookSignature } from './verify-signature';

type Hmac = Extract<WebhookVerification, { scheme: 'hmac' }>;

const github: Hmac = {
  scheme: 'hmac',
  algorithm: 'sha256',
  signatureHeader: 'X-Hub-Signature-256',
  prefix: 'sha256=',
  encoding: 'hex',
  signedContent: [{ part: 'body' }],
};
const zendeskLike: Hmac = {
  scheme: 'hmac',
  algorithm: 'sha256',
  signatureHeader: 'x-zendesk-webhook-signature',
  encoding: 'base64',
  signedContent: [{ part: 'header', name: 'x-zendesk-webhook-signature-timestamp' }, { part: 'body' }],
  timestamp: { header: 'x-zendesk-webhook-signature-timestamp', format: 'iso8601', toleranceSeconds: 300 },
};

const body = Buffer.from('{"action":"opened","n":1}');

describe('verifyWebhookSignature', () => {
  it('accepts the signature over the exact raw bytes', () => {
    const signature = signWebhook(github, 's3cret', body);
    expect(
      verifyWebhookSignature(github, 's3cret', {
        headers: { 'x-hub-signature-256': signature },
        rawBody: body,
      }),
    ).toEqual({ ok: true });
  });

  it('rejects a body changed by one byte, even with the same JSON meaning', () => {
    const signature = signWebhook(github, 's3cret', body);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    const tampered = Buffer.from(body.toString().replace('1', '2'));
    for (const rawBody of [reserialised, tampered]) {
      expect(
        verifyWebhookSignature(github, 's3cret', { headers: { 'x-hub-signature-256': signature }, rawBody }),
      ).toEqual({
        ok: false,
        reason: 'bad_signature',
      });
    }
  });

  it('rejects a missing, truncated, non-hex, unprefixed or wrong-secret signature', () => {
    const good = signWebhook(github, 's3cret', body);
    const cases: [Record<string, string>, string][] = [
      [{}, 'missing_signature'],
      [{ 'x-hub-signature-256': good.slice(0, -2) }, 'bad_signature'],
      [{ 'x-hub-signature-256': 'sha256=' + 'zz'.repeat(32) }, 'bad_signature'],
      [{ 'x-hub-signature-256': good.slice('sha256='.length) }, 'bad_signature'],
      [{ 'x-hub-signature-256': signWebhook(github, 'other', body) }, 'bad_signature'],
    ];
    for (const [headers, reason] of cases) {
      expect(verifyWebhookSignature(github, 's3cret', { headers, rawBody: body })).toEqual({
        ok: false,
        reason,
      });
    }
    expect(
      verifyWebhookSignature(github, undefined, { headers: { 'x-hub-signature-256': good }, rawBody: body })
        .ok,
    ).toBe(false);
  });

  it('signs a timestamp with the body and enforces its window', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const sign = (stamp: string) => {
      const headers = { 'x-zendesk-webhook-signature-timestamp': stamp };
      return { ...headers, 'x-zendesk-webhook-signature': signWebhook(zendeskLike, 'k', body, headers) };
    };
    expect(
      verifyWebhookSignature(zendeskLike, 'k', { headers: sign('2026-11-28T11:58:00Z'), rawBody: body }, now),
    ).toEqual({ ok: true });
    expect(
      verifyWebhookSignature(zendeskLike, 'k', { headers: sign('2026-11-28T11:50:00Z'), rawBody: body }, now),
    ).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    const moved = {
      ...sign('2026-11-28T11:58:00Z'),
      'x-zendesk-webhook-signature-timestamp': '2026-11-28T11:59:00Z',
    };
    expect(verifyWebhookSignature(zendeskLike, 'k', { headers: moved, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });
});

describe('shared-secret verification (providers that sign nothing)', () => {
  const body = Buffer.from('{}');
  it('accepts the issued secret from a header, a query parameter or the path, in constant time', () => {
    const byHeader = { scheme: 'shared-secret' as const, header: 'X-Webhook-Token' };
    expect(
      verifyWebhookSignature(byHeader, 'tok', { headers: { 'x-webhook-token': 'tok' }, rawBody: body }),
    ).toEqual({ ok: true });
    expect(
      verifyWebhookSignature(byHeader, 'tok', { headers: { 'x-webhook-token': 'tok2' }, rawBody: body }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWebhookSignature(byHeader, 'tok', { headers: {}, rawBody: body })).toEqual({
      ok: false,
      reason: 'missing_signature',
    });
    const byQuery = { scheme: 'shared-secret' as const, queryParam: 'token' };
    expect(
      verifyWebhookSignature(byQuery, 'tok', { headers: {}, query: { token: 'tok' }, rawBody: body }).ok,
    ).toBe(true);
    const byPath = { scheme: 'shared-secret' as const, pathToken: true };
    expect(verifyWebhookSignature(byPath, 'tok', { headers: {}, pathToken: 'tok', rawBody: body }).ok).toBe(
      true,
    );
    expect(verifyWebhookSignature(byPath, 'tok', { headers: {}, pathToken: 'to', rawBody: body }).ok).toBe(
      false,
    );
    expect(
      verifyWebhookSignature(byPath, undefined, { headers: {}, pathToken: 'tok', rawBody: body }).ok,
    ).toBe(false);
  });
});
