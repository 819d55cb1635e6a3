export * from './demo';
export * from './linear-emulator';
export * from './seed';
