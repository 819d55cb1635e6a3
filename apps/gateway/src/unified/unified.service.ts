import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '@app/http';
import {
  ProviderClient,
  type ConnectionContext,
  type MappingOverrides,
  type UnifiedMethod,
  type UnifiedRecord,
} from '@app/providers';
import { isUnifiedResourceName, type UnifiedResourceName } from '@app/unified-models';
import { ConnectionsService } from '../connections/connections.service';
import { STORE, type Store } from '../store.provider';
import { validateUnifiedBody } from './body-validation';
import { CursorSigner } from './cursor-signer';
import { encodeList, encodeProviderAnswer, encodeRecord } from './unified-answer';
import type { UnifiedQuery } from './unified-query';

/** Decides what one unified call does: resolve the connection, check the capability, call the engine, shape the answer. */
@Injectable()
export class UnifiedService {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly connections: ConnectionsService,
    private readonly client: ProviderClient,
    private readonly cursors: CursorSigner,
  ) {}

  /** The list answer as JSON bytes (see unified-answer.ts for why not an object). */
  async list(tenantId: string, resourceName: string, q: UnifiedQuery): Promise<Buffer> {
    const { resource, connection, overrides } = await this.prepare(tenantId, resourceName, q, 'list');
    const cursor = q.cursor
      ? this.cursors.open(q.cursor, { connectionId: connection.id, resource })
      : undefined;
    const page = await this.call(connection, () =>
      this.client.list(connection, resource, { limit: q.limit, cursor, query: q.query, overrides }),
    );
    if (q.raw) return encodeProviderAnswer(page.raw);
    return encodeList(
      page.result.map((r) => shape(r, q)),
      {
        next_cursor: page.next_cursor
          ? this.cursors.sign(page.next_cursor, { connectionId: connection.id, resource })
          : null,
        result_count: page.result_count,
        ...(page.is_partial ? { is_partial: true as const } : {}),
      },
    );
  }

  async get(tenantId: string, resourceName: string, id: string, q: UnifiedQuery): Promise<Buffer> {
    const { resource, connection, overrides } = await this.prepare(tenantId, resourceName, q, 'get');
    const record = await this.call(connection, () =>
      this.client.get(connection, resource, id, { query: q.query, overrides }),
    );
    return q.raw ? encodeProviderAnswer(record.remote_data) : encodeRecord(shape(record, q));
  }

  async create(tenantId: string, resourceName: string, body: unknown, q: UnifiedQuery) {
    const { resource, connection, overrides } = await this.prepare(tenantId, resourceName, q, 'create');
    const valid = validateUnifiedBody(resource, 'create', body);
    const record = await this.call(connection, () =>
      this.client.create(connection, resource, valid, { query: q.query, overrides }),
    );
    return q.raw ? record.remote_data : shape(record, q);
  }

  async update(tenantId: string, resourceName: string, id: string, body: unknown, q: UnifiedQuery) {
    const { resource, connection, overrides } = await this.prepare(tenantId, resourceName, q, 'update');
    const valid = validateUnifiedBody(resource, 'update', body);
    const record = await this.call(connection, () =>
      this.client.update(connection, resource, id, valid, { query: q.query, overrides }),
    );
    return q.raw ? record.remote_data : shape(record, q);
  }

  async delete(tenantId: string, resourceName: string, id: string, q: UnifiedQuery): Promise<void> {
    const { resource, connection, overrides } = await this.prepare(tenantId, resourceName, q, 'delete');
    await this.call(connection, () =>
      this.client.delete(connection, resource, id, { query: q.query, overrides }),
    );
  }

  private async prepare(
    tenantId: string,
    resourceName: string,
    q: UnifiedQuery,
    method: UnifiedMethod,
  ): Promise<{ resource: UnifiedResourceName; connection: ConnectionContext; overrides: MappingOverrides }> {
    if (!isUnifiedResourceName(resourceName)) throw new ApiError(404, `No unified resource ${resourceName}`);
    const connection = await this.connections.context(tenantId, q.connectionId);
    if (!this.client.supports(connection.provider, resourceName, method)) {
      throw new ApiError(400, `${connection.provider} does not support ${method} on ${resourceName}`, {
        provider: connection.provider,
        resource: resourceName,
        method,
        hint: `GET /connections/${connection.id}/capabilities lists what it supports`,
      });
    }
    const layers = await this.store.overrides.layersFor(tenantId, connection.id);
    const overrides: MappingOverrides = { ...layers, tenantId, connectionId: connection.id };
    return { resource: resourceName, connection, overrides };
  }

  private async call<T>(connection: ConnectionContext, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw await this.connections.failure(error, connection);
    }
  }
}

function shape(record: UnifiedRecord, q: UnifiedQuery): Record<string, unknown> {
  if (q.includeRemoteData) return record;
  const { remote_data: _omitted, ...rest } = record;
  return rest;
}
