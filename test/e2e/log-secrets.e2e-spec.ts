import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signWebhook } from '@app/providers';
import { githubExamples } from '@app/sandbox';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { captureOutput } from '../support/capture-output';
import { ADMIN_KEY, createTenant, startGateway, type RunningGateway } from '../support/gateway';
import { GITHUB_WEBHOOK_SCHEME, startIngest, startNormalizerApp } from '../support/stack';
import {
  dispatcherConfig,
  startTestDispatcher,
  storeEnv,
  Subscriber,
  waitUntil,
} from '../dispatch/dispatch-support';

// Written into a ticket through the webhook path: no app may log what a ticket says either.
const TICKET_TEXT = `Printer on fire ${randomUUID()}`;
const WRONG_TOKEN = `ghp_wrong_${randomUUID().replace(/-/g, '')}`;
const OAUTH_CLIENT_SECRET = `oauth-client-secret-${randomUUID()}`;

/**
 * Every app (gateway, webhook ingest, normalizer, dispatcher) runs in this process at debug level while
 * the test drives the paths that log the most: provider errors and 5xx with retries, refused
 * credentials, forged and accepted webhooks, failing subscribers and their retries. Everything they
 * print is captured and searched for every secret in play.
 */
describe('logs of every app hold no secret and no ticket content', () => {
  const emulator = new GithubEmulator();
  const subscriber = new Subscriber();
  const env: Record<string, string> = { ...storeEnv(), LOG_LEVEL: 'debug' };
  let output: ReturnType<typeof captureOutput>;
  let gateway: RunningGateway;
  let ingest: { app: NestFastifyApplication; url: string };
  let normalizer: INestApplicationContext;
  let dispatcher: INestApplicationContext;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    output = captureOutput();
    await emulator.start();
    let calls = 0;
    // The subscriber fails twice (500, then a dropped connection) before it takes the event.
    subscriber.reply = (_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(500).end('subscriber down');
      else if (calls === 2) res.destroy();
      else res.writeHead(200).end();
    };
    await subscriber.listen();
    gateway = await startGateway({
      ...env,
      DISPATCH_ALLOW_HTTP: 'true',
      DISPATCH_ALLOWED_HOSTS: '127.0.0.1',
    });
    ingest = await startIngest(env);
    normalizer = await startNormalizerApp(env);
    dispatcher = await startTestDispatcher(dispatcherConfig({ ...env, LOG_LEVEL: 'debug' }));
  });
  afterAll(async () => {
    output?.restore();
    await Promise.all([gateway?.close(), ingest?.app.close(), normalizer?.close(), dispatcher?.close()]);
    await Promise.all([emulator.stop(), subscriber.close()]);
  });

  it('captures every app at work through errors and retries, and finds none of the secrets in it', async () => {
    const tenant = await createTenant(gateway, 'log scan');
    const key = tenant.key;
    secrets['tenant API key'] = key;
    secrets['admin key'] = ADMIN_KEY;
    secrets['provider token'] = GITHUB_SEED_TOKEN;
    secrets['refused provider token'] = WRONG_TOKEN;
    secrets['encryption key'] = env.ENCRYPTION_KEYS.split(':')[1];
    secrets['OAuth client secret'] = OAUTH_CLIENT_SECRET;

    const created = await gateway.call('POST', '/connections', {
      key,
      body: {
        provider: 'github',
        settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: emulator.url },
        credentials: { token: GITHUB_SEED_TOKEN },
      },
    });
    expect(created.status).toBe(201);
    const connection = created.body.id as string;
    secrets['webhook secret'] = created.body.webhook.secret;
    const subscription = await gateway.call('POST', '/subscriptions', {
      key,
      body: { url: subscriber.url(), event_types: ['ticketing.ticket.*'], connection_id: connection },
    });
    expect(subscription.status).toBe(201);
    secrets['subscription secret'] = subscription.body.secret;
    secrets['subscription secret key'] = String(subscription.body.secret).replace(/^whsec_/, '');
    const oauth = await gateway.call('PUT', '/connect/oauth-apps/github', {
      key,
      body: { client_id: 'log-scan-client', client_secret: OAUTH_CLIENT_SECRET },
    });
    expect(oauth.status).toBe(200);
    const session = await gateway.call('POST', '/connect/sessions', { key, body: {} });
    expect(session.status).toBe(201);
    secrets['connect session token'] = session.body.token;

    const tickets = `/unified/ticketing/tickets?connection_id=${connection}`;
    // Provider 5xx, retried by the gateway until it gives up: 502.
    emulator.injectFault({ status: 500, body: { message: 'upstream exploded' }, times: 20 });
    expect((await gateway.call('GET', tickets, { key })).status).toBe(502);
    emulator.clearFaults();
    // A write whose provider call fails, under an Idempotency-Key.
    emulator.injectFault({ status: 503, body: { message: 'maintenance' }, times: 20 });
    const failedWrite = await gateway.call('POST', tickets, {
      key,
      body: { name: TICKET_TEXT, description: TICKET_TEXT },
      headers: { 'idempotency-key': `log-scan-${randomUUID()}` },
    });
    expect(failedWrite.status).toBeGreaterThanOrEqual(500);
    emulator.clearFaults();
    // Proxy through a refused token: the provider's 401.
    const wrong = await gateway.call('PATCH', `/connections/${connection}`, {
      key,
      body: { credentials: { token: WRONG_TOKEN } },
    });
    expect(wrong.status).toBe(200);
    expect((await gateway.call('GET', tickets, { key })).status).toBe(401);
    expect((await gateway.call('GET', `/proxy/${connection}/user`, { key })).status).toBe(401);
    await gateway.call('PATCH', `/connections/${connection}`, {
      key,
      body: { credentials: { token: GITHUB_SEED_TOKEN } },
    });
    // Bad keys on the API and the admin routes.
    expect((await gateway.call('GET', '/connections', { key: `${key}x` })).status).toBe(401);
    expect((await gateway.call('GET', '/admin/tenants', { key })).status).toBe(403);

    // A forged webhook, then a genuine one carrying the ticket text all the way to the subscriber.
    const example = githubExamples('issues').find((e) => e.action === 'opened')!;
    const payload = JSON.parse(JSON.stringify(example.payload)) as { issue: { title: string; body: string } };
    payload.issue.title = TICKET_TEXT;
    payload.issue.body = TICKET_TEXT;
    const body = Buffer.from(JSON.stringify(payload));
    const post = (signature: string) =>
      fetch(`${ingest.url}/webhooks/${connection}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': signature,
        },
        body,
      });
    expect((await post(signWebhook(GITHUB_WEBHOOK_SCHEME, 'not-the-secret', body))).status).toBe(401);
    expect((await post(signWebhook(GITHUB_WEBHOOK_SCHEME, secrets['webhook secret'], body))).status).toBe(
      202,
    );
    // A log scan, not a latency test: on a loaded CI machine the dispatcher's group may still be joining.
    await subscriber.waitFor(
      (all) => all.some((r) => r.body.includes(TICKET_TEXT) && r.headers['webhook-id']),
      120_000,
    );
    await waitUntil(() => subscriber.received.length >= 3, 20_000);
    // The dispatcher records the third attempt as delivered; give its log line a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const text = output.text();
    // Something from every app was captured, so the scan below scans something.
    expect(text.length).toBeGreaterThan(2_000);
    for (const app of APPS) expect(linesOf(text, app)).toBeGreaterThan(0);
    // The error paths logged: two provider failures and a refusal, two failed deliveries, a forgery.
    expect(text.match(/"msg":"provider call failed"/g)).toHaveLength(2);
    expect(text).toContain('"msg":"provider refused the credentials"');
    expect(text.match(/"msg":"delivery attempt failed"/g)).toHaveLength(2);
    expect(text).toContain('"reason":"bad_signature"');
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length).toBeGreaterThan(8);
      if (text.includes(secret)) throw new Error(`the logs contain the ${name}: ${excerpt(text, secret)}`);
    }
    if (text.includes(TICKET_TEXT))
      throw new Error(`the logs contain ticket text: ${excerpt(text, TICKET_TEXT)}`);
  }, 240_000);
});

const APPS = ['gateway', 'ingest', 'normalizer', 'dispatcher'] as const;

/** Lines an app printed, told apart by the Nest contexts each one logs under (start-up lines aside). */
function linesOf(text: string, app: (typeof APPS)[number]): number {
  const marks: Record<(typeof APPS)[number], RegExp> = {
    gateway: /"context":"(?:ProviderCalls|ConnectionsService|UnifiedService|ExceptionsHandler)"/,
    ingest: /"context":"(?:WebhookIntakeService|WebhookController|DedupJanitor)"/,
    normalizer: /"context":"(?:DeliveryNormalizer\w*|NormalizerWorker|ChangeEnricher)"/,
    dispatcher:
      /"context":"(?:DeliveryExecutor|DeliveryScheduler|EventIntake|DispatcherWorker|RetentionJanitor)"/,
  };
  return text.split('\n').filter((line) => marks[app].test(line)).length;
}

function excerpt(text: string, secret: string): string {
  const at = text.indexOf(secret);
  return text.slice(Math.max(0, at - 300), at + 100).replace(secret, '<SECRET>');
}
