import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

const PREFIX = 'whsec_';
/** Standard Webhooks allows 24–64 bytes; 32 is the HMAC-SHA256 output size, beyond which keys add no strength. */
const SECRET_BYTES = 32;

/** A new endpoint secret: `whsec_` + standard base64 (what the `standardwebhooks` libraries decode). */
export function generateSecret(): string {
  return `${PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

export function isSecret(value: string): boolean {
  if (!value.startsWith(PREFIX)) return false;
  const body = value.slice(PREFIX.length);
  const bytes = Buffer.from(body, 'base64');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(body) && bytes.length >= 24 && bytes.length <= 64;
}

/** Keys already imported, per secret: the dispatcher signs every delivery with one of a few secrets. */
const keys = new Map<string, KeyObject>();
const KEY_CACHE_SIZE = 1024;

function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    if (!isSecret(secret)) throw new Error('not a whsec_ secret');
    key = createSecretKey(Buffer.from(secret.slice(PREFIX.length), 'base64'));
    if (keys.size >= KEY_CACHE_SIZE) keys.delete(keys.keys().next().value as string);
    keys.set(secret, key);
  }
  return key;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks signature headers: `v1,<base64 HMAC-SHA256(key, id.timestamp.body)>` per secret,
 * space-separated, so a receiver still holding the previous secret verifies during a rotation.
 * Signed with node:crypto (the reference package's pure-JS HMAC is far slower); the tests check
 * every signature with the `standardwebhooks` package.
 */
export function signDelivery(
  id: string,
  timestampSeconds: number,
  body: string,
  secrets: readonly string[],
): SignedHeaders {
  if (secrets.length === 0) throw new Error('at least one secret is needed to sign');
  const content = `${id}.${timestampSeconds}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', keyOf(secret)).update(content, 'utf8').digest('base64')}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
  };
}
