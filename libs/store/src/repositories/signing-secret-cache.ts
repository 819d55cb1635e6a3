import type { CredentialCipher } from '../crypto/credential-cipher';
import { subscriptionSecretAad } from './subscription-repository';

/** Distinct subscriptions' secrets kept opened; beyond that the oldest entry is dropped. */
const CAPACITY = 4096;

/**
 * The dispatcher signs every delivery, and opening a subscription's sealed secrets (AES-GCM, one or
 * two blobs) for each one showed in its profile. Opened secrets are kept keyed by the sealed blobs
 * themselves, as read with the claimed row: a rotation writes new blobs (a new random IV each time),
 * so it is a new key and never served stale; nothing needs invalidating. The rotation window of the
 * previous secret is applied at each use, not cached.
 */
export class SigningSecretCache {
  private readonly opened = new Map<string, readonly [string, string | undefined]>();

  constructor(private readonly cipher: CredentialCipher | undefined) {}

  open(
    row: { subscription_id: string; secret_enc: string; previous_secret_enc: string | null },
    now: string,
    previousUntil: string | null,
  ): string[] {
    const key = `${row.subscription_id}\n${row.secret_enc}\n${row.previous_secret_enc ?? ''}`;
    let pair = this.opened.get(key);
    if (pair === undefined) {
      const current = this.tryOpen(row.subscription_id, row.secret_enc, 'secret');
      if (current === undefined) return []; // not cached: a failure is cheap and rare
      const previous =
        row.previous_secret_enc === null
          ? undefined
          : this.tryOpen(row.subscription_id, row.previous_secret_enc, 'previous_secret');
      pair = [current, previous];
      if (this.opened.size >= CAPACITY) this.opened.delete(this.opened.keys().next().value as string);
      this.opened.set(key, pair);
    }
    const [current, previous] = pair;
    if (row.previous_secret_enc === null || previousUntil === null || previousUntil <= now) return [current];
    // As openSigningSecrets: a previous secret inside its window that cannot be opened signs nothing.
    return previous === undefined ? [] : [current, previous];
  }

  private tryOpen(id: string, blob: string, slot: 'secret' | 'previous_secret'): string | undefined {
    try {
      return this.cipher?.decrypt(blob, subscriptionSecretAad(id, slot));
    } catch {
      return undefined;
    }
  }
}
