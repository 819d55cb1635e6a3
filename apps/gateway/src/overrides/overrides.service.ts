import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '@app/http';
import { MappingError, ProviderClient, ProviderRegistry, type UnifiedMethod } from '@app/providers';
import { isUnifiedResourceName, UNIFIED_RESOURCES } from '@app/unified-models';
import { ConnectionsService } from '../connections/connections.service';
import { STORE, type Store } from '../store.provider';
import { toApiError } from '../unified/provider-errors';
import type { PreviewBody } from './overrides.controller';

const METHODS: readonly UnifiedMethod[] = ['list', 'get', 'create', 'update', 'delete'];
const PARTS = ['path', 'query', 'body', 'response'];

/** A mapping key as a pattern (for the OpenAPI document; assertKey says the same in words). */
export const MAPPING_KEY_PATTERN = `^(${UNIFIED_RESOURCES.join('|')})\\.(record|(${METHODS.join('|')})\\.(${PARTS.join('|')}))$`;

@Injectable()
export class OverridesService {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly connections: ConnectionsService,
    private readonly providers: ProviderRegistry,
    private readonly client: ProviderClient,
  ) {}

  /** The tenant's overrides, each with how it fared since it was saved (`failures`). */
  async list(tenantId: string) {
    const [overrides, failures] = await Promise.all([
      this.store.overrides.listForTenant(tenantId),
      this.store.overrides.failuresForTenant(tenantId),
    ]);
    const byId = new Map(failures.map((f) => [`${f.connection_id ?? ''}\u0000${f.key}`, f]));
    return overrides.map((o) => {
      const f = byId.get(`${o.connection_id ?? ''}\u0000${o.key}`);
      return {
        ...o,
        failures: {
          count: f?.failure_count ?? 0,
          last_failed_at: f?.last_failed_at ?? null,
          last_message: f?.last_failure ?? null,
        },
      };
    });
  }

  async get(tenantId: string, key: string, connectionId?: string) {
    assertKey(key);
    if (connectionId !== undefined) await this.connections.find(tenantId, connectionId);
    const override = await this.store.overrides.get(tenantId, connectionId ?? null, key);
    if (override === undefined)
      throw new ApiError(404, `No override ${key}${connectionId ? ` on connection ${connectionId}` : ''}`);
    return override;
  }

  /** Compiled before it is saved: a syntax error is a 400 with jsonata's message and position. */
  async put(tenantId: string, key: string, expression: string, connectionId?: string) {
    assertKey(key);
    if (connectionId !== undefined) await this.connections.find(tenantId, connectionId);
    compileOrThrow(this.client, expression);
    await this.store.overrides.put(tenantId, connectionId ?? null, key, expression);
    return { key, connection_id: connectionId ?? null, expression };
  }

  async delete(tenantId: string, key: string, connectionId?: string): Promise<void> {
    assertKey(key);
    if (connectionId !== undefined) await this.connections.find(tenantId, connectionId);
    if (!(await this.store.overrides.delete(tenantId, connectionId ?? null, key)))
      throw new ApiError(404, `No override ${key}`);
  }

  base(provider: string, key: string) {
    assertKey(key);
    if (!this.providers.has(provider)) throw new ApiError(404, `No provider ${provider}`);
    const [resource, method, part] = key.split('.');
    const definition = this.providers.get(provider).resources[resource];
    const expression =
      method === 'record'
        ? definition?.record
        : (definition?.methods?.[method as UnifiedMethod] as Record<string, unknown> | undefined)?.[part];
    if (typeof expression !== 'string') throw new ApiError(404, `${provider} has no ${key} mapping`);
    return { provider, key, expression };
  }

  /** Runs a candidate record mapping over a live provider object, under the same time and depth limits. */
  async preview(tenantId: string, body: PreviewBody) {
    assertKey(body.key);
    const [resource, kind] = body.key.split('.');
    if (kind !== 'record')
      throw new ApiError(400, 'Preview runs record mappings: use a key <resource>.record');
    compileOrThrow(this.client, body.expression);
    const connection = await this.connections.context(tenantId, body.connection_id);
    let current;
    try {
      const layers = await this.store.overrides.layersFor(tenantId, connection.id);
      current = await this.client.get(connection, resource, body.id, {
        overrides: { ...layers, tenantId, connectionId: connection.id },
      });
    } catch (error) {
      throw await this.connections.failure(error, connection);
    }
    try {
      const candidate = await this.client.records.map(
        this.providers.get(connection.provider),
        resource,
        current.remote_data,
        {
          settings: connection.settings,
          request: { id: body.id, query: {} },
          overrides: {
            connection: { [body.key]: body.expression },
            tenantId,
            connectionId: connection.id,
            preview: true,
          },
        },
      );
      const { remote_data: _r, ...currentRecord } = current;
      const { remote_data: remoteData, ...candidateRecord } = candidate;
      return { current: currentRecord, candidate: candidateRecord, remote_data: remoteData };
    } catch (error) {
      if (error instanceof MappingError)
        throw new ApiError(400, error.message, { position: error.position, code: error.code });
      throw toApiError(error, connection.id);
    }
  }
}

function assertKey(key: string): void {
  const [resource, second, third, ...rest] = key.split('.');
  const valid =
    isUnifiedResourceName(resource) &&
    rest.length === 0 &&
    ((second === 'record' && third === undefined) ||
      (METHODS.includes(second as UnifiedMethod) && PARTS.includes(third)));
  if (!valid) {
    throw new ApiError(400, `Invalid mapping key ${key}`, {
      expected: '<resource>.record or <resource>.<list|get|create|update|delete>.<path|query|body|response>',
    });
  }
}

function compileOrThrow(client: ProviderClient, expression: string): void {
  try {
    client.expressions.compile(expression);
  } catch (error) {
    if (error instanceof MappingError) {
      throw new ApiError(400, `The expression does not compile: ${error.message}`, {
        position: error.position,
        code: error.code,
      });
    }
    throw error;
  }
}
