export * from './demo';
export * from './gitlab-emulator';
export * from './seed';
