import { ProviderClient, ProviderRegistry, type ConnectionContext } from '@app/providers';
import { ZENDESK_SEED_CREDENTIALS, ZENDESK_SEED_SUBDOMAIN, ZendeskEmulator } from '@app/sandbox/zendesk';

/** For the polling specs: the Zendesk emulator, the engine over every definition, and a connection to it. */
export function zendeskTestHarness() {
  const emulator = new ZendeskEmulator();
  const registry = new ProviderRegistry();
  const client = new ProviderClient({ registry });
  const connection = (): ConnectionContext => ({
    id: 'c-zendesk',
    tenantId: 't1',
    provider: 'zendesk',
    settings: { base_url: emulator.url, subdomain: ZENDESK_SEED_SUBDOMAIN },
    credentials: { ...ZENDESK_SEED_CREDENTIALS },
  });
  return { emulator, registry, client, connection };
}
