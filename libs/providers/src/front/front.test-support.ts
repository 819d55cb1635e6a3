import { engineFor } from '../testing/provider-test-kit';
import { FRONT_SEED_INBOX_ID, FRONT_SEED_TOKEN, FrontEmulator } from '@app/sandbox/front';
import type { ConnectionContext } from '../engine/connection-context';
import { front } from './index';

/** An emulator, a client with quick retries, and a connection pointed at the emulator. */
export function frontHarness() {
  const emulator = new FrontEmulator();
  const { client } = engineFor(front);
  const connection = (token = FRONT_SEED_TOKEN): ConnectionContext => ({
    id: 'c-front',
    tenantId: 't1',
    provider: 'front',
    settings: { base_url: emulator.url, inbox_id: FRONT_SEED_INBOX_ID },
    credentials: { api_token: token },
  });
  return { emulator, client, connection };
}

export { expectValid, walk } from '../testing/provider-test-kit';
