import { engineFor } from '../testing/provider-test-kit';
import { FRESHDESK_SEED_API_KEY, FRESHDESK_SEED_DOMAIN, FreshdeskEmulator } from '@app/sandbox/freshdesk';
import type { ConnectionContext } from '../engine/connection-context';
import { freshdesk } from './index';

/** An emulator, a client with quick retries, and a connection pointed at the emulator. */
export function freshdeskHarness(options: { now?: () => Date } = {}) {
  const emulator = new FreshdeskEmulator(options);
  const { registry, client } = engineFor(freshdesk);
  const connection = (apiKey = FRESHDESK_SEED_API_KEY): ConnectionContext => ({
    id: 'c-freshdesk',
    tenantId: 't1',
    provider: 'freshdesk',
    settings: { base_url: emulator.url, domain: FRESHDESK_SEED_DOMAIN },
    credentials: { api_key: apiKey },
  });
  return { emulator, registry, client, connection };
}

export { expectValid, walk } from '../testing/provider-test-kit';
