import type { CredentialCipher } from './credential-cipher';

/**
 * Ticket content the store keeps for a while (the dispatcher's retained CloudEvents, the answers
 * replayed for an Idempotency-Key) is sealed with the same key ring as credentials. Those bodies are
 * JSON text, which never starts with `v1:`, so a stored value tells by itself whether it is sealed:
 * rows written before sealing existed (or by an older instance during a rolling upgrade) still read,
 * and the migration and key rotation seal whatever is left plain.
 */
export const isSealed = (stored: string): boolean => stored.startsWith('v1:');

/** Binds a retained event's body to its row: a blob copied to another tenant or event does not open. */
export const eventBodyAad = (tenantId: string, eventId: string) => `event:${tenantId}:${eventId}:body`;

/** Binds a stored idempotent answer to its tenant and key. */
export const idempotencyBodyAad = (tenantId: string, key: string) => `idempotency:${tenantId}:${key}:body`;

export function requireCipher(cipher: CredentialCipher | undefined, what: string): CredentialCipher {
  if (!cipher) throw new Error(`store: no credential cipher configured — ${what} cannot be sealed or opened`);
  return cipher;
}

export function openText(cipher: CredentialCipher | undefined, stored: string, aad: string): string {
  return isSealed(stored) ? requireCipher(cipher, 'stored bodies').decrypt(stored, aad) : stored;
}

/** Sealed with the active key: plain text gets sealed, other keys' blobs re-sealed; undefined if current. */
export function resealed(cipher: CredentialCipher, stored: string, aad: string): string | undefined {
  if (!isSealed(stored)) return cipher.encrypt(stored, aad);
  return cipher.needsRotation(stored) ? cipher.rotate(stored, aad) : undefined;
}
