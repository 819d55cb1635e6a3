export * from './corpus';
export * from './github-examples';
export * from './kit/provider-emulator';
export * from './kit/webhook-emitter';
export * from './specs';
