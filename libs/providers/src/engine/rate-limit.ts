import type { RateLimitDefinition } from '../definition';
import type { RateLimitInfo } from './errors';
import type { ProviderResponse } from './http-transport';

const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** Reads the provider's rate-limit headers into one shape (seconds to wait, limit, remaining, reset). */
export function readRateLimit(
  response: ProviderResponse,
  definition: RateLimitDefinition = {},
  now = new Date(),
): RateLimitInfo {
  const number = (name?: string) => {
    const value = name ? Number(response.headers[name.toLowerCase()]) : NaN;
    return Number.isFinite(value) ? value : undefined;
  };
  const resetAt = parseReset(
    definition.resetHeader ? response.headers[definition.resetHeader.toLowerCase()] : undefined,
    definition.resetFormat,
    now,
  );
  const retryAfter = parseRetryAfter(response.headers['retry-after'], now);
  const fromReset = resetAt ? Math.max(0, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)) : undefined;
  return {
    limit: number(definition.limitHeader),
    remaining: number(definition.remainingHeader),
    resetAt,
    retryAfterSeconds: retryAfter ?? fromReset ?? DEFAULT_RETRY_AFTER_SECONDS,
  };
}

function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now.getTime()) / 1000)) : undefined;
}

function parseReset(
  value: string | undefined,
  format: RateLimitDefinition['resetFormat'],
  now: Date,
): Date | undefined {
  if (!value) return undefined;
  if (format === 'seconds-from-now' && Number.isFinite(Number(value)))
    return new Date(now.getTime() + Number(value) * 1000);
  if (format === 'unix-ms' && /^\d+$/.test(value)) return new Date(Number(value));
  if (/^\d+$/.test(value)) return new Date(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? new Date(at) : undefined;
}
