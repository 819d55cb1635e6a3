import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 32; // AES-256
const IV_BYTES = 12; // the GCM standard nonce size
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/; // no ':' — it separates the blob's fields

export type EncryptionKeys = Readonly<Record<string, Buffer>>;

/**
 * AES-256-GCM for secrets at rest. A blob reads `v1:<keyId>:<iv b64>:<tag b64>:<data b64>`:
 * it names the key that sealed it, so several keys can be loaded at once — new data is sealed
 * with the active key, old data still opens with its own key until it is re-encrypted.
 *
 * `aad` (additional authenticated data) binds a blob to where it is stored (e.g. the connection
 * id): a blob copied into another row fails to decrypt instead of leaking into the wrong tenant.
 */
export class CredentialCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    keys: EncryptionKeys,
    readonly activeKeyId: string,
  ) {
    const entries = Object.entries(keys);
    for (const [id, key] of entries) {
      if (!KEY_ID.test(id)) throw new Error(`encryption key id "${id}" must match ${KEY_ID}`);
      if (key.length !== KEY_BYTES) {
        throw new Error(`encryption key "${id}" must be ${KEY_BYTES} bytes, got ${key.length}`);
      }
    }
    this.keys = new Map(entries.map(([id, key]) => [id, Buffer.from(key)]));
    if (!this.keys.has(activeKeyId)) {
      throw new Error(`active encryption key "${activeKeyId}" is not among the loaded keys`);
    }
  }

  /** From the env format of {@link parseEncryptionKeys}; the first listed key is the active one. */
  static fromEnv(value: string | undefined, activeKeyId?: string): CredentialCipher {
    const parsed = parseEncryptionKeys(value);
    return new CredentialCipher(parsed.keys, activeKeyId ?? parsed.activeKeyId);
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  encrypt(plaintext: string, aad = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.activeKeyId), iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      this.activeKeyId,
      iv.toString('base64'),
      tag.toString('base64'),
      data.toString('base64'),
    ].join(':');
  }

  decrypt(blob: string, aad = ''): string {
    const { keyId, iv, tag, data } = parseBlob(blob);
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    } catch {
      // Never echo the blob: the message may end up in logs.
      throw new Error(
        `cannot decrypt secret sealed with key "${keyId}": wrong key, wrong context or tampered data`,
      );
    }
  }

  /** True when the blob was sealed with another key than the active one. */
  needsRotation(blob: string): boolean {
    return parseBlob(blob).keyId !== this.activeKeyId;
  }

  /** Re-seals a blob with the active key (unchanged when it already uses it). */
  rotate(blob: string, aad = ''): string {
    return this.needsRotation(blob) ? this.encrypt(this.decrypt(blob, aad), aad) : blob;
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new Error(`encryption key "${id}" is not loaded; it is needed to decrypt existing data`);
    return key;
  }
}

export function keyIdOf(blob: string): string {
  return parseBlob(blob).keyId;
}

function parseBlob(blob: string): { keyId: string; iv: Buffer; tag: Buffer; data: Buffer } {
  const parts = blob.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new Error(`not a ${VERSION} encrypted secret`);
  }
  const [, keyId, iv, tag, data] = parts;
  const ivBuf = Buffer.from(iv, 'base64');
  const tagBuf = Buffer.from(tag, 'base64');
  if (ivBuf.length !== IV_BYTES || tagBuf.length !== TAG_BYTES) {
    throw new Error(`malformed ${VERSION} encrypted secret (key "${keyId}")`);
  }
  return { keyId, iv: ivBuf, tag: tagBuf, data: Buffer.from(data, 'base64') };
}

/**
 * Parses `kid1:<base64 of 32 bytes>,kid2:<...>` (e.g. STORE_ENCRYPTION_KEYS). The first entry is
 * the active key, so rotating means prepending a new key and later dropping the old one.
 * Generate a key with `openssl rand -base64 32`.
 */
export function parseEncryptionKeys(value: string | undefined): {
  keys: EncryptionKeys;
  activeKeyId: string;
} {
  if (value === undefined || value.trim() === '') {
    throw new Error('encryption keys are empty: expected "kid1:<base64 32 bytes>[,kid2:...]"');
  }
  const keys: Record<string, Buffer> = {};
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) throw new Error('encryption keys are empty: expected "kid1:<base64 32 bytes>"');
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    if (colon <= 0)
      throw new Error(`encryption key #${index + 1}: expected "<keyId>:<base64>", got no key id`);
    const id = entry.slice(0, colon);
    const material = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id))
      throw new Error(`encryption key #${index + 1}: key id "${id}" must match ${KEY_ID}`);
    if (Object.hasOwn(keys, id)) throw new Error(`encryption key id "${id}" is listed twice`);
    // Buffer.from silently skips invalid characters, so check the alphabet first.
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(material)) {
      throw new Error(`encryption key "${id}": value is not base64`);
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== KEY_BYTES) {
      throw new Error(`encryption key "${id}": must decode to ${KEY_BYTES} bytes, got ${key.length}`);
    }
    keys[id] = key;
  });
  return { keys, activeKeyId: entries[0].slice(0, entries[0].indexOf(':')) };
}
