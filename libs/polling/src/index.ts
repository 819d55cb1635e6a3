export * from './change-diff';
export * from './change-hash';
export * from './polled-events';
export * from './poll-cycle';
export * from './poll-scheduler';
export * from './poll-settings';
export * from './rate-budget';
