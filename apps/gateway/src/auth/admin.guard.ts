import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@app/http';
import { GatewayConfig } from '../gateway.config';
import { STORE, type Store } from '../store.provider';
import { bearer } from './bearer';

/** The admin key from the environment; compared as hashes so length and content leak nothing. */
@Injectable()
export class AdminGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    config: GatewayConfig,
    @Inject(STORE) private readonly store: Store,
  ) {
    this.expected = createHash('sha256').update(config.ADMIN_API_KEY).digest();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const secret = bearer(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization);
    const given = createHash('sha256')
      .update(secret ?? '')
      .digest();
    if (secret && timingSafeEqual(given, this.expected)) return true;
    // A tenant's own key is a known identity without the right to this route: 403, not 401.
    if (secret && (await this.store.apiKeys.authenticate(secret)))
      throw new ApiError(403, 'Admin routes need the admin key; a tenant API key cannot use them');
    throw new ApiError(401, 'Admin key required');
  }
}
