import {
  SERVICENOW_SEED_INSTANCE,
  SERVICENOW_SEED_PASSWORD,
  SERVICENOW_SEED_USERNAME,
  ServiceNowEmulator,
} from '@app/sandbox/servicenow';
import type { ConnectionContext } from '../engine/connection-context';
import { engineFor } from '../testing/provider-test-kit';
import { servicenow } from './index';

/** An emulator, a client with quick retries, and connections (basic by default) pointed at the emulator. */
export function serviceNowHarness(options: { now?: () => Date } = {}) {
  const emulator = new ServiceNowEmulator(options);
  const { client } = engineFor(servicenow);
  const connection = (credentials: Record<string, string> = {}): ConnectionContext => ({
    id: 'c-servicenow',
    tenantId: 't1',
    provider: 'servicenow',
    settings: { base_url: emulator.url, instance: SERVICENOW_SEED_INSTANCE },
    credentials: { username: SERVICENOW_SEED_USERNAME, password: SERVICENOW_SEED_PASSWORD, ...credentials },
  });
  return { emulator, client, connection };
}
