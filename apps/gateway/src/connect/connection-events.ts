import { Inject, Injectable, Logger } from '@nestjs/common';
import { publishConnectionEvent, ReliableProducer, type ConnectionChange } from '@app/bus';
import { STORE, type Store } from '../store.provider';

/**
 * Publishes `ticketing.connection.*` events from the gateway: a refused token refresh (needs_reauth) and
 * the re-connect that cures it (reauthorized). The connection's state is in the store either way; a
 * broker that does not acknowledge is logged (the 401 with its reauth_url still tells the caller).
 */
@Injectable()
export class ConnectionEventsPublisher {
  private readonly logger = new Logger('ConnectionEvents');

  constructor(
    private readonly producer: ReliableProducer,
    @Inject(STORE) private readonly store: Store,
  ) {}

  async publish(
    connection: { id: string; tenantId: string; provider: string },
    change: ConnectionChange,
    at: string,
    reason: string,
  ): Promise<void> {
    const stored = await this.store.connections.findForTenant(connection.tenantId, connection.id);
    try {
      await publishConnectionEvent(this.producer, {
        tenantId: connection.tenantId,
        connectionId: connection.id,
        provider: connection.provider,
        externalId: stored?.external_id ?? null,
        change,
        time: at,
        reason,
      });
    } catch (error) {
      this.logger.error({
        msg: 'connection event not published',
        connection_id: connection.id,
        change,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
