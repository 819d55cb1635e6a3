import { AsyncLocalStorage } from 'node:async_hooks';
import {
  HttpTransport,
  readRateLimit,
  type ProviderRequest,
  type ProviderResponse,
  type RateLimitDefinition,
} from '@app/providers';

/** The poller spent its share of a connection's rate limit for the provider's current window. */
export class BudgetSpentError extends Error {
  constructor(
    readonly connectionId: string,
    readonly until: Date,
  ) {
    super(`poll budget of connection ${connectionId} spent until ${until.toISOString()}`);
    this.name = 'BudgetSpentError';
  }
}

interface Window {
  limit: number;
  resetAt: number;
  used: number;
}

const HOUR_MS = 3_600_000;

/**
 * Per connection, the calls the poller may make in the provider's current rate-limit window: `share` of
 * the limit the provider's headers name (GitHub 5,000 an hour, Zendesk per minute), or of
 * `fallbackPerHour` where they name none. The rest of the limit stays for the users' own API calls.
 */
export class RateBudget {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly share: number,
    private readonly fallbackPerHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one call, or throws BudgetSpentError when the share of this window is used up. */
  take(connectionId: string): void {
    const window = this.window(connectionId);
    if (window.used >= Math.max(1, Math.floor(window.limit * this.share)))
      throw new BudgetSpentError(connectionId, new Date(window.resetAt));
    window.used++;
  }

  /** Adopts the limit and window the provider's answer names. */
  observe(connectionId: string, limit: number | undefined, resetAt: Date | undefined): void {
    if (limit === undefined || limit <= 0) return;
    const window = this.window(connectionId);
    const reset = resetAt?.getTime();
    // The provider's window replaces our guess; calls already counted stay counted.
    if (reset !== undefined && reset > this.now()) window.resetAt = reset;
    window.limit = limit;
  }

  /** Calls made in the current window (for tests and the bench). */
  used(connectionId: string): number {
    return this.window(connectionId).used;
  }

  private window(connectionId: string): Window {
    const now = this.now();
    let window = this.windows.get(connectionId);
    if (!window || window.resetAt <= now) {
      window = { limit: window?.limit ?? this.fallbackPerHour, resetAt: now + HOUR_MS, used: 0 };
      this.windows.set(connectionId, window);
    }
    return window;
  }
}

interface PollCallScope {
  connectionId: string;
  rateLimit?: RateLimitDefinition;
}

/**
 * The poller's door to providers: every call made inside `within(scope, …)` is counted against that
 * connection's budget before it is sent, and the answer's rate-limit headers feed the budget.
 */
export class BudgetedTransport extends HttpTransport {
  private readonly scope = new AsyncLocalStorage<PollCallScope>();

  constructor(
    private readonly budget: RateBudget,
    timeoutMs?: number,
  ) {
    super(timeoutMs);
  }

  within<T>(scope: PollCallScope, work: () => Promise<T>): Promise<T> {
    return this.scope.run(scope, work);
  }

  override async send(request: ProviderRequest): Promise<ProviderResponse> {
    const scope = this.scope.getStore();
    if (scope) this.budget.take(scope.connectionId);
    const response = await super.send(request);
    if (scope?.rateLimit) {
      const info = readRateLimit(response, scope.rateLimit);
      this.budget.observe(scope.connectionId, info.limit, info.resetAt);
    }
    return response;
  }
}
