import type { ProviderDefinition } from '../definition';
import type { TokenSource } from '../oauth/token-refresher';
import type { ConnectionContext } from './connection-context';
import { ProviderAuthError } from './errors';
import { ExpressionCache } from './expression-cache';
import type { HttpTransport, ProviderRequest, ProviderResponse } from './http-transport';
import { RetryingSender } from './retrying-sender';

/** A provider that accepts only the bearer tokens in `valid`, and remembers which it was sent. */
function provider(valid: Set<string>) {
  const sent: string[] = [];
  const transport = {
    send: async (request: ProviderRequest): Promise<ProviderResponse> => {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      sent.push(token);
      return valid.has(token)
        ? { status: 200, headers: {}, body: { ok: true } }
        : { status: 401, headers: {}, body: { error: 'invalid_token' } };
    },
  } as unknown as HttpTransport;
  return { transport, sent };
}

/** A token source handing out `answers` in turn on each refusal (undefined: cannot renew). */
function tokens(answers: (string | undefined)[]) {
  const renewedFrom: string[] = [];
  const source: TokenSource = {
    current: async (c) => c,
    afterRejected: async (c) => {
      renewedFrom.push(c.credentials.access_token);
      const next = answers.shift();
      return next === undefined ? undefined : { ...c, credentials: { ...c.credentials, access_token: next } };
    },
  };
  return { source, renewedFrom };
}

const definition = { name: 'acme', auth: { scheme: 'bearer', token: 'credentials.access_token' } };
const connection: ConnectionContext = {
  id: 'con_1',
  tenantId: 't',
  provider: 'acme',
  settings: {},
  credentials: { access_token: 'cached', refresh_token: 'r' },
  authMethod: 'oauth2',
};
const get = (sender: RetryingSender) =>
  sender.send(
    definition as unknown as ProviderDefinition,
    connection,
    { method: 'GET', url: 'http://p/x', params: {} },
    'tickets',
  );

describe('RetryingSender — a refused access token', () => {
  it('is renewed and the call sent again with the fresh token', async () => {
    const { transport, sent } = provider(new Set(['fresh']));
    const { source, renewedFrom } = tokens(['fresh']);
    const answer = await get(new RetryingSender(transport, new ExpressionCache(), {}, source));
    expect(answer.status).toBe(200);
    expect(sent).toEqual(['cached', 'fresh']);
    expect(renewedFrom).toEqual(['cached']);
  });

  it("another process's stored token refused too (this one read a cached older one): renewed once more, as the stale one", async () => {
    // Both tokens expired at the provider: the first renewal hands back the stored one (someone else's refresh),
    // the second is a refresh of our own.
    const { transport, sent } = provider(new Set(['refreshed']));
    const { source, renewedFrom } = tokens(['stored', 'refreshed']);
    const answer = await get(new RetryingSender(transport, new ExpressionCache(), {}, source));
    expect(answer.status).toBe(200);
    expect(sent).toEqual(['cached', 'stored', 'refreshed']);
    expect(renewedFrom).toEqual(['cached', 'stored']);
  });

  it('the renewal failing as well ends in the refusal: two renewals at most, never the same token twice', async () => {
    const { transport, sent } = provider(new Set());
    const { source, renewedFrom } = tokens(['stored', 'again', 'more']);
    await expect(
      get(new RetryingSender(transport, new ExpressionCache(), {}, source)),
    ).rejects.toBeInstanceOf(ProviderAuthError);
    expect(sent).toEqual(['cached', 'stored', 'again']);
    expect(renewedFrom).toEqual(['cached', 'stored']);

    const same = provider(new Set());
    const repeat = tokens(['cached']);
    await expect(
      get(new RetryingSender(same.transport, new ExpressionCache(), {}, repeat.source)),
    ).rejects.toBeInstanceOf(ProviderAuthError);
    expect(same.sent).toEqual(['cached']);
  });

  it('errors of the token source (needs re-authorisation) reach the caller as they are', async () => {
    const { transport } = provider(new Set());
    const refusal = new Error('needs reauth');
    const source: TokenSource = { current: async (c) => c, afterRejected: () => Promise.reject(refusal) };
    await expect(get(new RetryingSender(transport, new ExpressionCache(), {}, source))).rejects.toBe(refusal);
  });
});
