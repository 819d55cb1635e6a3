import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Where the browser tests leave their screenshots (beside the test results `npm test` writes). */
export const SCREENSHOT_ROOT = path.join(__dirname, '../../.data/test-results');

/** Debian's Chromium (scripts/chromium.sh installs it; `.ci/run` exports CHROMIUM_PATH). */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(
    (p) => p && existsSync(p),
  );
  if (!found) throw new Error('No Chromium: run `bash scripts/chromium.sh` (or set CHROMIUM_PATH)');
  return found;
}

/** A headless Chromium (no sandbox: the tests run as root in CI). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
}
