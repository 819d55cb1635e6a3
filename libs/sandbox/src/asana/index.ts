export * from './asana-emulator';
export * from './demo';
export * from './events';
export * from './seed';
