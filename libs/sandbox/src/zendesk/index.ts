export { ZendeskEmulator, zendeskRateLimitFault, type ZendeskEmulatorOptions } from './zendesk-emulator';
export { signZendesk } from './events';
export {
  ZENDESK_SEED_ACCOUNT_ID,
  ZENDESK_SEED_CREDENTIALS,
  ZENDESK_SEED_SUBDOMAIN,
  ZENDESK_SEED_TICKET_COUNT,
} from './seed';
export type { ZendeskState } from './model';
