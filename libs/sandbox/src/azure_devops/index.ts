export * from './azure-devops-emulator';
export * from './demo';
export * from './seed';
export * from './webhooks';
