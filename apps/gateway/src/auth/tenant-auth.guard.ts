import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@app/http';
import { STORE, type Store } from '../store.provider';

export type TenantRequest = FastifyRequest & { tenantId?: string; apiKeyId?: string };

/** `Authorization: Bearer <api key>`: resolves the tenant every read and write is scoped to. */
@Injectable()
export class TenantAuthGuard implements CanActivate {
  constructor(@Inject(STORE) private readonly store: Store) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const secret = bearer(request.headers.authorization);
    if (!secret) throw new ApiError(401, 'Missing API key: send Authorization: Bearer <api key>');
    const identity = await this.store.apiKeys.authenticate(secret);
    if (!identity) throw new ApiError(401, 'Invalid or revoked API key');
    request.tenantId = identity.tenantId;
    request.apiKeyId = identity.keyId;
    return true;
  }
}

export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
