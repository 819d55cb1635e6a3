export * from './description';
export * from './described-emulator';
export * from './conformance';
