export * from './demo';
export * from './freshservice-emulator';
export * from './seed';
export * from './workflow';
