export * from './demo';
export * from './gorgias-emulator';
export * from './seed';
