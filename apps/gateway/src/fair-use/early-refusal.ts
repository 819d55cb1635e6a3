import { hash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer } from '../auth/bearer';
import { fairUseAnswer, FairUseLimiter, type Refusal } from './fair-use-limiter';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * API keys seen authenticated in the last seconds, by the sha256 of the secret. Used only to refuse a
 * flood early: admitting a call always authenticates it (through the store's read cache, whose staleness
 * docs/operations/caches.md bounds); for a few seconds a revoked key's flood may be answered 429 rather than 401.
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

/** One-shot hashing: no Hash object per call (this runs on every request, twice). */
function digest(secret: string): string {
  return hash('sha256', secret, 'base64url');
}

/**
 * Answers 429 before Fastify sees the request — no request or reply objects, no hooks, no routing, no
 * guards, no store — when a recently seen key or its tenant is over its fair use: a flood then costs the
 * gateway little (and allocates little: its garbage collections pause everyone's calls), and the other
 * tenants' calls keep the CPU. The same body and headers the guard answers with.
 */
export function refuseFloodsEarly(
  app: NestFastifyApplication,
  limiter: FairUseLimiter,
  keys: RecentApiKeys,
  onRefused: (refusal: Refusal) => void = () => undefined,
): void {
  const server = app.getHttpAdapter().getHttpServer() as Server;
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const secret = bearer(request.headers.authorization);
    const now = Date.now();
    const identity = secret ? keys.recall(secret, now) : undefined;
    const refused = identity ? limiter.refusal(identity.tenantId, identity.keyId, now) : undefined;
    if (refused) {
      onRefused(refused);
      const { body, headers } = fairUseAnswer(refused);
      response.writeHead(429, { ...headers, 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
      // The request's body (if any) is not read: drain it so the connection stays usable.
      request.resume();
      return;
    }
    for (const handler of handlers) handler.call(server, request, response);
  });
}
