import { DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONNECTION_REPOSITORY } from '../connections/connection';
import { withConnectionByIdCache, withHotReadCaches } from '../cache/hot-read-caches';
import { openStore, type StoreSettings } from '../open-store';
import type { Store, StoreOptions } from '../store';

export const STORE = Symbol('Store');

@Injectable()
class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STORE) private readonly store: Store) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Opens the store (migrated) for an app, exposes it and its connections, and closes it at shutdown. */
@Module({})
export class StoreModule {
  /**
   * Above 0, `hotReadCacheMs` keeps the gateway's hot reads that long and `connectionByIdCacheMs` the
   * ingest's (cache/hot-read-caches.ts, docs/operations/caches.md). `sqliteThread` says where SQLite's
   * statements run (StoreOptions).
   */
  static forRoot(
    settings: StoreSettings,
    options: {
      hotReadCacheMs?: number;
      connectionByIdCacheMs?: number;
      sqliteThread?: StoreOptions['sqliteThread'];
    } = {},
  ): DynamicModule {
    return {
      module: StoreModule,
      global: true,
      providers: [
        {
          provide: STORE,
          useFactory: async () =>
            withConnectionByIdCache(
              withHotReadCaches(
                await openStore(settings, { sqliteThread: options.sqliteThread }),
                options.hotReadCacheMs ?? 0,
              ),
              options.connectionByIdCacheMs ?? 0,
            ),
        },
        { provide: CONNECTION_REPOSITORY, inject: [STORE], useFactory: (store: Store) => store.connections },
        StoreLifecycle,
      ],
      exports: [STORE, CONNECTION_REPOSITORY],
    };
  }
}
