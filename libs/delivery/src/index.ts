export * from './address-policy';
export * from './delivery-settings';
export * from './destination-guard';
export * from './event-filter';
export * from './retry-schedule';
export * from './signing';
export * from './webhook-sender';
