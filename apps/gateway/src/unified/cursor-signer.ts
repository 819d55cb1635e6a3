import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '@app/http';

/**
 * Wraps the engine's page cursor so callers cannot forge or alter it, nor reuse it on another connection
 * or resource: `<payload>.<HMAC-SHA256(payload)>`.
 */
export class CursorSigner {
  constructor(private readonly key: Buffer) {}

  sign(engineCursor: string, scope: { connectionId: string; resource: string }): string {
    const payload = Buffer.from(
      JSON.stringify({ c: engineCursor, k: scope.connectionId, r: scope.resource }),
    ).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  open(cursor: string, scope: { connectionId: string; resource: string }): string {
    const [payload, mac] = cursor.split('.');
    const expected = payload ? Buffer.from(this.mac(payload)) : Buffer.alloc(0);
    const given = Buffer.from(mac ?? '');
    if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ApiError(400, 'next_cursor is not valid: it was altered or not issued by this API');
    }
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      c: string;
      k: string;
      r: string;
    };
    if (parsed.k !== scope.connectionId || parsed.r !== scope.resource) {
      throw new ApiError(400, 'next_cursor belongs to another connection or resource');
    }
    return parsed.c;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
