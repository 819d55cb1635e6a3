import { Logger } from '@nestjs/common';
import { ApiError } from '@app/http';
import {
  MappingError,
  OverrideFailedError,
  TenantSandboxBusyError,
  ProviderAuthError,
  ProviderError,
  ProviderRateLimitError,
  ProviderUnavailableError,
  UnknownProviderError,
} from '@app/providers';

/**
 * Engine errors → API errors. A provider's 429 keeps its wait (`Retry-After`) and window
 * (`ratelimit-limit/remaining/reset`); a refused credential names the connection; failures and
 * timeouts at the provider are 502/504, never a 500 of ours.
 */
const logger = new Logger('ProviderCalls');

export function toApiError(error: unknown, connectionId: string): unknown {
  if (error instanceof ProviderRateLimitError) {
    const headers: Record<string, string> = { 'retry-after': String(error.retryAfterSeconds) };
    if (error.limit !== undefined) headers['ratelimit-limit'] = String(error.limit);
    if (error.remaining !== undefined) headers['ratelimit-remaining'] = String(error.remaining);
    const reset = error.resetAt
      ? Math.max(0, Math.ceil((error.resetAt.getTime() - Date.now()) / 1000))
      : error.retryAfterSeconds;
    headers['ratelimit-reset'] = String(reset);
    return new ApiError(
      429,
      error.message,
      { connection_id: connectionId, retry_after_seconds: error.retryAfterSeconds },
      headers,
    );
  }
  if (error instanceof ProviderAuthError) {
    // What the operator needs to see a failing connection: ids and statuses, the answer's own message.
    logger.warn({
      msg: 'provider refused the credentials',
      connectionId,
      providerStatus: error.providerStatus,
    });
    return new ApiError(
      401,
      `The provider rejected the credentials of connection ${connectionId}; update them with PATCH /connections/${connectionId}`,
      {
        connection_id: connectionId,
        reason: 'provider_credentials_rejected',
        provider_status: error.providerStatus,
      },
    );
  }
  if (error instanceof ProviderUnavailableError) {
    logger.warn({
      msg: 'provider call failed',
      connectionId,
      status: error.status,
      timedOut: error.timedOut,
      reason: error.message,
    });
    return new ApiError(error.status, error.message, {
      connection_id: connectionId,
      timed_out: error.timedOut,
    });
  }
  if (error instanceof ProviderError)
    return new ApiError(error.status, error.message, sanitise(error.details));
  if (error instanceof OverrideFailedError) {
    const { key, level, connectionId: overrideConnection } = error.owner;
    return new ApiError(422, `Your ${level} mapping override ${key} failed: ${error.underlying.message}`, {
      override: { key, level, connection_id: level === 'tenant' ? null : (overrideConnection ?? null) },
      position: error.position,
      code: error.code,
      hint: `GET /mappings/overrides shows its recent failures; fix it with PUT /mappings/overrides/${key} or remove it with DELETE`,
    });
  }
  if (error instanceof TenantSandboxBusyError) {
    return new ApiError(
      429,
      `${error.message}: this tenant's mapping overrides are slower than its calls`,
      { scope: 'tenant', reason: 'mapping_overrides_busy', retry_after_seconds: error.retryAfterSeconds },
      {
        'retry-after': String(error.retryAfterSeconds),
        'ratelimit-limit': String(error.queueLimit),
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(error.retryAfterSeconds),
      },
    );
  }
  if (error instanceof MappingError) {
    // Most often a tenant's own override (too slow, too deep, wrong shape): the caller can fix it.
    return new ApiError(422, `A mapping failed: ${error.message}`, {
      position: error.position,
      code: error.code,
    });
  }
  if (error instanceof UnknownProviderError) return new ApiError(400, error.message);
  return error;
}

/** Provider error bodies are passed on, but never a header or anything credential-like. */
function sanitise(details: unknown): unknown {
  if (typeof details !== 'object' || details === null) return details;
  const { provider, providerStatus, message, body, ...rest } = details as Record<string, unknown>;
  return {
    provider,
    provider_status: providerStatus,
    provider_message: message,
    provider_body: body,
    ...rest,
  };
}
