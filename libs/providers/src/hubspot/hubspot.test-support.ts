import { HUBSPOT_SEED_PORTAL_ID, HUBSPOT_SEED_TOKEN, HubspotEmulator } from '@app/sandbox/hubspot';
import type { ConnectionContext } from '../engine/connection-context';
import { engineFor } from '../testing/provider-test-kit';
import { hubspot } from './index';

/** An emulator, a client with quick retries, and a connection pointed at the emulator. */
export function hubspotHarness() {
  const emulator = new HubspotEmulator();
  const { registry, client } = engineFor(hubspot);
  const connection = (token = HUBSPOT_SEED_TOKEN): ConnectionContext => ({
    id: 'c-hubspot',
    tenantId: 't1',
    provider: 'hubspot',
    settings: { base_url: emulator.url, portal_id: HUBSPOT_SEED_PORTAL_ID },
    credentials: { access_token: token },
  });
  return { emulator, registry, client, connection };
}

export { expectValid, failureOf as failure, walk } from '../testing/provider-test-kit';
