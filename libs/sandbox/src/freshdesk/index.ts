export * from './automation';
export * from './demo';
export * from './freshdesk-emulator';
export * from './seed';
