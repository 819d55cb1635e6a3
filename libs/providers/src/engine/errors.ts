/** Every failure the engine reports carries an HTTP-like status the gateway can pass on. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The provider refused the connection's credentials (401/403). */
export class ProviderAuthError extends ProviderError {
  constructor(
    message: string,
    details?: unknown,
    readonly providerStatus = 401,
  ) {
    super(message, 401, details);
  }
}

export class ProviderNotFoundError extends ProviderError {
  constructor(message: string, details?: unknown) {
    super(message, 404, details);
  }
}

/** The provider rejected the request's content (400/409/422). */
export class ProviderValidationError extends ProviderError {
  constructor(
    message: string,
    details?: unknown,
    readonly providerStatus = 422,
  ) {
    super(message, providerStatus === 409 ? 409 : 422, details);
  }
}

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** When the window resets. */
  resetAt?: Date;
  /** Seconds the caller should wait before trying again. */
  retryAfterSeconds: number;
}

export class ProviderRateLimitError extends ProviderError {
  readonly retryAfterSeconds: number;
  readonly limit?: number;
  readonly remaining?: number;
  readonly resetAt?: Date;

  constructor(message: string, info: RateLimitInfo, details?: unknown) {
    super(message, 429, details);
    this.retryAfterSeconds = info.retryAfterSeconds;
    this.limit = info.limit;
    this.remaining = info.remaining;
    this.resetAt = info.resetAt;
  }
}

/** The provider failed (5xx) or did not answer in time (`timedOut`). */
export class ProviderUnavailableError extends ProviderError {
  constructor(
    message: string,
    readonly timedOut = false,
    details?: unknown,
  ) {
    super(message, timedOut ? 504 : 502, details);
  }
}

/** The provider's definition has no such resource or method. */
export class UnsupportedMethodError extends ProviderError {
  constructor(provider: string, resource: string, method: string) {
    super(`${provider} does not support ${method} on ${resource}`, 400, { provider, resource, method });
  }
}

export class MissingQueryError extends ProviderError {
  constructor(provider: string, resource: string, method: string, missing: string[]) {
    super(
      `${method} on ${resource} for ${provider} needs the query parameter(s) ${missing.join(', ')}`,
      400,
      {
        missing,
      },
    );
  }
}

/** A cursor the engine did not issue or cannot read. */
export class InvalidCursorError extends ProviderError {
  constructor(reason: string) {
    super(`invalid cursor: ${reason}`, 400);
  }
}

/** A created_at/updated_at operator the provider cannot honour: refused rather than silently ignored. */
export class UnsupportedFilterError extends ProviderError {
  constructor(provider: string, resource: string, filter: string, supported: string[]) {
    super(`${provider} cannot filter ${resource} by ${filter}`, 400, { filter, supported });
  }
}
