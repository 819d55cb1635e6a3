import { ApiError, reasonPhrase, type ApiErrorBody } from '@app/http';

/** One limit: a token bucket (rate, burst) and a cap on requests in flight; 0 turns either off. */
export interface FairUseLimit {
  perSecond: number;
  burst: number;
  concurrent: number;
}

export interface FairUseLimits {
  tenant: FairUseLimit;
  apiKey: FairUseLimit;
}

export type Admission =
  | { admitted: true; release: () => void }
  | {
      admitted: false;
      scope: 'tenant' | 'api_key';
      reason: 'rate' | 'concurrency';
      retryAfterSeconds: number;
      limit: number;
      remaining: number;
      resetSeconds: number;
    };

/** The limits a gateway's settings name (see tenant-isolation-settings.ts). */
export function fairUseLimitsOf(settings: {
  TENANT_RATE_LIMIT_PER_SECOND: number;
  TENANT_RATE_LIMIT_BURST: number;
  TENANT_MAX_CONCURRENT_REQUESTS: number;
  API_KEY_RATE_LIMIT_PER_SECOND: number;
  API_KEY_RATE_LIMIT_BURST: number;
  API_KEY_MAX_CONCURRENT_REQUESTS: number;
}): FairUseLimits {
  return {
    tenant: {
      perSecond: settings.TENANT_RATE_LIMIT_PER_SECOND,
      burst: settings.TENANT_RATE_LIMIT_BURST,
      concurrent: settings.TENANT_MAX_CONCURRENT_REQUESTS,
    },
    apiKey: {
      perSecond: settings.API_KEY_RATE_LIMIT_PER_SECOND,
      burst: settings.API_KEY_RATE_LIMIT_BURST,
      concurrent: settings.API_KEY_MAX_CONCURRENT_REQUESTS,
    },
  };
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  inFlight: number;
}

export type Refusal = Extract<Admission, { admitted: false }>;

interface Check {
  scope: 'tenant' | 'api_key';
  bucket: Bucket;
  limit: FairUseLimit;
}

function refusalOf(checks: Check[]): Refusal | undefined {
  for (const { scope, bucket, limit } of checks) {
    if (limit.concurrent > 0 && bucket.inFlight >= limit.concurrent) {
      const base = { admitted: false as const, scope, retryAfterSeconds: 1, remaining: 0, resetSeconds: 1 };
      return { ...base, reason: 'concurrency', limit: limit.concurrent };
    }
    if (limit.perSecond > 0 && bucket.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
      const refill = Math.ceil((limit.burst - bucket.tokens) / limit.perSecond);
      return {
        admitted: false,
        scope,
        reason: 'rate',
        retryAfterSeconds: wait,
        limit: limit.burst,
        remaining: 0,
        resetSeconds: refill,
      };
    }
  }
  return undefined;
}

const MAX_TRACKED = 50_000;

/**
 * Fair use per tenant and per API key, in one process. A request takes a token from both its key's and
 * its tenant's bucket and a slot of both in-flight caps, or is refused naming the scope that is out —
 * so a tenant's flood is answered 429 while other tenants keep their full share. Pure and synchronous:
 * the clock is passed in.
 */
export class FairUseLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: FairUseLimits) {}

  /** Each of `workers` processes enforces its share of the configured limits. */
  static perWorker(limits: FairUseLimits, workers: number): FairUseLimiter {
    const share = (l: FairUseLimit): FairUseLimit => ({
      perSecond: l.perSecond / workers,
      burst: l.burst === 0 ? 0 : Math.max(1, Math.floor(l.burst / workers)),
      concurrent: l.concurrent === 0 ? 0 : Math.max(1, Math.ceil(l.concurrent / workers)),
    });
    return new FairUseLimiter({ tenant: share(limits.tenant), apiKey: share(limits.apiKey) });
  }

  admit(tenantId: string, apiKeyId: string, nowMs: number): Admission {
    const checks = this.checks(tenantId, apiKeyId, nowMs);
    const refused = refusalOf(checks);
    if (refused) return refused;
    for (const { bucket, limit } of checks) {
      if (limit.perSecond > 0) bucket.tokens -= 1;
      bucket.inFlight += 1;
    }
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        for (const { bucket } of checks) bucket.inFlight -= 1;
      },
    };
  }

  /** Whether a request would be refused now, taking nothing (for refusing early, before any other work). */
  refusal(tenantId: string, apiKeyId: string, nowMs: number): Refusal | undefined {
    return refusalOf(this.checks(tenantId, apiKeyId, nowMs));
  }

  private checks(tenantId: string, apiKeyId: string, nowMs: number): Check[] {
    return [
      {
        scope: 'api_key',
        bucket: this.bucket(`k:${apiKeyId}`, this.limits.apiKey, nowMs),
        limit: this.limits.apiKey,
      },
      {
        scope: 'tenant',
        bucket: this.bucket(`t:${tenantId}`, this.limits.tenant, nowMs),
        limit: this.limits.tenant,
      },
    ];
  }

  private bucket(id: string, limit: FairUseLimit, nowMs: number): Bucket {
    let bucket = this.buckets.get(id);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED) this.forgetIdle(nowMs);
      bucket = { tokens: limit.burst, updatedAt: nowMs, inFlight: 0 };
      this.buckets.set(id, bucket);
      return bucket;
    }
    if (limit.perSecond > 0) {
      const elapsed = Math.max(0, nowMs - bucket.updatedAt) / 1000;
      bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.perSecond);
    }
    bucket.updatedAt = nowMs;
    return bucket;
  }

  /** Idle entries (nothing in flight, untouched for a minute) carry no state worth keeping. */
  private forgetIdle(nowMs: number): void {
    for (const [id, bucket] of this.buckets) {
      if (bucket.inFlight === 0 && nowMs - bucket.updatedAt > 60_000) this.buckets.delete(id);
    }
  }
}

/** The 429 of a refused request, in the shape of a provider's 429 (`Retry-After`, `ratelimit-*`). */
export function fairUseRefusal(refused: Refusal): ApiError {
  const { body, headers } = fairUseAnswer(refused);
  return new ApiError(429, body.message, body.details, headers);
}

/** The same 429 as plain data: the early refusal sends it without building an error per request. */
export function fairUseAnswer(refused: Refusal): { body: ApiErrorBody; headers: Record<string, string> } {
  const who = refused.scope === 'tenant' ? 'this tenant' : 'this API key';
  const what =
    refused.reason === 'rate'
      ? `${who} is over its request rate`
      : `${who} has the most requests in flight it may have`;
  return {
    body: {
      statusCode: 429,
      error: reasonPhrase(429),
      message: `Too many requests: ${what}; retry after ${refused.retryAfterSeconds} s`,
      details: {
        scope: refused.scope,
        reason: refused.reason,
        retry_after_seconds: refused.retryAfterSeconds,
      },
    },
    headers: {
      'retry-after': String(refused.retryAfterSeconds),
      'ratelimit-limit': String(Math.floor(refused.limit)),
      'ratelimit-remaining': String(refused.remaining),
      'ratelimit-reset': String(refused.resetSeconds),
    },
  };
}
