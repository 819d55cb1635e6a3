export * from './definition';
export * from './registry';
export * from './engine/expression-cache';
export * from './engine/record-mapper';
export * from './webhooks/verify-signature';
export * from './webhooks/webhook-event-mapper';
