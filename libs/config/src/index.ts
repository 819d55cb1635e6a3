export * from './load-config';
export * from './common-settings';
export * from './consumer-worker-settings';
