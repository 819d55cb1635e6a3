import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import axios from 'axios';
import { bodyBytes, HttpTransport, TransportError, type ProviderRequest } from './http-transport';
import { rawJsonOf } from './raw-json';

/** What the provider side saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const ANSWER = { id: 7, title: 'Ünïcode ✓', labels: ['a', 'b'] };

/** A provider that records requests and answers per path: compressed, redirecting, silent, stalling. */
function provider(seen: Seen[]): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      answer(req.url ?? '/', res);
    });
  });
}

function answer(url: string, res: ServerResponse): void {
  const json = Buffer.from(JSON.stringify(ANSWER));
  const encoded: Record<string, [string, Buffer]> = {
    '/gzip': ['gzip', gzipSync(json)],
    '/x-gzip': ['x-gzip', gzipSync(json)],
    '/deflate': ['deflate', deflateSync(json)],
    '/deflate-raw': ['deflate', deflateRawSync(json)],
    '/br': ['br', brotliCompressSync(json)],
    '/unknown-encoding': ['identity', json],
  };
  const path = url.split('?')[0];
  if (encoded[path]) {
    const [encoding, bytes] = encoded[path];
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
    res.end(bytes);
  } else if (path === '/no-content') {
    res.writeHead(204, { 'content-encoding': 'gzip' }).end();
  } else if (path === '/redirect') {
    res.writeHead(302, { location: '/elsewhere' }).end('moved');
  } else if (path === '/repeats') {
    res.setHeader('etag', ['"first"', '"second"']);
    res.setHeader('x-many', ['one', 'two']);
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('plain text');
  } else if (path === '/silent') {
    // Never answers.
  } else if (path === '/stall') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"partial":');
  } else {
    res.writeHead(200, { 'content-type': 'application/json' }).end(json);
  }
}

/** The transport's request and answer handling as it was with axios: the reference this one must equal. */
const reference = axios.create({
  timeout: 2_000,
  maxRedirects: 0,
  validateStatus: () => true,
  responseType: 'arraybuffer',
});

async function viaAxios(request: ProviderRequest) {
  const response = await reference.request<Buffer>({
    method: request.method,
    url: request.url,
    headers: request.headers,
    params: request.params,
    data: bodyBytes(request.body),
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && value !== null)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { status: response.status, headers, text: Buffer.from(response.data).toString() };
}

const HEADERS = {
  accept: 'application/json',
  'content-type': 'application/json',
  'user-agent': 'unified-ticketing',
  authorization: 'Bearer secret',
};

/** Values whose encoding differs between serializers (the proxy passes repeated keys as arrays). */
const TRICKY = {
  text: 'a b+c&d=e;f',
  colon: 'x:y',
  dollar: '$1',
  comma: 'a,b',
  unicode: 'é 日本 😀',
  brackets: '[1]',
  ' padded key ': ' padded value ',
  marks: "*!'()~",
  percent: '100%',
  hash: '#frag',
  slash: 'a/b?c=d',
  empty: '',
  missing: undefined,
  nothing: null,
  repeated: ['x', 'y z'],
  'named[]': ['1', '2'],
  nested: { a: { b: 'c' }, list: ['d'] },
  'json{}': { a: [1, 'two'] },
  when: new Date(Date.UTC(2026, 11, 5)),
  yes: true,
  count: 5,
} as unknown as Record<string, string>;

describe('HttpTransport', () => {
  const seen: Seen[] = [];
  const server = provider(seen);
  let base: string;
  const transport = new HttpTransport(400);

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Sends through both and returns what the provider saw of each. */
  async function bothSee(request: ProviderRequest): Promise<[Seen, Seen]> {
    seen.length = 0;
    await viaAxios(request);
    await transport.send(request);
    expect(seen).toHaveLength(2);
    return [seen[0], seen[1]];
  }

  const withoutConnection = ({ connection: _, ...headers }: IncomingHttpHeaders) => headers;

  it('encodes tricky query values exactly as axios did, after a URL with its own query and fragment', async () => {
    const url = `${base}/p%20a/é/items?existing=1&x=a b#fragment`;
    const [before, now] = await bothSee({ method: 'GET', url, headers: HEADERS, params: TRICKY });
    expect(now.url).toBe(before.url);
    expect(now.url).toContain('text=a+b%2Bc%26d%3De%3Bf&colon=x:y&dollar=$1&comma=a,b');
    expect(now.url).toContain('repeated%5B%5D=x&repeated%5B%5D=y+z&named%5B%5D=1&named%5B%5D=2');
    expect(now.url).toContain('nested%5Ba%5D%5Bb%5D=c&nested%5Blist%5D%5B0%5D=d');
    expect(now.url).toContain("padded+key=+padded+value+&marks=*!'()~&percent=100%25&hash=%23frag");
    expect(withoutConnection(now.headers)).toEqual(withoutConnection(before.headers));
  });

  it.each([
    ['one plain value', { q: 'open' }],
    ['no params', undefined],
    ['params that are all empty', { gone: undefined } as unknown as Record<string, string>],
  ])('sends %s as axios did', async (_name, params) => {
    const [before, now] = await bothSee({ method: 'GET', url: `${base}/issues#x`, headers: HEADERS, params });
    expect(now.url).toBe(before.url);
  });

  it.each([
    ['JSON', { title: 'New', labels: ['x'] }],
    ['bytes', Buffer.from([0, 1, 2, 255])],
  ])('sends a %s body with the same headers and bytes as axios did', async (_name, body) => {
    const request: ProviderRequest = { method: 'POST', url: `${base}/issues`, headers: HEADERS, body };
    const [before, now] = await bothSee(request);
    expect(now.body).toBe(before.body);
    expect(withoutConnection(now.headers)).toEqual(withoutConnection(before.headers));
    expect(now.headers['accept-encoding']).toBe('gzip, compress, deflate, br');
  });

  it('sends Basic authorization for credentials in the URL, in place of the given one, as axios did', async () => {
    const url = `${base.replace('//', '//us%40er:p%3Ass@')}/me`;
    const [before, now] = await bothSee({ method: 'GET', url, headers: HEADERS });
    expect(now.headers.authorization).toBe(before.headers.authorization);
    expect(now.headers.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
  });

  it.each(['/gzip', '/x-gzip', '/deflate', '/deflate-raw', '/br'])(
    'decompresses %s and drops content-encoding, as axios did',
    async (path) => {
      const request: ProviderRequest = { method: 'GET', url: `${base}${path}`, headers: HEADERS };
      const before = await viaAxios(request);
      const now = await transport.send(request);
      expect(now.body).toEqual(ANSWER);
      expect(now.body).toEqual(JSON.parse(before.text));
      expect(now.headers).not.toHaveProperty('content-encoding');
      expect(now.headers).toEqual({ ...before.headers, date: now.headers.date });
      // The provider's own (decompressed) bytes are kept for remote_data.
      expect(rawJsonOf(now.body)?.toString()).toBe(JSON.stringify(ANSWER));
    },
  );

  it('leaves an encoding it does not know as it came, and a 204 without content-encoding', async () => {
    const identity = await transport.send({
      method: 'GET',
      url: `${base}/unknown-encoding`,
      headers: HEADERS,
    });
    expect(identity.headers['content-encoding']).toBe('identity');
    expect(identity.body).toEqual(ANSWER);
    const empty = await transport.send({ method: 'GET', url: `${base}/no-content`, headers: HEADERS });
    expect(empty).toMatchObject({ status: 204, body: undefined });
    expect(empty.headers).not.toHaveProperty('content-encoding');
  });

  it('merges repeated answer headers as axios (Node) did: single-valued ones keep the first', async () => {
    const request: ProviderRequest = { method: 'GET', url: `${base}/repeats`, headers: HEADERS };
    const before = await viaAxios(request);
    const now = await transport.send(request);
    expect(now.headers).toEqual({ ...before.headers, date: now.headers.date });
    expect(now.headers).toMatchObject({ etag: '"first"', 'x-many': 'one, two', 'set-cookie': 'a=1, b=2' });
    expect(now.body).toBe('plain text');
  });

  it('hands a redirect back instead of following it (credentials stay with the provider)', async () => {
    const now = await transport.send({ method: 'GET', url: `${base}/redirect`, headers: HEADERS });
    expect(now).toMatchObject({ status: 302, body: 'moved', headers: { location: '/elsewhere' } });
    expect(seen.map((s) => s.url)).not.toContain('/elsewhere');
  });

  it('times out a provider that does not answer, or stops sending the body', async () => {
    for (const path of ['/silent', '/stall']) {
      const started = Date.now();
      const failure = transport.send({ method: 'GET', url: `${base}${path}`, headers: HEADERS });
      await expect(failure).rejects.toThrow(TransportError);
      await expect(failure).rejects.toMatchObject({ timedOut: true });
      expect(Date.now() - started).toBeLessThan(3_000);
    }
  });

  it('says the provider cannot be reached when nothing listens, without calling it a timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = transport.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: HEADERS });
    await expect(failure).rejects.toMatchObject({
      timedOut: false,
      message: expect.stringMatching(/^cannot reach the provider: .*ECONNREFUSED/),
    });
  });

  it('keeps connections alive across calls to the same origin', async () => {
    const sockets = new Set<unknown>();
    const onConnection = (socket: unknown) => sockets.add(socket);
    server.on('connection', onConnection);
    try {
      const fresh = new HttpTransport(1_000);
      for (let i = 0; i < 10; i++)
        await fresh.send({ method: 'GET', url: `${base}/issues`, headers: HEADERS });
      // The pool may open a second connection while the first is being handed back; never one per call.
      expect(sockets.size).toBeLessThanOrEqual(2);
    } finally {
      server.off('connection', onConnection);
    }
  });
});
