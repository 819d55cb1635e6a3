export * from './demo';
export * from './monday-emulator';
export * from './seed';
