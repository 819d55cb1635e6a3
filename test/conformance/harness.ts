import { capabilitiesOf, ProviderRegistry, type Capability } from '@app/providers';
import { DEMO_PROVIDERS, type DemoProvider, type WebhookSendingEmulator } from '@app/sandbox/demo';
import { createRecordValidator, type UnifiedResourceName } from '@app/unified-models';
import { createTenant, startGateway, type RunningGateway } from '../support/gateway';

/**
 * The conformance suite's world: one gateway, one tenant, and for every registered demo provider its
 * emulator, a connection to it and a connection with refused credentials. A provider is in the suite by
 * being registered (definition + demo entry): nothing here names one.
 */
export interface ConformanceWorld {
  gateway: RunningGateway;
  key: string;
  emulators: Record<string, WebhookSendingEmulator>;
  connections: Record<string, string>;
  refusedConnections: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The demo providers under test: all of them, or those `CONFORMANCE_PROVIDERS` names (comma-separated), so
 * one provider's author can run the suite for it alone.
 */
const wanted = (process.env.CONFORMANCE_PROVIDERS ?? '')
  .split(',')
  .map((n) => n.trim())
  .filter(Boolean);
export const conformanceProviders: readonly DemoProvider[] = selectProviders();

/** The registered providers the suite must cover: every one, or the `CONFORMANCE_PROVIDERS` selection. */
export const registeredUnderTest: string[] = new ProviderRegistry()
  .all()
  .map((d) => d.name)
  .filter((name) => wanted.length === 0 || wanted.includes(name));

function selectProviders(): readonly DemoProvider[] {
  if (wanted.length === 0) return DEMO_PROVIDERS;
  const unknown = wanted.filter((n) => !DEMO_PROVIDERS.some((d) => d.provider === n));
  if (unknown.length) throw new Error(`CONFORMANCE_PROVIDERS names no demo provider: ${unknown.join(', ')}`);
  return DEMO_PROVIDERS.filter((d) => wanted.includes(d.provider));
}

export const conformanceCapabilities: Capability[] = capabilitiesOf(new ProviderRegistry()).filter((c) =>
  conformanceProviders.some((d) => d.provider === c.provider),
);

export const demoOf = (provider: string): DemoProvider =>
  DEMO_PROVIDERS.find((d) => d.provider === provider) as DemoProvider;

export async function startConformanceWorld(name: string): Promise<ConformanceWorld> {
  const gateway = await startGateway({
    // The suite drives providers' 429s itself; the gateway's own fair-use limits stay out of the way.
    TENANT_RATE_LIMIT_PER_SECOND: '0',
    API_KEY_RATE_LIMIT_PER_SECOND: '0',
  });
  const { key } = await createTenant(gateway, name);
  const world: ConformanceWorld = {
    gateway,
    key,
    emulators: {},
    connections: {},
    refusedConnections: {},
    close: async () => {
      await gateway.close();
      await Promise.all(Object.values(world.emulators).map((e) => e.stop()));
    },
  };
  for (const demo of conformanceProviders) {
    const emulator = demo.createEmulator();
    const url = await emulator.start();
    world.emulators[demo.provider] = emulator;
    const connect = async (credentials: Record<string, string>) => {
      const created = await gateway.call('POST', '/connections', {
        key,
        body: { provider: demo.provider, settings: { ...demo.settings, base_url: url }, credentials },
      });
      if (created.status !== 201) throw new Error(`${demo.provider}: ${created.status} ${created.text}`);
      return created.body.id as string;
    };
    world.connections[demo.provider] = await connect(demo.credentials);
    world.refusedConnections[demo.provider] = await connect(
      Object.fromEntries(Object.keys(demo.credentials).map((k) => [k, `refused-${k}-0000`])),
    );
  }
  return world;
}

/** `{{ticket:SUP-3}}` in a plan → the id of the ticket numbered SUP-3, read through the gateway once. */
export function ticketResolver(world: ConformanceWorld) {
  const ids: Record<string, Record<string, string>> = {};
  return async <T>(provider: string, value: T): Promise<T> => {
    const text = JSON.stringify(value ?? null);
    if (!text.includes('{{ticket:')) return value;
    if (!ids[provider]) {
      ids[provider] = {};
      for (const t of await walk(world, provider, 'tickets', {}, 100))
        ids[provider][String(t.number)] = String(t.id);
    }
    return JSON.parse(text.replace(/\{\{ticket:([^}]+)\}\}/g, (_m, n: string) => ids[provider][n])) as T;
  };
}

export type ListedRecord = Record<string, unknown> & { id: string };

/** Every record of a unified list, page by page with the gateway's cursor; fails on a list that never ends. */
export async function walk(
  world: ConformanceWorld,
  provider: string,
  resource: string,
  query: Record<string, string>,
  limit: number,
  onPage?: (page: { result: ListedRecord[]; next_cursor: string | null }) => void,
): Promise<ListedRecord[]> {
  const records: ListedRecord[] = [];
  let cursor: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages > 500) throw new Error(`${provider} ${resource}: the list does not end`);
    const params = new URLSearchParams({
      connection_id: world.connections[provider],
      ...query,
      limit: String(limit),
      ...(cursor ? { next_cursor: cursor } : {}),
    });
    const answer = await world.gateway.call('GET', `/unified/ticketing/${resource}?${params}`, {
      key: world.key,
    });
    if (answer.status !== 200) throw new Error(`${provider} ${resource}: ${answer.status} ${answer.text}`);
    onPage?.(answer.body);
    records.push(...(answer.body.result as ListedRecord[]));
    cursor = answer.body.next_cursor;
    if (!cursor) return records;
  }
}

export const schemaErrors = (resource: string, record: unknown) =>
  createRecordValidator(resource as UnifiedResourceName)(record).errors ?? [];
