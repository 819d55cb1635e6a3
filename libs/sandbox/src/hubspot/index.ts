export * from './demo';
export * from './hubspot-emulator';
export * from './seed';
