export * from './demo';
export * from './outbound';
export * from './seed';
export * from './servicenow-emulator';
