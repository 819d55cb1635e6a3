import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { destinationPolicyOf, DeliveryPolicySettings } from './delivery-settings';
import { DestinationGuard, type Resolver } from './destination-guard';
import { WebhookSender } from './webhook-sender';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function policy(allowedHosts: string, allowHttp = 'true') {
  const settings = Object.assign(new DeliveryPolicySettings(), {
    DISPATCH_ALLOWED_HOSTS: allowedHosts,
    DISPATCH_ALLOW_HTTP: allowHttp,
  });
  return destinationPolicyOf(settings);
}

describe('DestinationGuard and WebhookSender', () => {
  let server: Server;
  let port: number;
  let handler: Handler = (_req, res) => res.end('ok');
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (hits.length = 0));

  const send = (sender: WebhookSender, url: string) => sender.send({ url, headers: {}, body: '{}' });

  it('validates URLs statically: scheme, credentials, literal private addresses', () => {
    const strict = new DestinationGuard(policy('', 'false'));
    expect(strict.urlProblems('http://example.com/hook')).toEqual(['url must use https']);
    expect(strict.urlProblems('https://user:pw@example.com/')).toEqual(['url must not contain credentials']);
    expect(strict.urlProblems('https://169.254.169.254/latest/meta-data')[0]).toContain('link-local');
    expect(strict.urlProblems('https://[::ffff:10.0.0.1]/')[0]).toContain('private');
    expect(strict.urlProblems('https://0x7f.1/')[0]).toContain('loopback'); // WHATWG parses it as 127.0.0.1
    expect(strict.urlProblems('https://example.com/hook?x=1')).toEqual([]);
    expect(strict.urlProblems('not a url')).toEqual(['url must be an absolute URL']);
    expect(new DestinationGuard(policy('127.0.0.1')).urlProblems('http://127.0.0.1:1/')).toEqual([]);
  });

  it('checks where a name resolves when validating, and accepts names that do not resolve yet', async () => {
    const resolver: Resolver = async (host) => {
      if (host === 'internal.test') return [{ address: '10.1.2.3', family: 4 }];
      if (host === 'public.test') return [{ address: '93.184.215.14', family: 4 }];
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    const guard = new DestinationGuard(policy(''), resolver);
    expect((await guard.validate('https://internal.test/'))[0]).toContain('private address (10.1.2.3)');
    expect(await guard.validate('https://public.test/')).toEqual([]);
    expect(await guard.validate('https://nowhere.test/')).toEqual([]);
  });

  it('refuses loopback at connect time unless allowlisted, and delivers when allowlisted', async () => {
    const refused = new WebhookSender(new DestinationGuard(policy('')), 2_000);
    const literal = await send(refused, `http://127.0.0.1:${port}/a`);
    expect(literal).toMatchObject({ ok: false, statusCode: null });
    expect(literal.error).toContain('loopback');
    const named = await send(refused, `http://localhost:${port}/b`);
    expect(named.error).toMatch(/destination refused: localhost resolves to a loopback address/);
    expect(hits).toEqual([]);

    const allowed = new WebhookSender(new DestinationGuard(policy('127.0.0.1,localhost')), 2_000);
    expect(await send(allowed, `http://127.0.0.1:${port}/c`)).toMatchObject({ ok: true, statusCode: 200 });
    expect(await send(allowed, `http://localhost:${port}/d`)).toMatchObject({ ok: true, statusCode: 200 });
    expect(hits).toEqual(['/c', '/d']);
    refused.close();
    allowed.close();
  });

  it('sends the body with its exact byte length, never chunked (some subscribers refuse chunked bodies)', async () => {
    const seen: { length?: string; encoding?: string; body: string }[] = [];
    handler = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({
          length: req.headers['content-length'],
          encoding: req.headers['transfer-encoding'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.end('ok');
      });
    };
    const sender = new WebhookSender(new DestinationGuard(policy('127.0.0.1')), 2_000);
    const body = JSON.stringify({ title: 'Überprüfung — 検証 🎫' });
    const result = await sender.send({ url: `http://127.0.0.1:${port}/len`, headers: {}, body });
    sender.close();
    handler = (_req, res) => res.end('ok');
    expect(result).toMatchObject({ ok: true, statusCode: 200 });
    expect(seen).toEqual([{ length: String(Buffer.byteLength(body)), encoding: undefined, body }]);
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
  });

  it('vets the address the name resolves to at connect time (DNS rebinding)', async () => {
    let answer = '93.184.215.14';
    const rebinding: Resolver = async () => [{ address: answer, family: 4 }];
    const guard = new DestinationGuard(policy(''), rebinding);
    expect(await guard.validate(`http://rebind.test:${port}/`)).toEqual([]);
    answer = '127.0.0.1'; // the name now points at loopback
    const sender = new WebhookSender(guard, 2_000);
    const result = await send(sender, `http://rebind.test:${port}/x`);
    expect(result.error).toContain('rebind.test resolves to a loopback address (127.0.0.1)');
    expect(hits).toEqual([]);
    sender.close();
  });

  it('treats redirects and non-2xx as failures, reads Retry-After, times out', async () => {
    const sender = new WebhookSender(new DestinationGuard(policy('127.0.0.1')), 300);
    handler = (_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    const redirected = await send(sender, `http://127.0.0.1:${port}/r`);
    expect(redirected).toMatchObject({ ok: false, statusCode: 302 });
    expect(redirected.error).toContain('not followed');
    expect(hits).toEqual(['/r']);

    handler = (_req, res) => res.writeHead(429, { 'retry-after': '7' }).end();
    expect(await send(sender, `http://127.0.0.1:${port}/t`)).toMatchObject({
      ok: false,
      statusCode: 429,
      retryAfterMs: 7_000,
      throttled: true,
    });

    handler = () => undefined; // never answers
    const slow = await send(sender, `http://127.0.0.1:${port}/slow`);
    expect(slow).toMatchObject({ ok: false, statusCode: null, throttled: true });
    expect(slow.error).toBe('timed out after 300 ms');
    expect(slow.latencyMs).toBeGreaterThanOrEqual(290);
    handler = (_req, res) => res.end('ok');
    sender.close();
  });
});
