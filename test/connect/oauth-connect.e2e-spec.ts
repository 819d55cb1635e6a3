import { STORE, type Store } from '@app/store';
import { DEMO_PROVIDERS, type WebhookSendingEmulator } from '@app/sandbox/demo';
import type { GithubEmulator } from '@app/sandbox/github';
import type { ZendeskEmulator } from '@app/sandbox/zendesk';
import { GITHUB_DEMO_OAUTH_APP } from '../../libs/sandbox/src/github/oauth';
import { ZENDESK_DEMO_OAUTH_CLIENT } from '../../libs/sandbox/src/zendesk/oauth';
import { JIRA_CLOUD_ID, JIRA_DEMO_OAUTH_APP } from '../../libs/sandbox/src/jira/oauth';
import { createTenant, freePort, startGateway, type RunningGateway } from '../support/gateway';
import { consent, formPost as form, oauthCallback, startOAuth as startFlow } from '../support/oauth-flow';

const github = DEMO_PROVIDERS.find((d) => d.provider === 'github')!;
const zendesk = DEMO_PROVIDERS.find((d) => d.provider === 'zendesk')!;
const jira = DEMO_PROVIDERS.find((d) => d.provider === 'jira')!;
const APP = 'https://app.example.com';
/** The demo repository: the live check reads it. */
const GITHUB_REPO = { 'settings.owner': github.settings.owner, 'settings.repo': github.settings.repo };

/**
 * OAuth 2.0 on the hosted connect page, over HTTP against the emulators' authorization servers: the
 * round trip, and every forged or failed callback refused with a page that stores nothing.
 */
describe('hosted connect: OAuth 2.0 (authorization code + PKCE)', () => {
  let gateway: RunningGateway;
  let key: string;
  let githubEmulator: WebhookSendingEmulator;
  let zendeskEmulator: WebhookSendingEmulator;
  let githubUrl: string;
  let zendeskUrl: string;
  let jiraEmulator: WebhookSendingEmulator;
  let jiraUrl: string;

  beforeAll(async () => {
    githubEmulator = github.createEmulator();
    githubUrl = await githubEmulator.start();
    zendeskEmulator = zendesk.createEmulator();
    zendeskUrl = await zendeskEmulator.start();
    jiraEmulator = jira.createEmulator();
    jiraUrl = await jiraEmulator.start();
    const port = await freePort();
    gateway = await startGateway({
      GATEWAY_PORT: String(port),
      PUBLIC_GATEWAY_URL: `http://127.0.0.1:${port}`,
    });
    ({ key } = await createTenant(gateway, 'oauth-tenant'));
    await gateway.call('PUT', '/connect/settings', { key, body: { allowed_redirect_origins: [APP] } });
    for (const [provider, app] of [
      ['github', GITHUB_DEMO_OAUTH_APP],
      ['zendesk', ZENDESK_DEMO_OAUTH_CLIENT],
      ['jira', JIRA_DEMO_OAUTH_APP],
    ] as const)
      expect(
        (
          await gateway.call('PUT', `/connect/oauth-apps/${provider}`, {
            key,
            body: { client_id: app.clientId, client_secret: app.clientSecret },
          })
        ).status,
      ).toBe(200);
  });
  afterAll(async () => {
    await gateway?.close();
    await githubEmulator?.stop();
    await zendeskEmulator?.stop();
    await jiraEmulator?.stop();
  });

  const path = (url: string) => new URL(url).pathname;
  const openGithub = async (externalId: string) =>
    (
      await gateway.call('POST', '/connect/sessions', {
        key,
        body: {
          providers: ['github'],
          external_id: externalId,
          redirect_url: `${APP}/done`,
          settings: { github: { base_url: githubUrl } },
        },
      })
    ).body as { url: string; id: string };

  const startOAuth = (sessionUrl: string, provider: string, fields: Record<string, string>) =>
    startFlow(gateway.url, sessionUrl, provider, fields);
  const callback = (url: URL, cookie?: string) => oauthCallback(gateway.url, url, cookie);
  const connectionsOf = async (externalId: string) =>
    (await gateway.call('GET', `/connections?external_id=${externalId}`, { key })).body.result as {
      id: string;
      auth_method: string;
    }[];

  it('registers OAuth apps without ever returning their secrets', async () => {
    const apps = await gateway.call('GET', '/connect/oauth-apps', { key });
    expect(apps.body.result.map((a: { provider: string }) => a.provider)).toEqual([
      'github',
      'jira',
      'zendesk',
    ]);
    expect(apps.text).not.toContain(GITHUB_DEMO_OAUTH_APP.clientSecret);
    expect(apps.body.result[0].redirect_uri).toBe(`${gateway.url}/connect/oauth/callback`);
    const front = await gateway.call('PUT', '/connect/oauth-apps/front', {
      key,
      body: { client_id: 'x', client_secret: 'y' },
    });
    expect(front.status).toBe(400);
    expect((await gateway.call('DELETE', '/connect/oauth-apps/front', { key })).status).toBe(404);
  });

  it('GitHub: consent, code exchange with PKCE, a working OAuth connection, back to the app', async () => {
    const session = await openGithub('gh-oauth');
    const page = await (await fetch(`${gateway.url}${path(session.url)}`)).text();
    expect(page).toContain('Continue with GitHub Issues');
    const { authorize, cookie } = await startOAuth(session.url, 'github', GITHUB_REPO);
    expect(authorize.pathname).toBe('/login/oauth/authorize');
    expect(authorize.searchParams.get('client_id')).toBe(GITHUB_DEMO_OAUTH_APP.clientId);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${gateway.url}/connect/oauth/callback`);
    const back = await consent(authorize);
    const done = await callback(back, cookie);
    expect(done.status).toBe(303);
    const location = new URL(done.location!);
    const [connection] = await connectionsOf('gh-oauth');
    expect(location.searchParams.get('connection_id')).toBe(connection.id);
    expect(connection.auth_method).toBe('oauth2');
    const tickets = await gateway.call(
      'GET',
      `/unified/ticketing/tickets?connection_id=${connection.id}&limit=1`,
      {
        key,
      },
    );
    expect(tickets.status).toBe(200);

    // The same callback again (a replay): its state was taken once.
    const replay = await callback(back, cookie);
    expect(replay.status).toBe(400);
    expect(replay.html).toContain('not valid or was already used');

    // Deleting the connection gives its token back: GitHub's applications API, as the OAuth app.
    const token = (await gateway.app.get<Store>(STORE).connections.findById(connection.id))!.credentials!
      .access_token;
    expect((await gateway.call('DELETE', `/connections/${connection.id}`, { key })).status).toBe(204);
    expect((githubEmulator as GithubEmulator).oauth.revoked).toContain(token);
    const afterwards = await fetch(`${githubUrl}/repos/${github.settings.owner}/${github.settings.repo}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(afterwards.status).toBe(401);
  });

  it('refuses a callback from another browser, or with another session’s state', async () => {
    const a = await openGithub('gh-browser-a');
    const b = await openGithub('gh-browser-b');
    const fields = { 'settings.owner': 'acme', 'settings.repo': 'widgets' };
    const startedA = await startOAuth(a.url, 'github', fields);
    const startedB = await startOAuth(b.url, 'github', fields);
    const backA = await consent(startedA.authorize);
    const noCookie = await callback(backA);
    expect(noCookie.status).toBe(400);
    expect(noCookie.html).toContain('another browser');
    const backB = await consent(startedB.authorize);
    const crossed = await callback(backB, startedA.cookie);
    expect(crossed.status).toBe(400);
    const bogus = await callback(
      new URL(`${gateway.url}/connect/oauth/callback?state=forged&code=x`),
      startedA.cookie,
    );
    expect(bogus.status).toBe(400);
    expect(await connectionsOf('gh-browser-a')).toEqual([]);
    expect(await connectionsOf('gh-browser-b')).toEqual([]);
  });

  it('a code used twice is refused by the provider, and nothing is stored', async () => {
    const first = await openGithub('gh-code-1');
    const started = await startOAuth(first.url, 'github', GITHUB_REPO);
    const back = await consent(started.authorize);
    expect((await callback(back, started.cookie)).status).toBe(303);
    const second = await openGithub('gh-code-2');
    const again = await startOAuth(second.url, 'github', GITHUB_REPO);
    const forged = new URL(back);
    forged.searchParams.set('state', again.authorize.searchParams.get('state')!);
    const refused = await callback(forged, again.cookie);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('refused the sign-in');
    expect(await connectionsOf('gh-code-2')).toEqual([]);
  });

  it('declined consent is a clear page; the link still works', async () => {
    const session = await openGithub('gh-declined');
    const started = await startOAuth(session.url, 'github', GITHUB_REPO);
    const declined = await callback(await consent(started.authorize, 'deny'), started.cookie);
    expect(declined.status).toBe(400);
    expect(declined.html).toContain('was declined');
    expect(await connectionsOf('gh-declined')).toEqual([]);
    expect((await fetch(`${gateway.url}${path(session.url)}`)).status).toBe(200);
  });

  it('Zendesk: the subdomain asked before the redirect; expiring tokens stored with their refresh token', async () => {
    const session = (
      await gateway.call('POST', '/connect/sessions', {
        key,
        body: {
          providers: ['zendesk'],
          external_id: 'zd-oauth',
          settings: { zendesk: { base_url: zendeskUrl } },
        },
      })
    ).body as { url: string };
    const missing = await fetch(`${gateway.url}${path(session.url)}/zendesk/oauth`, form({}));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('subdomain is required');
    const started = await startOAuth(session.url, 'zendesk', { 'settings.subdomain': 'acme' });
    expect(started.authorize.pathname).toBe('/oauth/authorizations/new');
    const done = await callback(await consent(started.authorize), started.cookie);
    expect(done.status).toBe(201);
    const [connection] = await connectionsOf('zd-oauth');
    const stored = await gateway.app.get<Store>(STORE).connections.findById(connection.id);
    expect(stored?.authMethod).toBe('oauth2');
    expect(Object.keys(stored?.credentials ?? {}).sort()).toEqual([
      'access_token',
      'expires_at',
      'refresh_token',
      'scope',
    ]);
    expect(Date.parse(stored!.credentials!.expires_at)).toBeGreaterThan(Date.now() + 25 * 60_000);
    const tickets = await gateway.call(
      'GET',
      `/unified/ticketing/tickets?connection_id=${connection.id}&limit=1`,
      {
        key,
      },
    );
    expect(tickets.status).toBe(200);

    // Deleting the connection revokes the token with the token itself (tokens/current), refresh token too.
    expect((await gateway.call('DELETE', `/connections/${connection.id}`, { key })).status).toBe(204);
    const oauth = (zendeskEmulator as ZendeskEmulator).oauth;
    expect(oauth.revoked).toContain(stored!.credentials!.access_token);
    const refresh = await fetch(`${zendeskUrl}/oauth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: stored!.credentials!.refresh_token,
        client_id: ZENDESK_DEMO_OAUTH_CLIENT.clientId,
        client_secret: ZENDESK_DEMO_OAUTH_CLIENT.clientSecret,
      }).toString(),
    });
    expect(refresh.status).toBe(400);
  });

  it('Jira 3LO: consent, the cloud id found through accessible-resources, the API reached at /ex/jira/<cloud id>', async () => {
    const session = (
      await gateway.call('POST', '/connect/sessions', {
        key,
        body: { providers: ['jira'], external_id: 'jira-3lo', settings: { jira: { base_url: jiraUrl } } },
      })
    ).body as { url: string };
    const page = await (await fetch(`${gateway.url}${path(session.url)}`)).text();
    // The site and cloud id come from accessible-resources: the sign-in form does not ask for them.
    const signIn = page.slice(page.indexOf('aria-label="Sign in with'), page.indexOf('<details'));
    expect(signIn).not.toContain('name="settings.site"');
    expect(signIn).toContain('name="settings.project_key"');
    const started = await startOAuth(session.url, 'jira', { 'settings.project_key': 'SUP' });
    expect(started.authorize.searchParams.get('audience')).toBe('api.atlassian.com');
    expect(started.authorize.searchParams.get('scope')).toContain('offline_access');
    const done = await callback(await consent(started.authorize), started.cookie);
    expect(done.status).toBe(201);
    const [connection] = await connectionsOf('jira-3lo');
    const shown = await gateway.call('GET', `/connections/${connection.id}`, { key });
    expect(shown.body.settings).toMatchObject({ cloud_id: JIRA_CLOUD_ID, site: 'acme', project_key: 'SUP' });
    const tickets = await gateway.call(
      'GET',
      `/unified/ticketing/tickets?connection_id=${connection.id}&limit=1`,
      {
        key,
      },
    );
    expect(tickets.status).toBe(200);
    expect(jiraEmulator.requests.some((r) => r.url.startsWith(`/ex/jira/${JIRA_CLOUD_ID}/rest/api/3/`))).toBe(
      true,
    );
  });
});
