import { randomBytes } from 'node:crypto';
import { DEMO_PROVIDERS } from '@app/sandbox/demo';
import type { ZendeskEmulator } from '../../libs/sandbox/src/zendesk/zendesk-emulator';
import { ZENDESK_DEMO_OAUTH_CLIENT } from '../../libs/sandbox/src/zendesk/oauth';
import { freePort } from '../dispatch/dispatch-support';
import { startGatewayCluster, type GatewayCluster } from '../support/gateway-cluster';
import { consent, oauthCallback, startOAuth } from '../support/oauth-flow';
import { TopicRecorder } from '../support/topic-recorder';
import { ALL_TOPICS, createEventValidator, ensureTopics, TOPICS } from '@app/bus';
import { Kafka, logLevel } from 'kafkajs';

const zendesk = DEMO_PROVIDERS.find((d) => d.provider === 'zendesk')!;
const ADMIN_KEY = randomBytes(24).toString('hex');

/**
 * The OAuth token lifecycle on the production entry point with two gateway workers over one store: an
 * expired token is refreshed once for 50 concurrent calls, whichever worker serves them; a refused refresh
 * makes the connection `needs_reauth` (401 with a re-connect link), and re-connecting through that link
 * makes it work again.
 */
describe('OAuth token refresh across 2 gateway workers', () => {
  let cluster: GatewayCluster;
  let emulator: ZendeskEmulator;
  let emulatorUrl: string;
  let key: string;
  let connectionId: string;
  let recorder: TopicRecorder;

  const call = async (method: string, route: string, body?: unknown) => {
    const answer = await fetch(`${cluster.url}${route}`, {
      method,
      // A fresh TCP connection per call, so the cluster spreads the calls over both workers.
      headers: {
        connection: 'close',
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    return { status: answer.status, body: text ? JSON.parse(text) : undefined };
  };
  const expireAccessTokens = () => {
    for (const token of emulator.oauthTokens.keys()) emulator.oauthTokens.set(token, Date.now() - 1000);
  };
  /** The whole OAuth round trip on a connect link; returns the connection it made or renewed. */
  const connectByOAuth = async (sessionUrl: string) => {
    const { authorize, cookie } = await startOAuth(cluster.url, sessionUrl, 'zendesk', {});
    const done = await oauthCallback(cluster.url, await consent(authorize), cookie);
    expect(done.status).toBe(201);
    return /Connection <code>([^<]+)<\/code>/.exec(done.html)![1];
  };

  beforeAll(async () => {
    const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
    await ensureTopics(new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }), ALL_TOPICS);
    recorder = new TopicRecorder(brokers, [TOPICS.connections], () => true);
    await recorder.start();
    emulator = zendesk.createEmulator() as ZendeskEmulator;
    emulatorUrl = await emulator.start();
    const port = await freePort();
    cluster = await startGatewayCluster(ADMIN_KEY, {
      GATEWAY_PORT: String(port),
      PUBLIC_GATEWAY_URL: `http://127.0.0.1:${port}`,
      PROVIDER_BASE_URL_ALLOWLIST: '127.0.0.1',
      // The fair-use limits (rate and concurrency) would otherwise refuse part of the burst below.
      TENANT_RATE_LIMIT_PER_SECOND: '0',
      API_KEY_RATE_LIMIT_PER_SECOND: '0',
      TENANT_MAX_CONCURRENT_REQUESTS: '0',
      API_KEY_MAX_CONCURRENT_REQUESTS: '0',
    });
    const tenant = await fetch(`${cluster.url}/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'refresh' }),
    });
    key = ((await tenant.json()) as { api_key: { secret: string } }).api_key.secret;
    await call('PUT', '/connect/oauth-apps/zendesk', {
      client_id: ZENDESK_DEMO_OAUTH_CLIENT.clientId,
      client_secret: ZENDESK_DEMO_OAUTH_CLIENT.clientSecret,
    });
    const session = await call('POST', '/connect/sessions', {
      providers: ['zendesk'],
      settings: { zendesk: { subdomain: zendesk.settings.subdomain, base_url: emulatorUrl } },
    });
    connectionId = await connectByOAuth(session.body.url);
  }, 120_000);
  afterAll(async () => {
    await recorder?.stop();
    await cluster?.stop();
    await emulator?.stop();
  });

  it('50 concurrent calls on an expired token: one refresh at the provider, all 200', async () => {
    expireAccessTokens();
    const before = emulator.oauth.grants('refresh_token');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call('GET', `/unified/ticketing/tickets?connection_id=${connectionId}&limit=1`),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(emulator.oauth.grants('refresh_token') - before).toBe(1);
    expect(cluster.log()).not.toContain(emulator.oauthTokens.keys().next().value as string);
  }, 60_000);

  it('a refused refresh: needs_reauth, 401 with a re-connect link; re-connecting restores it', async () => {
    emulator.oauth.revokeAllRefreshTokens();
    expireAccessTokens();
    const refused = await call('GET', `/unified/ticketing/tickets?connection_id=${connectionId}&limit=1`);
    expect(refused.status).toBe(401);
    expect(refused.body.details).toMatchObject({ reason: 'needs_reauth', connection_id: connectionId });
    const again = await call('GET', `/unified/ticketing/tickets?connection_id=${connectionId}&limit=1`);
    expect(again.status).toBe(401);
    expect((await call('GET', `/connections/${connectionId}`)).body.auth_status).toBe('needs_reauth');
    // Told once, on the connections topic, valid against the AsyncAPI contract.
    const mine = (type: string) =>
      recorder.messages.filter((m) => m.json.connectionid === connectionId && m.json.type === type);
    await recorder.waitFor(() => mine('ticketing.connection.needs_reauth').length > 0);
    const [told] = mine('ticketing.connection.needs_reauth');
    expect(createEventValidator()(TOPICS.connections, told.value, told.key)).toEqual({
      valid: true,
      errors: [],
    });

    // The link re-authorises this very connection; its settings are kept, so the end user only signs in.
    const renewed = await connectByOAuth(again.body.details.reauth_url);
    expect(renewed).toBe(connectionId);
    expect((await call('GET', `/connections/${connectionId}`)).body.auth_status).toBe('ok');
    const works = await call('GET', `/unified/ticketing/tickets?connection_id=${connectionId}&limit=1`);
    expect(works.status).toBe(200);
    await recorder.waitFor(() => mine('ticketing.connection.reauthorized').length > 0);
    expect(mine('ticketing.connection.needs_reauth')).toHaveLength(1);
  }, 60_000);
});
