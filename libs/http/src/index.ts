export * from './api-error';
export * from './api-exception.filter';
export * from './create-http-app';
export * from './health/health.module';
export * from './metrics/metrics.module';
export * from './worker-cluster';
export * from './health/worker-health-server';
export * from './shutdown-on-signal';
