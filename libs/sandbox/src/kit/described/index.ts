export * from './description';
export * from './described-emulator';
