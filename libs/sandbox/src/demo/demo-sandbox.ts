import type { Store } from '@app/store';
import type { DemoProvider, WebhookSendingEmulator } from './demo-provider';

export interface DemoConnection {
  provider: string;
  connectionId: string;
  emulatorUrl: string;
}

export interface DemoSandbox {
  tenantId: string;
  /** A fresh API key of the demo tenant (earlier ones stay valid). */
  apiKey: string;
  connections: DemoConnection[];
  stop(): Promise<void>;
}

const TENANT_NAME = 'demo';

/**
 * Runs every demo provider's emulator on its fixed port, makes sure the store holds a `demo` tenant with
 * one connection per provider pointing at it, and has each emulator send its signed webhooks to ingest.
 */
export async function startDemoSandbox(
  store: Store,
  providers: readonly DemoProvider[],
  ingestUrl: string,
  portOffset = 0,
): Promise<DemoSandbox> {
  const tenant =
    (await store.tenants.list()).find((t) => t.name === TENANT_NAME) ??
    (await store.tenants.create({ name: TENANT_NAME }));
  const { secret: apiKey } = await store.apiKeys.issue(tenant.id, {
    name: `demo ${new Date().toISOString()}`,
  });
  const existing = await store.connections.listForTenant(tenant.id);
  const emulators: WebhookSendingEmulator[] = [];
  const connections: DemoConnection[] = [];
  for (const demo of providers) {
    const emulator = demo.createEmulator();
    const emulatorUrl = await emulator.start(demo.port + portOffset);
    emulators.push(emulator);
    const name = `demo-${demo.provider}`;
    const webhookSecret = `demo-${demo.provider}-webhook-secret`;
    const settings = { ...demo.settings, base_url: emulatorUrl };
    const found = existing.find((c) => c.name === name);
    const connection = found
      ? await store.connections.update(tenant.id, found.id, {
          settings,
          credentials: demo.credentials,
          webhookSecret,
        })
      : await store.connections.create(tenant.id, {
          provider: demo.provider,
          name,
          settings,
          credentials: demo.credentials,
          webhookSecret,
        });
    if (!connection) throw new Error(`demo connection ${name} vanished`);
    emulator.subscribeWebhooks(`${ingestUrl.replace(/\/+$/, '')}/webhooks/${connection.id}`, webhookSecret);
    connections.push({ provider: demo.provider, connectionId: connection.id, emulatorUrl });
  }
  return {
    tenantId: tenant.id,
    apiKey,
    connections,
    stop: async () => void (await Promise.all(emulators.map((e) => e.stop()))),
  };
}
