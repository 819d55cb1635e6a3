export * from './emulated-oauth-server';
