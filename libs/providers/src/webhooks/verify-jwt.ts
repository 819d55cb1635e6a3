import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookVerification } from '../definition';
import type { SignedRequest, VerificationResult } from './verify-signature';

type JwtVerification = Extract<WebhookVerification, { scheme: 'jwt' }>;

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs256 = (secret: string, signingInput: string) =>
  createHmac('sha256', secret).update(signingInput, 'utf8').digest();

/** An HS256 JSON Web Token over `claims`; used by the sandbox emulators and tests. */
export function signJwt(secret: string, claims: Record<string, unknown>): string {
  const input = `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment(claims)}`;
  return `${input}.${hs256(secret, input).toString('base64url')}`;
}

function parseSegment(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a JWT-signed delivery: the token's header must name HS256 (never `none`, never another
 * algorithm), its signature must match in constant time, `exp` must be present and not past (with the
 * tolerance), and with `audienceIsUrl` the `aud` claim must be the URL the delivery came to.
 */
export function verifyJwt(
  scheme: JwtVerification,
  secret: string,
  request: SignedRequest,
  now: Date,
): VerificationResult {
  const raw = request.headers[scheme.header.toLowerCase()]?.trim();
  if (!raw) return { ok: false, reason: 'missing_signature' };
  const token = raw.replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'bad_signature' };
  const [head, body, signature] = parts;
  const header = parseSegment(head);
  const claims = parseSegment(body);
  if (!header || !claims || header.alg !== scheme.algorithm) return { ok: false, reason: 'bad_signature' };
  const expected = hs256(secret, `${head}.${body}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'missing_timestamp' };
  const tolerance = (scheme.clockToleranceSeconds ?? 0) * 1000;
  if (now.getTime() > claims.exp * 1000 + tolerance) return { ok: false, reason: 'stale_timestamp' };
  if (scheme.audienceIsUrl && claims.aud !== request.url) return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}
