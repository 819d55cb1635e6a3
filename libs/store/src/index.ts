export * from './connect/connect-session-repository';
export * from './connections/connection';
export * from './crypto/credential-cipher';
export * from './errors';
export * from './store';
export * from './types';
export type { Database } from './db/schema';
export * from './open-store';
export * from './nest/store.module';
