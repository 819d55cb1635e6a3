import { HELP_SCOUT_SEED_MAILBOX, HELP_SCOUT_SEED_TOKEN, HelpScoutEmulator } from '@app/sandbox/help_scout';
import type { ConnectionContext } from '../engine/connection-context';
import { engineFor } from '../testing/provider-test-kit';
import { helpScout } from './index';

/** An emulator, a client with quick retries, and a connection pointed at the emulator. */
export function helpScoutHarness() {
  const emulator = new HelpScoutEmulator();
  const { registry, client } = engineFor(helpScout);
  const connection = (token = HELP_SCOUT_SEED_TOKEN): ConnectionContext => ({
    id: 'c-help-scout',
    tenantId: 't1',
    provider: 'help_scout',
    settings: { base_url: emulator.url, mailbox_id: HELP_SCOUT_SEED_MAILBOX },
    credentials: { access_token: token },
  });
  return { emulator, registry, client, connection };
}

export { expectValid, failureOf as failure, walk } from '../testing/provider-test-kit';
