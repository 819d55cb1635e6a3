import { calledUrl } from './webhook.controller';

describe('calledUrl: the URL a provider signed, as the ingest reconstructs it', () => {
  it('uses the connection scheme and Host header with the path and query as received', () => {
    expect(
      calledUrl({ protocol: 'http', headers: { host: '127.0.0.1:3001' }, url: '/webhooks/c-1?x=1' }),
    ).toBe('http://127.0.0.1:3001/webhooks/c-1?x=1');
  });

  it('prefers the first forwarded scheme and host behind a proxy', () => {
    expect(
      calledUrl({
        protocol: 'http',
        headers: {
          host: 'ingest:3001',
          'x-forwarded-proto': 'https, http',
          'x-forwarded-host': 'hooks.example.com',
        },
        url: '/webhooks/c-1',
      }),
    ).toBe('https://hooks.example.com/webhooks/c-1');
  });
});
