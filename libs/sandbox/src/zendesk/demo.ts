import { zendeskListCount } from './conformance-counts';
import { ZENDESK_WRITE_PLANS } from './conformance';
import type { DemoProvider } from '../demo/demo-provider';
import { zendeskCorpusOutcome } from './corpus-outcome';
import { ZENDESK_SEED_CREDENTIALS, ZENDESK_SEED_SUBDOMAIN } from './seed';
import { ZendeskEmulator, zendeskRateLimitFault } from './zendesk-emulator';

export const zendeskDemo: DemoProvider<ZendeskEmulator> = {
  provider: 'zendesk',
  port: 4102,
  createEmulator: () => new ZendeskEmulator(),
  settings: { subdomain: ZENDESK_SEED_SUBDOMAIN },
  credentials: { ...ZENDESK_SEED_CREDENTIALS },
  conformance: {
    plans: ZENDESK_WRITE_PLANS,
    count: zendeskListCount,
    corpus: zendeskCorpusOutcome,
    corpusMapsEverything: true,
    rateLimitNext: (emulator, times) => emulator.injectFault(zendeskRateLimitFault(1, times)),
  },
};
