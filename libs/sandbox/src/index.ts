export * from './corpus';
export * from './github-examples';
