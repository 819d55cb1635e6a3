export * from './demo';
export * from './intercom-emulator';
export * from './seed';
export * from './seed-people';
export * from './seed-tickets';
