export { STORE } from '@app/store';
export type { Store } from '@app/store';
