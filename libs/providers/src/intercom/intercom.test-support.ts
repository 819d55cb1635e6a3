import { engineFor } from '../testing/provider-test-kit';
import { intercomDemo, IntercomEmulator, INTERCOM_SEED_TOKEN } from '@app/sandbox/intercom';
import type { ConnectionContext } from '../engine/connection-context';
import { intercom } from './index';

/** An emulator, a client with quick retries, and connections (the demo's settings) pointed at it. */
export function intercomHarness() {
  const emulator = new IntercomEmulator();
  const { client } = engineFor(intercom, { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 20 });
  const connection = (
    token = INTERCOM_SEED_TOKEN,
    settings: Record<string, string> = intercomDemo.settings,
  ): ConnectionContext => ({
    id: 'c-intercom',
    tenantId: 't1',
    provider: 'intercom',
    settings: { ...settings, base_url: emulator.url },
    credentials: { access_token: token },
  });
  return { emulator, client, connection };
}

export { expectValid, walk } from '../testing/provider-test-kit';
