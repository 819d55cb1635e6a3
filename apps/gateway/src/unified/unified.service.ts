import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '@app/http';
import {
  ProviderClient,
  ProviderNotFoundError,
  type ConnectionContext,
  type MappingOverrides,
  type UnifiedMethod,
} from '@app/providers';
import { isUnifiedResourceName, type UnifiedResourceName } from '@app/unified-models';
import { ConnectionsService } from '../connections/connections.service';
import { STORE, type Store } from '../store.provider';
import { validateUnifiedBody } from './body-validation';
import { ifMatchHolds, preconditionFailed, type EntityTagCondition } from './conditional-requests';
import { CursorSigner } from './cursor-signer';
import { recordViewOf, viewOf, type RecordView } from './field-selection';
import { encodeList, encodeProviderAnswer, encodeRecord } from './unified-answer';
import type { UnifiedQuery } from './unified-query';

/** A single-record answer: its JSON bytes and, for unified (not raw) answers, the record's etag. */
export interface SingleRecordAnswer {
  body: Buffer;
  etag?: string;
}

interface Prepared {
  resource: UnifiedResourceName;
  connection: ConnectionContext;
  overrides: MappingOverrides;
  view: RecordView;
}

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
    const { resource, connection, overrides, view } = await this.prepare(tenantId, resourceName, q, 'list');
    const cursor = q.cursor
      ? this.cursors.open(q.cursor, { connectionId: connection.id, resource })
      : undefined;
    const page = await this.call(connection, () =>
      this.client.list(connection, resource, {
        limit: q.limit,
        cursor,
        query: q.query,
        overrides,
        // The items' own bytes are only needed where the answer writes them as `remote_data`.
        itemBytes: view.remoteData && !q.raw,
      }),
    );
    if (q.raw) return encodeProviderAnswer(page.raw);
    return encodeList(
      page.result,
      {
        next_cursor: page.next_cursor
          ? this.cursors.sign(page.next_cursor, { connectionId: connection.id, resource })
          : null,
        result_count: page.result_count,
        ...(page.is_partial ? { is_partial: true as const } : {}),
      },
      view,
    );
  }

  async get(
    tenantId: string,
    resourceName: string,
    id: string,
    q: UnifiedQuery,
  ): Promise<SingleRecordAnswer> {
    const { resource, connection, overrides, view } = await this.prepare(tenantId, resourceName, q, 'get');
    const record = await this.call(connection, () =>
      this.client.get(connection, resource, id, { query: q.query, overrides }),
    );
    if (q.raw) return { body: encodeProviderAnswer(record.remote_data) };
    return { body: encodeRecord(record, view), etag: record.etag as string };
  }

  async create(tenantId: string, resourceName: string, body: unknown, q: UnifiedQuery) {
    const { resource, connection, overrides, view } = await this.prepare(tenantId, resourceName, q, 'create');
    const valid = validateUnifiedBody(resource, 'create', body);
    const record = await this.call(connection, () =>
      this.client.create(connection, resource, valid, { query: q.query, overrides }),
    );
    return q.raw ? record.remote_data : viewOf(record, view);
  }

  /** With `If-Match`, the provider's current record is read first and nothing is written unless it matches. */
  async update(
    tenantId: string,
    resourceName: string,
    id: string,
    body: unknown,
    q: UnifiedQuery,
    ifMatch?: EntityTagCondition,
  ) {
    const prepared = await this.prepare(tenantId, resourceName, q, 'update');
    const { resource, connection, overrides, view } = prepared;
    const valid = validateUnifiedBody(resource, 'update', body);
    if (ifMatch) await this.checkIfMatch(prepared, id, q, ifMatch);
    const record = await this.call(connection, () =>
      this.client.update(connection, resource, id, valid, { query: q.query, overrides }),
    );
    return q.raw ? record.remote_data : viewOf(record, view);
  }

  async delete(
    tenantId: string,
    resourceName: string,
    id: string,
    q: UnifiedQuery,
    ifMatch?: EntityTagCondition,
  ): Promise<void> {
    const prepared = await this.prepare(tenantId, resourceName, q, 'delete');
    const { resource, connection, overrides } = prepared;
    if (ifMatch) await this.checkIfMatch(prepared, id, q, ifMatch);
    await this.call(connection, () =>
      this.client.delete(connection, resource, id, { query: q.query, overrides }),
    );
  }

  /**
   * Reads the record as this caller would get it (same connection, query and overrides, so the same
   * etag) and refuses the write with 412 unless `If-Match` holds. The provider may still change the
   * record between this read and the write: the check narrows that window, it cannot close it.
   */
  private async checkIfMatch(
    { resource, connection, overrides }: Prepared,
    id: string,
    q: UnifiedQuery,
    condition: EntityTagCondition,
  ): Promise<void> {
    if (!this.client.supports(connection.provider, resource, 'get')) {
      throw new ApiError(
        400,
        `If-Match cannot be checked: ${connection.provider} cannot read one ${resource} record to compare`,
        { provider: connection.provider, resource, method: 'get' },
      );
    }
    let current: string | null;
    try {
      const record = await this.client.get(connection, resource, id, { query: q.query, overrides });
      current = record.etag as string;
    } catch (error) {
      if (!(error instanceof ProviderNotFoundError)) throw await this.connections.failure(error, connection);
      current = null;
    }
    if (!ifMatchHolds(condition, current)) throw preconditionFailed(resource, id, current, condition);
  }

  private async prepare(
    tenantId: string,
    resourceName: string,
    q: UnifiedQuery,
    method: UnifiedMethod,
  ): Promise<Prepared> {
    if (!isUnifiedResourceName(resourceName)) throw new ApiError(404, `No unified resource ${resourceName}`);
    if (q.fields && method !== 'list' && method !== 'get')
      throw new ApiError(400, 'fields applies to list and get; write answers carry the whole record');
    const view = recordViewOf(resourceName, { fields: q.fields, remoteData: q.remoteData });
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
    return { resource: resourceName, connection, overrides, view };
  }

  private async call<T>(connection: ConnectionContext, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw await this.connections.failure(error, connection);
    }
  }
}
