export * from './demo';
export * from './seed';
export * from './shortcut-emulator';
export * from './webhooks';
