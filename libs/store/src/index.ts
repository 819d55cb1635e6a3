export * from './connections/connection';
export * from './connections/file-connection-repository';
