import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_ROOT } from '../support/chromium';
import { startGateway, type RunningGateway } from '../support/gateway';

const SCREENSHOTS = path.join(SCREENSHOT_ROOT, 'docs-screenshots');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** "METHOD /path" for every operation of an OpenAPI document. */
function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([route, item]) =>
    Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${route}`),
  );
}

/** What the page went through that a reader would see as broken. */
function watchForTrouble(page: Page): string[] {
  const trouble: string[] = [];
  page.on('pageerror', (error) => trouble.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => trouble.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.push(`${response.status()} for ${response.url()}`);
  });
  return trouble;
}

/**
 * The API reference at /docs as a reader sees it: Swagger UI in a real headless Chromium (Debian's), fed
 * by the gateway's own /openapi.json, must list every operation of the document and load without errors.
 */
describe('Swagger UI at /docs in a real browser (Chromium)', () => {
  let browser: Browser;
  let gateway: RunningGateway;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    gateway = await startGateway();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('renders every operation of /openapi.json, loads without errors, and opens one', async () => {
    const openapi = (await gateway.call('GET', '/openapi.json')).body;
    const expected = [...new Set(operationsOf(openapi))].sort();
    expect(expected).toEqual(
      expect.arrayContaining([
        'GET /unified/ticketing/tickets',
        'POST /unified/ticketing/tickets',
        'PATCH /unified/ticketing/tickets/{id}',
        'POST /connections',
        'POST /subscriptions',
      ]),
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const trouble = watchForTrouble(page);
    // Nest hands Swagger UI the same document inline, in its init script.
    const initScript = page.waitForResponse((r) => r.url().endsWith('/swagger-ui-init.js'));
    const answer = await page.goto(`${gateway.url}/docs`);
    expect(answer?.status()).toBe(200);
    expect((await initScript).status()).toBe(200);
    // Then Swagger UI renders one block per operation (and tag it carries).
    // (Page scripts as strings: the project compiles without the DOM library.)
    await page.waitForFunction(`document.querySelectorAll('.opblock').length >= ${expected.length}`, null, {
      timeout: 30_000,
    });
    const rendered = await page.evaluate<string[]>(`[...document.querySelectorAll('.opblock')].map((block) =>
      block.querySelector('.opblock-summary-method')?.textContent.trim() + ' ' +
      block.querySelector('[data-path]')?.getAttribute('data-path'))`);
    expect([...new Set(rendered)].sort()).toEqual(expected);
    await expect(page.locator('.info .title').first().textContent()).resolves.toContain(
      'Unified Ticketing API',
    );
    // Swagger UI lists the document's resolver and schema errors in an errors box.
    expect(await page.locator('.errors-wrapper').count()).toBe(0);

    // Opening an operation renders its parameters from the document.
    const listTickets = page
      .locator('.opblock-get')
      .filter({ has: page.locator('[data-path="/unified/ticketing/tickets"]') })
      .first();
    await listTickets.locator('.opblock-summary').first().click();
    await expect(listTickets.locator('.parameters').first().textContent()).resolves.toContain(
      'connection_id',
    );

    await listTickets.screenshot({ path: path.join(SCREENSHOTS, 'swagger-ui-list-tickets.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'swagger-ui.png'), fullPage: true });
    expect(trouble).toEqual([]);
    await page.close();
  });
});
