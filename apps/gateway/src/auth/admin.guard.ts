import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@app/http';
import { GatewayConfig } from '../gateway.config';
import { bearer } from './bearer';

/** The admin key from the environment; compared as hashes so length and content leak nothing. */
@Injectable()
export class AdminGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: GatewayConfig) {
    this.expected = createHash('sha256').update(config.ADMIN_API_KEY).digest();
  }

  canActivate(context: ExecutionContext): boolean {
    const secret = bearer(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization);
    const given = createHash('sha256')
      .update(secret ?? '')
      .digest();
    if (!secret || !timingSafeEqual(given, this.expected)) throw new ApiError(401, 'Admin key required');
    return true;
  }
}
