export * from './clickup-emulator';
export * from './demo';
export * from './events';
export * from './seed';
