/** ClickUp's error bodies: `{"err": "…", "ECODE": "…"}`. */
import { ProviderValidationError } from '../kit/described';

export const clickupError = (err: string, ECODE: string) => ({ err, ECODE });

export const UNAUTHORIZED = clickupError('Token invalid', 'OAUTH_025');
export const RATE_LIMITED = clickupError('Rate limit reached', 'APP_002');

/** What ClickUp answers for a record it does not find (by collection). */
const NOT_FOUND: Record<string, [string, string]> = {
  tasks: ['Task not found, deleted', 'ITEM_013'],
  comments: ['Comment not found', 'COMM_020'],
  folders: ['Folder not found', 'FOLD_016'],
  lists: ['List not found', 'SUBCAT_016'],
  spaces: ['Space not found', 'PROJ_011'],
  groups: ['Team not found', 'GROUP_002'],
};
export const notFoundBody = (collection: string) => {
  const [err, code] = NOT_FOUND[collection] ?? ['Not found', 'ITEM_015'];
  return clickupError(err, code);
};

/** Throws ClickUp's 400 with its message and error code. */
export function invalid(err: string, ECODE = 'INPUT_005'): never {
  throw new ProviderValidationError(err, { ECODE: [ECODE] });
}
