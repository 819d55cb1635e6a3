import type { WebhookDefinition } from '@app/providers';
import type { Connection } from '@app/store';
import { answerHandshake } from './handshakes';

/** Front validates an application webhook URL with a signed `sync` request carrying `X-Front-Challenge`. */
const webhooks: WebhookDefinition = {
  verification: { scheme: 'none' },
  handshakes: [{ kind: 'challenge', bodyField: 'challenge', header: 'X-Front-Challenge' }],
  events: [],
};
const connection: Connection = { id: 'c', tenantId: 't', provider: 'front', settings: {} };
const request = (headers: Record<string, string>, body: unknown) => ({
  method: 'POST',
  headers,
  rawBody: Buffer.from(JSON.stringify(body)),
});

describe('a challenge handshake read from a header', () => {
  it('answers the header value, whatever the body', () => {
    const sync = request(
      { 'x-front-challenge': 'r4nd0m' },
      { type: 'sync', authorization: { id: 'cmp_abc' } },
    );
    expect(answerHandshake(webhooks, connection, sync)).toEqual({
      status: 200,
      headers: {},
      body: { challenge: 'r4nd0m' },
    });
  });

  it('leaves deliveries without the header alone, even with a body field of that name', () => {
    expect(answerHandshake(webhooks, connection, request({}, { challenge: 'abc' }))).toBeUndefined();
    expect(answerHandshake(webhooks, connection, request({ 'x-front-challenge': '' }, {}))).toBeUndefined();
  });
});
