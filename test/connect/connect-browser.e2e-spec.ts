import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PROVIDERS, type WebhookSendingEmulator } from '@app/sandbox/demo';
import { GITHUB_DEMO_OAUTH_APP } from '../../libs/sandbox/src/github/oauth';
import { JIRA_CLOUD_ID, JIRA_DEMO_OAUTH_APP } from '../../libs/sandbox/src/jira/oauth';
import { launchChromium, SCREENSHOT_ROOT } from '../support/chromium';
import { createTenant, freePort, startGateway, type RunningGateway } from '../support/gateway';

const zendesk = DEMO_PROVIDERS.find((d) => d.provider === 'zendesk')!;
const github = DEMO_PROVIDERS.find((d) => d.provider === 'github')!;
const jira = DEMO_PROVIDERS.find((d) => d.provider === 'jira')!;
const SCREENSHOTS = path.join(SCREENSHOT_ROOT, 'connect-screenshots');

/**
 * "Our user's app": where the connect page sends the end user back, and a page that opens the connect
 * link in a pop-up and shows what the pop-up told it.
 */
async function startApp(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://app');
    response.setHeader('content-type', 'text/html; charset=utf-8');
    if (url.pathname === '/connected') {
      response.end(`<h1>Back in the app</h1><p id="connection">${url.searchParams.get('connection_id')}</p>`);
      return;
    }
    if (url.pathname === '/popup') {
      response.end(`<button id="open">Connect your helpdesk</button><p id="result">waiting</p>
<script>
  document.getElementById('open').onclick = function () {
    window.open(${JSON.stringify(url.searchParams.get('link'))}, 'connect', 'width=520,height=720');
  };
  window.addEventListener('message', function (event) {
    if (event.data && event.data.type === 'ticketing.connect.success')
      document.getElementById('result').textContent = event.data.connection_id + ' ' + event.data.external_id;
  });
</script>`);
      return;
    }
    response.statusCode = 404;
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('hosted connect in a real browser (Chromium)', () => {
  let browser: Browser;
  let gateway: RunningGateway;
  let key: string;
  let emulator: WebhookSendingEmulator;
  let emulatorUrl: string;
  let githubEmulator: WebhookSendingEmulator;
  let githubUrl: string;
  let jiraEmulator: WebhookSendingEmulator;
  let jiraUrl: string;
  let app: { server: Server; origin: string };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    emulator = zendesk.createEmulator();
    emulatorUrl = await emulator.start();
    githubEmulator = github.createEmulator();
    githubUrl = await githubEmulator.start();
    jiraEmulator = jira.createEmulator();
    jiraUrl = await jiraEmulator.start();
    app = await startApp();
    // OAuth needs the gateway's public URL (the redirect URI) before it starts.
    const port = await freePort();
    gateway = await startGateway({
      GATEWAY_PORT: String(port),
      PUBLIC_GATEWAY_URL: `http://127.0.0.1:${port}`,
    });
    ({ key } = await createTenant(gateway, 'Acme Helpdesk Sync'));
    await gateway.call('PUT', '/connect/settings', { key, body: { allowed_redirect_origins: [app.origin] } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await emulator?.stop();
    await githubEmulator?.stop();
    await jiraEmulator?.stop();
    app?.server.close();
  });

  const openSession = async (body: Record<string, unknown>) => {
    const answer = await gateway.call('POST', '/connect/sessions', {
      key,
      body: {
        settings: { zendesk: { subdomain: zendesk.settings.subdomain, base_url: emulatorUrl } },
        ...body,
      },
    });
    expect(answer.status).toBe(201);
    return { url: answer.body.url as string };
  };
  const ticketsThrough = (connectionId: string) =>
    gateway.call('GET', `/unified/ticketing/tickets?connection_id=${connectionId}&limit=1`, { key });

  it('Zendesk by API token: chosen by keyboard, entered wrong then right, back to the app, and it works', async () => {
    const session = await openSession({
      providers: ['zendesk', 'github'],
      external_id: 'customer-7',
      redirect_url: `${app.origin}/connected`,
    });
    const page = await browser.newPage();
    await page.goto(session.url);
    await shot(page, '1-providers');
    await page.getByRole('heading', { name: 'Connect an account' }).waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Providers' }).getByRole('link').allTextContents(),
    ).toEqual(['Zendesk Support', 'GitHub Issues']);
    // Keyboard only: tab to the first provider and press Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Connect Zendesk Support' }).waitFor();
    await shot(page, '2-zendesk-form');

    // Labels are tied to their inputs, so a screen reader (and getByLabel) finds each field.
    await page.getByLabel('E-mail').fill(zendesk.credentials.email);
    await page.getByLabel('API token').fill('wrong-token-000');
    await page.getByLabel('API token').press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(
      'Zendesk Support refused these credentials',
    );
    expect(await page.getByLabel('E-mail').inputValue()).toBe(zendesk.credentials.email);
    expect(await page.getByLabel('API token').inputValue()).toBe('');
    await shot(page, '3-zendesk-refused');
    expect((await gateway.call('GET', '/connections?external_id=customer-7', { key })).body.result).toEqual(
      [],
    );

    await page.getByLabel('API token').fill(zendesk.credentials.api_token);
    await page.getByRole('button', { name: 'Connect Zendesk Support' }).click();
    await page.waitForURL(`${app.origin}/connected?**`);
    await shot(page, '4-back-in-app');
    const returned = new URL(page.url());
    expect(returned.searchParams.get('external_id')).toBe('customer-7');
    const connectionId = returned.searchParams.get('connection_id')!;
    expect(await page.locator('#connection').textContent()).toBe(connectionId);
    expect((await ticketsThrough(connectionId)).status).toBe(200);

    // The link is spent.
    await page.goto(session.url);
    expect(await page.getByRole('alert').textContent()).toContain('already used');
    await shot(page, '5-link-used');
    await page.close();
  }, 60_000);

  it('as a pop-up: the page tells its opener the new connection, then closes', async () => {
    const session = await openSession({ providers: ['zendesk'], external_id: 'customer-8' });
    const page = await browser.newPage();
    await page.goto(`${app.origin}/popup?link=${encodeURIComponent(session.url)}`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#open')]);
    await popup.getByRole('heading', { name: 'Connect Zendesk Support' }).waitFor();
    await popup.getByLabel('E-mail').fill(zendesk.credentials.email);
    await popup.getByLabel('API token').fill(zendesk.credentials.api_token);
    await shot(popup, '6-popup-form');
    await Promise.all([popup.waitForEvent('close'), popup.getByRole('button').click()]);
    await page.locator('#result').filter({ hasNotText: 'waiting' }).waitFor();
    const [connectionId, externalId] = (await page.locator('#result').textContent())!.split(' ');
    expect(externalId).toBe('customer-8');
    expect(connectionId).toMatch(/^con_/);
    await shot(page, '7-opener-told');
    expect((await ticketsThrough(connectionId)).status).toBe(200);
    await page.close();
  }, 60_000);

  it('GitHub by OAuth: continue, consent at GitHub, back to the app with a working connection', async () => {
    await gateway.call('PUT', '/connect/oauth-apps/github', {
      key,
      body: { client_id: GITHUB_DEMO_OAUTH_APP.clientId, client_secret: GITHUB_DEMO_OAUTH_APP.clientSecret },
    });
    const answer = await gateway.call('POST', '/connect/sessions', {
      key,
      body: {
        providers: ['github'],
        external_id: 'customer-9',
        redirect_url: `${app.origin}/connected`,
        settings: { github: { base_url: githubUrl } },
      },
    });
    const page = await browser.newPage();
    await page.goto(answer.body.url as string);
    await page.getByRole('heading', { name: 'Connect GitHub Issues' }).waitFor();
    await shot(page, '8-github-oauth-or-token');
    const signIn = page.getByRole('form', { name: 'Sign in with GitHub Issues' });
    await signIn.getByLabel('Owner').fill(github.settings.owner);
    await signIn.getByLabel('Repo').fill(github.settings.repo);
    await signIn.getByRole('button', { name: 'Continue with GitHub Issues' }).click();
    await page.getByRole('heading', { name: `Authorize ${GITHUB_DEMO_OAUTH_APP.clientId}` }).waitFor();
    await shot(page, '9-github-consent');
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(`${app.origin}/connected?**`);
    await shot(page, '10-github-back-in-app');
    const connectionId = new URL(page.url()).searchParams.get('connection_id')!;
    const connection = await gateway.call('GET', `/connections/${connectionId}`, { key });
    expect(connection.body).toMatchObject({
      provider: 'github',
      auth_method: 'oauth2',
      external_id: 'customer-9',
    });
    expect((await ticketsThrough(connectionId)).status).toBe(200);
    await page.close();
  }, 60_000);

  it('Jira by OAuth 3LO: consent at Atlassian, the site found by its cloud id, a working connection', async () => {
    await gateway.call('PUT', '/connect/oauth-apps/jira', {
      key,
      body: { client_id: JIRA_DEMO_OAUTH_APP.clientId, client_secret: JIRA_DEMO_OAUTH_APP.clientSecret },
    });
    const answer = await gateway.call('POST', '/connect/sessions', {
      key,
      body: {
        providers: ['jira'],
        external_id: 'customer-10',
        redirect_url: `${app.origin}/connected`,
        settings: { jira: { base_url: jiraUrl } },
      },
    });
    const page = await browser.newPage();
    await page.goto(answer.body.url as string);
    await page.getByRole('heading', { name: 'Connect Jira Cloud' }).waitFor();
    const signIn = page.getByRole('form', { name: 'Sign in with Jira Cloud' });
    await signIn.getByLabel('Project key').fill('SUP');
    await shot(page, '11-jira-sign-in');
    await signIn.getByRole('button', { name: 'Continue with Jira Cloud' }).click();
    await page.getByRole('heading', { name: `Authorize ${JIRA_DEMO_OAUTH_APP.clientId}` }).waitFor();
    await shot(page, '12-atlassian-consent');
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(`${app.origin}/connected?**`);
    const connectionId = new URL(page.url()).searchParams.get('connection_id')!;
    const connection = await gateway.call('GET', `/connections/${connectionId}`, { key });
    expect(connection.body).toMatchObject({
      provider: 'jira',
      auth_method: 'oauth2',
      settings: { cloud_id: JIRA_CLOUD_ID, site: 'acme', project_key: 'SUP' },
    });
    expect((await ticketsThrough(connectionId)).status).toBe(200);
    await page.close();
  }, 60_000);
});
