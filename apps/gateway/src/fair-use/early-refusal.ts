import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer } from '../auth/bearer';
import { FairUseLimiter, fairUseRefusal } from './fair-use-limiter';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * API keys seen authenticated in the last seconds, by the sha256 of the secret. Used only to refuse a
 * flood early: admitting a call always authenticates it against the store, so a revoked key is refused
 * at once; for a few seconds its flood may be answered 429 rather than 401.
 */
export class RecentApiKeys {
  private readonly byHash = new Map<string, { tenantId: string; keyId: string; until: number }>();

  remember(secret: string, identity: { tenantId: string; keyId: string }, nowMs: number): void {
    const hash = digest(secret);
    this.byHash.delete(hash);
    if (this.byHash.size >= MAX_ENTRIES) this.byHash.delete(this.byHash.keys().next().value as string);
    this.byHash.set(hash, { ...identity, until: nowMs + TTL_MS });
  }

  recall(secret: string, nowMs: number): { tenantId: string; keyId: string } | undefined {
    const entry = this.byHash.get(digest(secret));
    return entry && entry.until > nowMs ? entry : undefined;
  }
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/**
 * Answers 429 before routing, the store and the rest of the request pipeline when a recently seen key or
 * its tenant is over its fair use: a flood then costs the gateway little, and the other tenants' calls
 * keep the CPU. The same ApiError (body and headers) the guard throws.
 */
export function refuseFloodsEarly(
  app: NestFastifyApplication,
  limiter: FairUseLimiter,
  keys: RecentApiKeys,
): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const secret = bearer(request.headers.authorization);
      const now = Date.now();
      const identity = secret ? keys.recall(secret, now) : undefined;
      const refused = identity ? limiter.refusal(identity.tenantId, identity.keyId, now) : undefined;
      if (!refused) return done();
      const refusal = fairUseRefusal(refused);
      void reply
        .code(refusal.getStatus())
        .headers({ ...refusal.headers, 'content-type': 'application/json; charset=utf-8' })
        .send(JSON.stringify(refusal.getResponse()));
    });
}
