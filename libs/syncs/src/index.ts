export * from './sync-plan';
export * from './synced-events';
export * from './sync-runner';
export * from './syncs.module';
export * from './sync-settings';
export * from './resource-pages';
