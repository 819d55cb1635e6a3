import { engineFor } from '../testing/provider-test-kit';
import { ZENDESK_SEED_CREDENTIALS, ZENDESK_SEED_SUBDOMAIN, ZendeskEmulator } from '@app/sandbox/zendesk';
import type { ConnectionContext } from '../engine/connection-context';
import { zendesk } from './index';

/** An emulator, a client with quick retries, and a connection pointed at the emulator. */
export function zendeskHarness() {
  const emulator = new ZendeskEmulator();
  const { registry, client } = engineFor(zendesk);
  const connection = (
    credentials: Record<string, string> = { ...ZENDESK_SEED_CREDENTIALS },
  ): ConnectionContext => ({
    id: 'c-zendesk',
    tenantId: 't1',
    provider: 'zendesk',
    settings: { base_url: emulator.url, subdomain: ZENDESK_SEED_SUBDOMAIN },
    credentials,
  });
  return { emulator, registry, client, connection };
}

export { expectValid, walk } from '../testing/provider-test-kit';
