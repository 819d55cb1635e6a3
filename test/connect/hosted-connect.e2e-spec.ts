import { STORE, type Store } from '@app/store';
import { DEMO_PROVIDERS, type WebhookSendingEmulator } from '@app/sandbox/demo';
import { createTenant, startGateway, type RunningGateway } from '../support/gateway';

const zendesk = DEMO_PROVIDERS.find((d) => d.provider === 'zendesk')!;
const github = DEMO_PROVIDERS.find((d) => d.provider === 'github')!;
const APP = 'https://app.example.com';

/**
 * Hosted connect over HTTP (the browser walk is in connect-browser.e2e-spec.ts): our user opens a session,
 * the end user's form posts become a connection checked live with the provider's emulator — or a clear
 * page that stores nothing.
 */
describe('hosted connect: sessions and the credential form', () => {
  let gateway: RunningGateway;
  let key: string;
  let zendeskEmulator: WebhookSendingEmulator;
  let zendeskUrl: string;
  let githubUrl: string;
  let githubEmulator: WebhookSendingEmulator;

  beforeAll(async () => {
    zendeskEmulator = zendesk.createEmulator();
    zendeskUrl = await zendeskEmulator.start();
    githubEmulator = github.createEmulator();
    githubUrl = await githubEmulator.start();
    gateway = await startGateway();
    ({ key } = await createTenant(gateway, 'acme-connect'));
    const allowed = await gateway.call('PUT', '/connect/settings', {
      key,
      body: { allowed_redirect_origins: [APP, 'http://127.0.0.1:9/'] },
    });
    expect(allowed.body).toEqual({ allowed_redirect_origins: [APP, 'http://127.0.0.1:9'] });
  });
  afterAll(async () => {
    await gateway?.close();
    await zendeskEmulator?.stop();
    await githubEmulator?.stop();
  });

  const zendeskSettings = () => ({
    zendesk: { subdomain: zendesk.settings.subdomain, base_url: zendeskUrl },
  });
  const open = (body: Record<string, unknown>) => gateway.call('POST', '/connect/sessions', { key, body });
  const page = async (path: string) => {
    const response = await fetch(`${gateway.url}${path}`, { redirect: 'manual' });
    return { status: response.status, headers: response.headers, html: await response.text() };
  };
  const post = async (path: string, form: Record<string, string>) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, headers: response.headers, html: await response.text() };
  };
  const pathOf = (url: string) => new URL(url).pathname;
  const connectionsOf = async (externalId: string) =>
    (await gateway.call('GET', `/connections?external_id=${externalId}`, { key })).body.result as {
      id: string;
      external_id: string;
    }[];
  const rightZendesk = () => ({
    'credentials.email': zendesk.credentials.email,
    'credentials.api_token': zendesk.credentials.api_token,
  });

  it('refuses sessions it could not honour, each with its reason', async () => {
    const unknown = await open({ providers: ['zendesk', 'nope'] });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.details)).toContain('unknown providers: nope;');
    const foreign = await open({ providers: ['zendesk'], redirect_url: 'https://evil.example/cb' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0]).toMatch(/origin https:\/\/evil.example is not allowed/);
    const misplaced = await open({ providers: ['zendesk'], settings: { github: { owner: 'x' } } });
    expect(misplaced.body.details).toEqual(["settings.github: github is not among the session's providers"]);
    const privateBase = await open({
      providers: ['zendesk'],
      settings: { zendesk: { base_url: 'http://10.0.0.1' } },
    });
    expect(privateBase.body.details[0]).toMatch(/not in PROVIDER_BASE_URL_ALLOWLIST/);
    expect((await open({ connection_id: 'con_missing' })).status).toBe(404);
    expect((await gateway.call('POST', '/connect/sessions', { body: {} })).status).toBe(401);
    const badOrigin = await gateway.call('PUT', '/connect/settings', {
      key,
      body: { allowed_redirect_origins: ['https://app.example.com/path', 'ftp://x'] },
    });
    expect(badOrigin.status).toBe(400);
    expect(badOrigin.body.details).toHaveLength(2);
  });

  it('lists the offered providers, and a form asks only what our user did not fix', async () => {
    const session = (await open({ providers: ['zendesk', 'github'], settings: zendeskSettings() })).body;
    expect(session.url).toMatch(/\/connect\/cst_[A-Za-z0-9_-]{43}$/);
    const list = await page(pathOf(session.url));
    expect(list.status).toBe(200);
    expect(list.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(list.html).toContain('acme-connect');
    expect(list.html).toContain(`href="${pathOf(session.url)}/zendesk"`);
    expect(list.html).toContain(`href="${pathOf(session.url)}/github"`);
    const form = await page(`${pathOf(session.url)}/zendesk`);
    expect(form.html).toContain('name="credentials.api_token" type="password"');
    expect(form.html).toContain('name="credentials.email" type="text"');
    expect(form.html).not.toContain('name="settings.subdomain"');
    const githubForm = await page(`${pathOf(session.url)}/github`);
    expect(githubForm.html).toContain('name="settings.owner"');
    expect((await page(`${pathOf(session.url)}/jira`)).status).toBe(404);
  });

  it('wrong credentials: the provider’s refusal on the form again, no secret echoed, nothing stored', async () => {
    const session = (
      await open({ providers: ['zendesk'], external_id: 'cust-wrong', settings: zendeskSettings() })
    ).body;
    const refused = await post(`${pathOf(session.url)}/zendesk`, {
      'credentials.email': zendesk.credentials.email,
      'credentials.api_token': 'not-the-token-123',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('Zendesk Support refused these credentials');
    expect(refused.html).not.toContain('not-the-token-123');
    expect(refused.html).toContain(`value="${zendesk.credentials.email}"`);
    const missing = await post(`${pathOf(session.url)}/zendesk`, { 'credentials.email': 'a@b.c' });
    expect(missing.status).toBe(400);
    expect(missing.html).toMatch(/api_token is required/);
    expect(await connectionsOf('cust-wrong')).toEqual([]);
    // The link still works after failures.
    expect((await page(pathOf(session.url))).status).toBe(200);
  });

  it('right credentials: a working connection carrying the external id, then back to our user', async () => {
    const session = (
      await open({
        providers: ['zendesk'],
        external_id: 'cust-42',
        redirect_url: `${APP}/connected?step=2`,
        settings: zendeskSettings(),
      })
    ).body;
    const done = await post(`${pathOf(session.url)}/zendesk`, rightZendesk());
    expect(done.status).toBe(303);
    const location = new URL(done.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${APP}/connected`);
    expect(location.searchParams.get('step')).toBe('2');
    expect(location.searchParams.get('external_id')).toBe('cust-42');
    const [connection] = await connectionsOf('cust-42');
    expect(connection.id).toBe(location.searchParams.get('connection_id'));
    const tickets = await gateway.call(
      'GET',
      `/unified/ticketing/tickets?connection_id=${connection.id}&limit=2`,
      {
        key,
      },
    );
    expect(tickets.status).toBe(200);
    expect(tickets.body.result.length).toBeGreaterThan(0);
    // Single use: the link is spent.
    const again = await post(`${pathOf(session.url)}/zendesk`, rightZendesk());
    expect(again.status).toBe(410);
    expect(again.html).toContain('already used');
    expect(await connectionsOf('cust-42')).toHaveLength(1);
  });

  it('two submissions racing for one link make one connection', async () => {
    const session = (
      await open({ providers: ['zendesk'], external_id: 'cust-race', settings: zendeskSettings() })
    ).body;
    const answers = await Promise.all(
      [1, 2, 3].map(() => post(`${pathOf(session.url)}/zendesk`, rightZendesk())),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 410, 410]);
    expect(await connectionsOf('cust-race')).toHaveLength(1);
  });

  it('without a redirect URL: a page telling a pop-up’s opener, only on allowed origins', async () => {
    const session = (
      await open({ providers: ['zendesk'], external_id: 'cust-popup', settings: zendeskSettings() })
    ).body;
    const done = await post(`${pathOf(session.url)}/zendesk`, rightZendesk());
    expect(done.status).toBe(201);
    const [connection] = await connectionsOf('cust-popup');
    expect(done.html).toContain(connection.id);
    expect(done.html).toContain('"ticketing.connect.success"');
    expect(done.html).toContain(`["${APP}","http://127.0.0.1:9"]`);
    const nonce = /script-src 'nonce-([^']+)'/.exec(done.headers.get('content-security-policy')!)![1];
    expect(done.html).toContain(`<script nonce="${nonce}">`);
  });

  it('a provider that does not answer is a clear page and stores nothing', async () => {
    const session = (
      await open({
        providers: ['zendesk'],
        external_id: 'cust-down',
        settings: { zendesk: { subdomain: 'acme', base_url: 'http://127.0.0.1:9' } },
      })
    ).body;
    const down = await post(`${pathOf(session.url)}/zendesk`, rightZendesk());
    expect(down.status).toBe(502);
    expect(down.html).toContain('did not answer');
    expect(await connectionsOf('cust-down')).toEqual([]);
  });

  it('re-authorises an existing connection in place', async () => {
    const first = (
      await open({ providers: ['zendesk'], external_id: 'cust-re', settings: zendeskSettings() })
    ).body;
    await post(`${pathOf(first.url)}/zendesk`, rightZendesk());
    const [connection] = await connectionsOf('cust-re');
    const renewal = (await open({ connection_id: connection.id, settings: zendeskSettings() })).body;
    expect(renewal.providers).toEqual(['zendesk']);
    expect((await open({ connection_id: connection.id, providers: ['github'] })).status).toBe(400);
    const form = await page(pathOf(renewal.url));
    expect(form.html).toContain('Connect Zendesk Support');
    expect((await post(`${pathOf(renewal.url)}/zendesk`, rightZendesk())).status).toBe(201);
    expect((await connectionsOf('cust-re')).map((c) => c.id)).toEqual([connection.id]);
  });

  it('unknown, malformed and expired links are pages, not JSON errors', async () => {
    const unknown = await page(`/connect/cst_${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('not valid');
    expect((await page('/connect/%3Cscript%3E')).html).not.toContain('<script>');
    const session = (await open({ providers: ['github'], settings: { github: { base_url: githubUrl } } }))
      .body;
    const store = gateway.app.get<Store>(STORE);
    await store.db
      .updateTable('connect_sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', session.id)
      .execute();
    const expired = await post(`${pathOf(session.url)}/github`, {
      'credentials.token': 'x',
      'settings.owner': 'o',
    });
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('expired');
  });
});
