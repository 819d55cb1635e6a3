import type { ProviderEmulator } from '../kit/provider-emulator';
import type { ConformanceProfile } from './conformance-profile';

/** An emulator that can send its provider's webhooks to a URL, signed with a secret. */
export interface WebhookSendingEmulator extends ProviderEmulator {
  subscribeWebhooks(url: string, secret: string): void;
}

/**
 * What the local demo needs to run one provider: its emulator, and the connection settings and
 * credentials that reach it. Each provider's sandbox folder exports one.
 */
export interface DemoProvider<E extends WebhookSendingEmulator = WebhookSendingEmulator> {
  provider: string;
  /** Fixed port, so the demo connections stay valid across restarts. */
  port: number;
  createEmulator(): E;
  settings: Record<string, string>;
  credentials: Record<string, string>;
  /** What the conformance suite writes and counts for this provider. */
  conformance: ConformanceProfile<E>;
}
