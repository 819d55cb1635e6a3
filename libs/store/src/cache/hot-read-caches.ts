import { hash } from 'node:crypto';
import type { Connection, TenantConnectionRepository } from '../connections/connection';
import type { Store } from '../store';
import type { ApiKeyRepository, MappingOverrideRepository, OverrideLayers } from '../types';
import { ReadCache } from './read-cache';

type Identity = { tenantId: string; keyId: string };

/**
 * The store with the three reads every unified call makes kept for `ttlMs` (docs/operations/caches.md):
 * API key → tenant (by the sha256 of the secret, never the secret), a connection with its credentials
 * opened (by tenant and id), and a connection's mapping-override layers. Writes through this store
 * forget what they may have changed before they answer — revoking a key, changing or deleting a connection,
 * storing refreshed tokens or `needs_reauth`, putting or deleting an override — so this process sees its
 * own changes on the next call; another process's changes show within `ttlMs`. `ttlMs` 0: no caching.
 */
export function withHotReadCaches(store: Store, ttlMs: number): Store {
  if (ttlMs <= 0) return store;
  return Object.assign(Object.create(store) as Store, {
    apiKeys: cachedApiKeys(store.apiKeys, new ReadCache<Identity>(ttlMs)),
    connections: cachedConnections(store.connections, new ReadCache<Connection>(ttlMs)),
    overrides: cachedOverrides(store.overrides, new ReadCache<OverrideLayers>(ttlMs)),
  });
}

/**
 * The store with connections looked up by id alone kept for `ttlMs`: the webhook ingest's one read per
 * delivery (its URL names only the connection; the secret that checks the signature is opened from it).
 * Not the gateway's: its `findById` callers (token leases, webhook registration) need the stored row.
 * A secret adopted through this process (a handshake) is seen at once; a secret rotated or a connection
 * deleted through another process within `ttlMs`; a new connection at once (misses are not kept).
 * `ttlMs` 0: no caching.
 */
export function withConnectionByIdCache(store: Store, ttlMs: number): Store {
  if (ttlMs <= 0) return store;
  return Object.assign(Object.create(store) as Store, {
    connections: connectionsWithFindByIdCache(store.connections, ttlMs),
  });
}

/**
 * `connections` with `findById` kept for `ttlMs`, forgotten by its own writes; the other methods read
 * the store. For one reader that looks a connection up per message (the ingest through
 * `withConnectionByIdCache`; the normalizer's mapping) while the rest of the app, token leases
 * included, keeps reading the stored row. `ttlMs` 0: `connections` itself.
 */
export function connectionsWithFindByIdCache(
  connections: Store['connections'],
  ttlMs: number,
): Store['connections'] {
  if (ttlMs <= 0) return connections;
  const cache = new ReadCache<Connection>(ttlMs);
  return over(connections, {
    findById: (id) => cache.through(id, () => connections.findById(id)),
    update: forgetting(cache, connections.update, connections),
    delete: forgetting(cache, connections.delete, connections),
    finishTokenRefresh: forgetting(cache, connections.finishTokenRefresh, connections),
    // A registration may replace the webhook secret in the same write.
    setWebhookState: forgetting(cache, connections.setWebhookState, connections),
  });
}

/** `target` with `overrides` in front of it (its other methods still run on the original object). */
function over<T extends object>(target: T, overrides: Partial<T>): T {
  return Object.assign(Object.create(target) as T, overrides);
}

/** `write`, bound to `target`, forgetting the cache once it is done (and whether it failed). */
function forgetting<A extends unknown[], R>(
  cache: ReadCache<unknown>,
  write: (...args: A) => Promise<R>,
  target: object,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await write.apply(target, args);
    } finally {
      cache.invalidate();
    }
  };
}

function cachedApiKeys(keys: ApiKeyRepository, cache: ReadCache<Identity>): ApiKeyRepository {
  return over(keys, {
    authenticate: (secret) =>
      cache.through(hash('sha256', secret, 'base64url'), () => keys.authenticate(secret)),
    revoke: forgetting(cache, keys.revoke, keys),
  });
}

function cachedConnections(
  connections: TenantConnectionRepository,
  cache: ReadCache<Connection>,
): TenantConnectionRepository {
  return over(connections, {
    findWithSecretsForTenant: (tenantId, id) =>
      cache.through(`${tenantId}\n${id}`, () => connections.findWithSecretsForTenant(tenantId, id)),
    update: forgetting(cache, connections.update, connections),
    delete: forgetting(cache, connections.delete, connections),
    finishTokenRefresh: forgetting(cache, connections.finishTokenRefresh, connections),
  });
}

function cachedOverrides(
  overrides: MappingOverrideRepository,
  cache: ReadCache<OverrideLayers>,
): MappingOverrideRepository {
  return over(overrides, {
    layersFor: (tenantId, connectionId) =>
      cache.through(`${tenantId}\n${connectionId}`, () => overrides.layersFor(tenantId, connectionId)),
    put: forgetting(cache, overrides.put, overrides),
    delete: forgetting(cache, overrides.delete, overrides),
  });
}
