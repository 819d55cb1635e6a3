export * from './demo';
export * from './help-scout-emulator';
export * from './seed';
