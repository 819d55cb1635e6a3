import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { OverrideFailedError } from '@app/providers';
import { STORE, type Store } from '../store.provider';

interface Pending {
  tenantId: string;
  connectionId: string | null;
  key: string;
  count: number;
  lastMessage: string;
}

/**
 * Keeps, per override, how often it failed and its latest failure, so `GET /mappings/overrides` can tell
 * the tenant. A failing override may fail on every call: failures are counted in memory and written at
 * most once a second per override. Only the store sees them, under the tenant's own row; nothing about
 * them is logged, so no other tenant's logs carry them.
 */
@Injectable()
export class OverrideFailureRecorder implements BeforeApplicationShutdown {
  private readonly pending = new Map<string, Pending>();
  private readonly timer: NodeJS.Timeout;

  constructor(@Inject(STORE) private readonly store: Store) {
    this.timer = setInterval(() => void this.flush(), 1_000);
    this.timer.unref();
  }

  record(error: OverrideFailedError): void {
    const { tenantId, key, level, connectionId } = error.owner;
    if (level === 'preview') return; // a candidate, not a saved override
    const connection = level === 'connection' ? (connectionId ?? null) : null;
    const id = `${tenantId}\u0000${connection ?? ''}\u0000${key}`;
    const entry = this.pending.get(id) ?? {
      tenantId,
      connectionId: connection,
      key,
      count: 0,
      lastMessage: '',
    };
    entry.count += 1;
    entry.lastMessage = error.underlying.message;
    this.pending.set(id, entry);
  }

  async flush(): Promise<void> {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const e of entries) {
      await this.store.overrides
        .recordFailures(e.tenantId, e.connectionId, e.key, e.count, e.lastMessage)
        .catch(() => undefined); // the store closing or busy: a count is not worth failing a request for
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
