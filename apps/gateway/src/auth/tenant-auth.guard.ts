import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '@app/http';
import { bearer } from './bearer';
import { RecentApiKeys } from '../fair-use/early-refusal';
import { FairUseLimiter, fairUseRefusal } from '../fair-use/fair-use-limiter';
import { STORE, type Store } from '../store.provider';

export type TenantRequest = FastifyRequest & { tenantId?: string; apiKeyId?: string };

/**
 * `Authorization: Bearer <api key>`: resolves the tenant every read and write is scoped to, then admits
 * the request within the key's and the tenant's fair use (429 otherwise).
 */
@Injectable()
export class TenantAuthGuard implements CanActivate {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly fairUse: FairUseLimiter,
    private readonly recentKeys: RecentApiKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const secret = bearer(request.headers.authorization);
    if (!secret) throw new ApiError(401, 'Missing API key: send Authorization: Bearer <api key>');
    const identity = await this.store.apiKeys.authenticate(secret);
    if (!identity) throw new ApiError(401, 'Invalid or revoked API key');
    request.tenantId = identity.tenantId;
    request.apiKeyId = identity.keyId;
    const now = Date.now();
    this.recentKeys.remember(secret, identity, now);
    const admission = this.fairUse.admit(identity.tenantId, identity.keyId, now);
    if (!admission.admitted) throw fairUseRefusal(admission);
    // 'close' comes once the answer is sent or the client went away: the slot is free either way.
    context.switchToHttp().getResponse<FastifyReply>().raw.once('close', admission.release);
    return true;
  }
}
