import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliveryIdOf, ProviderClient, ProviderRegistry } from '@app/providers';
import { DEMO_PROVIDERS } from './index';

/**
 * Providers that send no delivery id (Freshdesk's automation-rule webhooks) are deduplicated on a hash of
 * the body; their own specs show that successive changes differ in body.
 */
const withOwnIds = DEMO_PROVIDERS.filter((demo) => {
  const webhooks = new ProviderRegistry().get(demo.provider).webhooks;
  return Boolean(webhooks?.deliveryIdHeader ?? webhooks?.deliveryId);
});

/**
 * The ingest deduplicates on delivery ids for days. A restarted demo is a new emulator process with the
 * same seed: if it numbered deliveries from a fixed start, its first deliveries would repeat ids the
 * ingest already holds and be dropped as duplicates. Two fresh instances doing the same writes must
 * never produce the same id.
 */
describe.each(withOwnIds.map((demo) => [demo.provider, demo] as const))(
  '%s emulator delivery ids',
  (provider, demo) => {
    const registry = new ProviderRegistry();
    const webhooks = registry.get(provider).webhooks!;
    // Where the provider puts it: a header, or the body (Intercom's notification id).
    const deliveryIdSource = webhooks.deliveryIdHeader ?? 'the body';
    const client = new ProviderClient({ registry, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
    let receiver: Server;

    beforeAll(async () => {
      receiver = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          received.push({ headers: request.headers, body: Buffer.concat(chunks) });
          response.end('ok');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise((resolve) => receiver.close(resolve)));

    /** A fresh instance (as after a restart) creating the same three tickets; the ids it sent. */
    async function idsOfAFreshInstance(): Promise<string[]> {
      const emulator = demo.createEmulator();
      const url = await emulator.start();
      emulator.subscribeWebhooks(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, 's3cret');
      const from = received.length;
      const connection = {
        id: `c-${provider}`,
        tenantId: 't1',
        provider,
        settings: { ...demo.settings, base_url: url },
        credentials: { ...demo.credentials },
      };
      try {
        for (const name of ['first', 'second', 'third']) {
          await client.create(connection, 'tickets', { name, description: 'delivery id check' });
        }
        const deadline = Date.now() + 5_000;
        while (received.length - from < 3 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await emulator.stop();
      }
      return Promise.all(
        received.slice(from).map(({ headers, body }) =>
          deliveryIdOf(webhooks, {
            headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
            rawBody: body,
          }),
        ),
      );
    }

    it(`never repeats a delivery id (${deliveryIdSource}) across instances`, async () => {
      const first = await idsOfAFreshInstance();
      const second = await idsOfAFreshInstance();
      expect(first.length).toBeGreaterThanOrEqual(3);
      expect(second.length).toBe(first.length);
      // The provider's own id (a hash of the body would mean none was found); Intercom's carry a `notif_` prefix.
      for (const id of [...first, ...second]) expect(id).toMatch(/^([a-z]+_)?[0-9a-f-]{8,}$/i);
      expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
    });
  },
);
