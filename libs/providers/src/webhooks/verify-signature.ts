import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookVerification } from '../definition';
import { verifyJwt } from './verify-jwt';

export type VerificationResult =
  | { ok: true }
  | { ok: false; reason: 'missing_signature' | 'bad_signature' | 'missing_timestamp' | 'stale_timestamp' };

export interface SignedRequest {
  /** Request headers with lower-case names. */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: signatures are computed over these bytes, never over re-serialised JSON. */
  rawBody: Buffer;
  /** Query parameters and the token after the connection id in the URL path, for shared-secret schemes. */
  query?: Record<string, string | undefined>;
  pathToken?: string;
  /** The request method and full URL, for schemes that sign the request line (`method`/`url` parts). */
  method?: string;
  url?: string;
}

/**
 * Checks a delivery against the scheme its provider definition names. Comparisons are constant-time
 * and made on decoded bytes, so neither a wrong length nor a wrong byte leaks through timing.
 */
export function verifyWebhookSignature(
  scheme: WebhookVerification,
  secret: string | undefined,
  request: SignedRequest,
  now: Date = new Date(),
): VerificationResult {
  if (scheme.scheme === 'none') return { ok: true };
  if (!secret) return { ok: false, reason: 'bad_signature' };
  if (scheme.scheme === 'shared-secret') return verifySharedSecret(scheme, secret, request);
  if (scheme.scheme === 'jwt') return verifyJwt(scheme, secret, request, now);

  const header = request.headers[scheme.signatureHeader.toLowerCase()];
  if (!header) return { ok: false, reason: 'missing_signature' };

  if (scheme.timestamp) {
    const stamp = timestampOf(scheme.timestamp, request);
    if (!stamp) return { ok: false, reason: 'missing_timestamp' };
    const signedAt = parseTimestamp(stamp, scheme.timestamp.format);
    if (
      signedAt === undefined ||
      Math.abs(now.getTime() - signedAt) > scheme.timestamp.toleranceSeconds * 1000
    ) {
      return { ok: false, reason: 'stale_timestamp' };
    }
  }

  const expected = computeSignature(scheme, secret, request);

  const prefix = scheme.prefix ?? '';
  if (!header.startsWith(prefix)) return { ok: false, reason: 'bad_signature' };
  const provided = decode(header.slice(prefix.length).trim(), scheme.encoding);
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true };
}

/** The signed timestamp: from its header, or from the JSON body (the signature covers the body). */
function timestampOf(
  timestamp: { header?: string; bodyPath?: string },
  request: SignedRequest,
): string | undefined {
  if (timestamp.header) return request.headers[timestamp.header.toLowerCase()];
  if (!timestamp.bodyPath) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
  for (const key of timestamp.bodyPath.split('.'))
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
}

function verifySharedSecret(
  scheme: Extract<WebhookVerification, { scheme: 'shared-secret' }>,
  secret: string,
  request: SignedRequest,
): VerificationResult {
  const given =
    (scheme.header && request.headers[scheme.header.toLowerCase()]) ||
    (scheme.queryParam && request.query?.[scheme.queryParam]) ||
    (scheme.pathToken && request.pathToken) ||
    undefined;
  if (!given) return { ok: false, reason: 'missing_signature' };
  // Hashing first gives equal lengths, so the comparison time says nothing about the secret.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

function decode(text: string, encoding: 'hex' | 'base64'): Buffer {
  if (encoding === 'hex' && !/^[0-9a-fA-F]*$/.test(text)) return Buffer.alloc(0);
  return Buffer.from(text, encoding);
}

function parseTimestamp(value: string, format: 'iso8601' | 'unix-seconds' | 'unix-ms'): number | undefined {
  const ms =
    format === 'iso8601'
      ? Date.parse(value)
      : format === 'unix-seconds'
        ? Number(value) * 1000
        : Number(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Signs a body the way a scheme expects; used by the sandbox emulators, tests and benchmarks. */
export function signWebhook(
  scheme: HmacVerification,
  secret: string,
  rawBody: Buffer,
  headers: Record<string, string> = {},
  requestLine: { method?: string; url?: string } = {},
): string {
  const signed = computeSignature(scheme, secret, { headers, rawBody, ...requestLine });
  return `${scheme.prefix ?? ''}${signed.toString(scheme.encoding)}`;
}

type HmacVerification = Extract<WebhookVerification, { scheme: 'hmac' }>;

function computeSignature(scheme: HmacVerification, secret: string, request: SignedRequest): Buffer {
  const hmac = createHmac(scheme.algorithm, secret);
  scheme.signedContent.forEach((part, index) => {
    if (index > 0 && scheme.separator) hmac.update(scheme.separator, 'utf8');
    if (part.part === 'body') hmac.update(request.rawBody);
    else if (part.part === 'method') hmac.update((request.method ?? '').toUpperCase(), 'utf8');
    else if (part.part === 'url') hmac.update(request.url ?? '', 'utf8');
    else hmac.update(request.headers[part.name.toLowerCase()] ?? '', 'utf8');
  });
  return hmac.digest();
}
