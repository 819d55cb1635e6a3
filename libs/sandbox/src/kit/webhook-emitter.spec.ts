import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookEmitter } from './webhook-emitter';

describe('WebhookEmitter.silently', () => {
  let server: Server;
  let received: string[];
  let url: string;

  beforeAll(async () => {
    received = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push(body);
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends and records nothing for changes made inside it, and everything again after', async () => {
    const emitter = new WebhookEmitter();
    emitter.subscribe({ url, secret: 's' });
    const sign = () => ({ 'x-signature': 'sig' });
    const result = await emitter.silently(async () => {
      emitter.emit({ change: 'silent' }, sign);
      await Promise.resolve();
      emitter.emit({ change: 'silent too' }, sign);
      return 42;
    });
    expect(result).toBe(42);
    emitter.emit({ change: 'announced' }, sign);
    await emitter.flush();
    expect(emitter.deliveries.map((d) => JSON.parse(d.body))).toEqual([{ change: 'announced' }]);
    expect(received.map((b) => JSON.parse(b))).toEqual([{ change: 'announced' }]);
  });

  it('is not left muted when the change throws', async () => {
    const emitter = new WebhookEmitter();
    await expect(emitter.silently(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    emitter.emit({ change: 'after' }, () => ({}));
    expect(emitter.deliveries).toHaveLength(0); // no subscription: recorded per subscription
    emitter.subscribe({ url, secret: 's' });
    emitter.emit({ change: 'after' }, () => ({}));
    await emitter.flush();
    expect(emitter.deliveries).toHaveLength(1);
  });
});
