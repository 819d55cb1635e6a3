import type { WebhookDefinition } from '@app/providers';
import type { Connection } from '@app/store';
import { answerHandshake } from './handshakes';

const webhooks: WebhookDefinition = {
  verification: {
    scheme: 'hmac',
    algorithm: 'sha256',
    signatureHeader: 'x-hook-signature',
    encoding: 'hex',
    signedContent: [{ part: 'body' }],
  },
  handshakes: [
    { kind: 'echo-header', header: 'X-Hook-Secret', adoptAsSecret: true },
    { kind: 'challenge', bodyField: 'challenge' },
    { kind: 'head-ok' },
  ],
  events: [],
};
const fresh: Connection = { id: 'c', tenantId: 't', provider: 'asana', settings: {} };
const request = (method: string, headers: Record<string, string> = {}, body = '') => ({
  method,
  headers,
  rawBody: Buffer.from(body),
});

describe('webhook handshakes declared by definitions', () => {
  it('echoes X-Hook-Secret and adopts it while the connection has no secret', () => {
    expect(answerHandshake(webhooks, fresh, request('POST', { 'x-hook-secret': 's3' }))).toEqual({
      status: 200,
      headers: { 'X-Hook-Secret': 's3' },
      body: { status: 'handshake' },
      adoptSecret: 's3',
    });
    // Once a secret is set, a request carrying the header is an ordinary (signed) delivery: no takeover.
    expect(
      answerHandshake(
        webhooks,
        { ...fresh, webhookSecret: 'kept' },
        request('POST', { 'x-hook-secret': 'evil' }),
      ),
    ).toBeUndefined();
  });

  it('answers a bare challenge with the same value, but not an event that carries the field', () => {
    expect(answerHandshake(webhooks, fresh, request('POST', {}, '{"challenge":"abc"}'))).toMatchObject({
      status: 200,
      body: { challenge: 'abc' },
    });
    expect(
      answerHandshake(webhooks, fresh, request('POST', {}, '{"challenge":"abc","event":{}}')),
    ).toBeUndefined();
    expect(answerHandshake(webhooks, fresh, request('POST', {}, 'not json'))).toBeUndefined();
  });

  it('answers HEAD only where declared', () => {
    expect(answerHandshake(webhooks, fresh, request('HEAD'))).toMatchObject({ status: 200 });
    expect(answerHandshake({ ...webhooks, handshakes: [] }, fresh, request('HEAD'))).toBeUndefined();
  });
});
