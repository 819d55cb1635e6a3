export * from './demo';
export * from './front-emulator';
export * from './seed';
export * from './seed-conversations';
