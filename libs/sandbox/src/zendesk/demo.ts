import type { DemoProvider } from '../demo/demo-provider';
import { ZENDESK_SEED_CREDENTIALS, ZENDESK_SEED_SUBDOMAIN } from './seed';
import { ZendeskEmulator } from './zendesk-emulator';

export const zendeskDemo: DemoProvider = {
  provider: 'zendesk',
  port: 4102,
  createEmulator: () => new ZendeskEmulator(),
  settings: { subdomain: ZENDESK_SEED_SUBDOMAIN },
  credentials: { ...ZENDESK_SEED_CREDENTIALS },
};
