export * from './demo';
export * from './seed';
export * from './trello-emulator';
