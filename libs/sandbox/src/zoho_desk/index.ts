export * from './demo';
export * from './seed';
export * from './zoho-desk-emulator';
