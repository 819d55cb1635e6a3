import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Providers' official API descriptions (OpenAPI, GraphQL SDL) live beside the checkout in
 * ../shared/specs (see its INDEX.md), never in the repository: contract tests read them from there.
 */
export const SPECS_DIR = process.env.SPECS_DIR ?? path.resolve(__dirname, '../../../../shared/specs');

/** The text of one description; a clear error when the folder or the file is absent. */
export function readSpec(relative: string): string {
  const file = path.join(SPECS_DIR, relative);
  if (!existsSync(file))
    throw new Error(
      `The provider's API description is missing: ${file} does not exist. Contract tests read official ` +
        'descriptions from ../shared/specs (beside the checkout) or from SPECS_DIR.',
    );
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}
