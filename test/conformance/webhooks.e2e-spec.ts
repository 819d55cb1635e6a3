import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildChangeEvent,
  changeEventKey,
  createEventValidator,
  topicForResource,
  type ChangeEventAction,
} from '@app/bus';
import {
  ExpressionCache,
  ProviderClient,
  ProviderNotFoundError,
  ProviderRegistry,
  RecordMapper,
  signJwt,
  signWebhook,
  verifyWebhookSignature,
  WebhookEventMapper,
  type ConnectionContext,
  type MappedChange,
  type ProviderDefinition,
  type WebhookDelivery,
  type WebhookVerification,
} from '@app/providers';
import { corpusDeliveries, corpusHas } from '@app/sandbox';
import type { DemoProvider } from '@app/sandbox/demo';
import { conformanceProviders } from './harness';
import { contractFieldsOf, entityNameOf, type UnifiedResourceName } from '@app/unified-models';

const registry = new ProviderRegistry();
const expressions = new ExpressionCache();
expressions.trustDefinitions(registry.all());
const mapper = new WebhookEventMapper(expressions, new RecordMapper(expressions, contractFieldsOf));
const validate = createEventValidator();
const client = new ProviderClient({
  registry,
  expressions,
  retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 20 },
});
const SECRET = 'conformance-webhook-secret';
const withWebhooks = conformanceProviders
  .filter((d) => registry.get(d.provider).webhooks)
  .map((d) => [d.provider, d] as const);

interface Received {
  headers: Record<string, string>;
  rawBody: Buffer;
  query: Record<string, string>;
  /** For schemes that sign the request line: the method and the URL the emulator called. */
  method: string;
  url: string;
}

/**
 * Each change as the normalizer publishes it, validated against the AsyncAPI contract: the record
 * fetched where the delivery is thin; when the provider answers 404/410 to that fetch, what the delivery
 * itself says (partial) and the deletion it implies. Any other fetch failure would be a `fetch_failed`
 * dead letter and is reported as such.
 */
async function eventErrors(
  connection: ConnectionContext,
  change: MappedChange,
  delivery?: WebhookDelivery,
): Promise<unknown[]> {
  const topic = topicForResource(change.resource);
  if (!topic) return [`no topic carries ${change.resource}`];
  const events: {
    action: ChangeEventAction;
    data: Record<string, unknown>;
    partial?: boolean;
    variant?: string;
  }[] = [];
  if (!change.fetch) events.push({ action: change.action, data: change.record });
  else {
    try {
      events.push({
        action: change.action,
        data: await client.get(connection, change.resource, change.remoteId),
      });
    } catch (error) {
      const status = (error as { details?: { providerStatus?: number } }).details?.providerStatus;
      if (!(error instanceof ProviderNotFoundError) || !delivery || (status !== 404 && status !== 410))
        return [`fetch_failed: ${(error as Error).message}`];
      const definition = registry.get(connection.provider);
      const stated = await mapper.statedRecord(definition, delivery, change, {
        settings: connection.settings,
      });
      events.push({ action: change.action, data: stated, partial: true });
      events.push({ action: 'deleted', data: { id: change.remoteId }, variant: 'gone' });
    }
  }
  const errors: unknown[] = [];
  for (const { action, data, partial, variant } of events) {
    const event = buildChangeEvent({
      tenantId: connection.tenantId,
      connectionId: connection.id,
      provider: connection.provider,
      deliveryId: 'd-1',
      entity: entityNameOf(change.resource as UnifiedResourceName),
      action,
      remoteId: change.remoteId,
      time: new Date().toISOString(),
      data,
      partial,
      variant,
    });
    const key = changeEventKey(connection.id, change.remoteId);
    errors.push(...(validate(topic, JSON.stringify(event), key).errors ?? []));
  }
  return errors;
}

/** The same delivery altered the ways an attacker would: each must be refused. */
function forgeries(scheme: WebhookVerification, delivery: Received): [string, Received][] {
  const out: [string, Received][] = [];
  if (scheme.scheme === 'hmac') {
    const header = scheme.signatureHeader.toLowerCase();
    // An extra member in an object body, an extra element in an array body (HubSpot's batches).
    const raw = delivery.rawBody.toString('utf8');
    const tampered = Buffer.from(
      /]\s*$/.test(raw) ? raw.replace(/]\s*$/, ', {"x": 1}]') : raw.replace(/}\s*$/, ', "x": 1}'),
    );
    out.push(['tampered body', { ...delivery, rawBody: tampered }]);
    const forged = signWebhook(scheme, 'not-the-secret', delivery.rawBody, delivery.headers);
    out.push([
      'signed with another secret',
      { ...delivery, headers: { ...delivery.headers, [header]: forged } },
    ]);
    const { [header]: _dropped, ...unsigned } = delivery.headers;
    out.push(['unsigned', { ...delivery, headers: unsigned }]);
    if (scheme.timestamp) {
      const stamp = scheme.timestamp;
      const old = Date.now() - (stamp.toleranceSeconds + 120) * 1000;
      const value =
        stamp.format === 'iso8601'
          ? new Date(old).toISOString()
          : String(stamp.format === 'unix-ms' ? old : Math.floor(old / 1000));
      // The stale time where the provider puts it (a header, or a field of the signed body), re-signed.
      let { headers, rawBody } = delivery;
      if (stamp.header) headers = { ...headers, [stamp.header.toLowerCase()]: value };
      else if (stamp.bodyPath) {
        const body = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
        const keys = stamp.bodyPath.split('.');
        let at = body;
        for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
        at[keys[keys.length - 1]] = stamp.format === 'iso8601' ? value : Number(value);
        rawBody = Buffer.from(JSON.stringify(body));
      }
      out.push([
        'stale, re-signed with the secret',
        {
          ...delivery,
          rawBody,
          headers: { ...headers, [header]: signWebhook(scheme, SECRET, rawBody, headers) },
        },
      ]);
    }
  }
  if (scheme.scheme === 'shared-secret') {
    const strip = (r: Received): Received => ({
      ...r,
      headers: scheme.header ? { ...r.headers, [scheme.header.toLowerCase()]: '' } : r.headers,
      query: scheme.queryParam ? { ...r.query, [scheme.queryParam]: '' } : r.query,
    });
    out.push(['without the secret', strip(delivery)]);
    const wrong = strip(delivery);
    if (scheme.header) wrong.headers[scheme.header.toLowerCase()] = `${SECRET}-guessed`;
    if (scheme.queryParam) wrong.query[scheme.queryParam] = `${SECRET}-guessed`;
    out.push(['with a guessed secret', wrong]);
  }
  if (scheme.scheme === 'jwt') {
    // The delivery's own claims, re-signed the ways an attacker (or a replay) would present them.
    const header = scheme.header.toLowerCase();
    const token = (delivery.headers[header] ?? '').replace(/^Bearer\s+/i, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const withToken = (value: string): Received => ({
      ...delivery,
      headers: { ...delivery.headers, [header]: value },
    });
    const { [header]: _dropped, ...unsigned } = delivery.headers;
    out.push(['unsigned', { ...delivery, headers: unsigned }]);
    out.push(['signed with another secret', withToken(signJwt('not-the-secret', claims))]);
    const past = Math.floor(Date.now() / 1000) - (scheme.clockToleranceSeconds ?? 0) - 120;
    out.push(['expired, re-signed with the secret', withToken(signJwt(SECRET, { ...claims, exp: past }))]);
    if (scheme.audienceIsUrl)
      out.push([
        'for another URL, re-signed',
        withToken(signJwt(SECRET, { ...claims, aud: `${delivery.url}x` })),
      ]);
  }
  return out;
}

/**
 * Conformance, webhooks: for every registered provider with webhooks, the deliveries its emulator sends
 * for writes verify with the definition's scheme (and forged, tampered, stale or unsigned ones do not)
 * and become events valid against the AsyncAPI contract; every delivery of the provider in the shared
 * corpus becomes valid events, a drop the definition declares, or a dead letter with a reason.
 */
describe.each(withWebhooks)('conformance: %s webhooks', (provider, demo: DemoProvider) => {
  const definition: ProviderDefinition = registry.get(provider);
  const emulator = demo.createEmulator();
  const received: Received[] = [];
  let receiver: Server;
  let connection: ConnectionContext;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://receiver');
        received.push({
          headers: request.headers as Record<string, string>,
          rawBody: Buffer.concat(chunks),
          query: Object.fromEntries(url.searchParams),
          method: request.method ?? 'POST',
          url: `http://${request.headers.host}${request.url}`,
        });
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = await emulator.start();
    emulator.subscribeWebhooks(
      `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/c-conf`,
      SECRET,
    );
    connection = {
      id: 'c-conf',
      tenantId: 't-conf',
      provider,
      settings: { ...demo.settings, base_url: url },
      credentials: demo.credentials,
    };
  });
  afterAll(async () => {
    await emulator.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('a ticket written at the emulator arrives signed, verifies, resists forgery and maps to valid events', async () => {
    const plan = demo.conformance.plans.tickets;
    if (!plan?.create || !definition.resources.tickets?.methods?.create) return;
    const ticket = await client.create(connection, 'tickets', plan.create);
    await (emulator as unknown as { webhooks: { flush(): Promise<void> } }).webhooks.flush();
    expect(received.length).toBeGreaterThan(0);
    const changes: MappedChange[] = [];
    for (const delivery of received.splice(0)) {
      expect(verifyWebhookSignature(definition.webhooks!.verification, SECRET, delivery)).toEqual({
        ok: true,
      });
      for (const [how, forged] of forgeries(definition.webhooks!.verification, delivery))
        expect([how, verifyWebhookSignature(definition.webhooks!.verification, SECRET, forged).ok]).toEqual([
          how,
          false,
        ]);
      const outcome = await mapper.map(
        definition,
        { headers: delivery.headers, body: JSON.parse(delivery.rawBody.toString('utf8')) },
        { settings: connection.settings },
      );
      if (outcome.kind === 'changes') changes.push(...outcome.changes);
    }
    const mine = changes.filter((c) => c.resource === 'tickets' && c.remoteId === ticket.id);
    expect(mine.map((c) => c.action)).toContain('created');
    for (const change of changes)
      expect([change.resource, await eventErrors(connection, change)]).toEqual([change.resource, []]);
  });

  const corpus = corpusHas(provider, 'webhooks') ? corpusDeliveries(provider) : [];
  it.each(
    corpus.length > 0
      ? corpus.map((d) => [d.name, d] as const)
      : [['(no corpus deliveries)', undefined] as const],
  )('corpus %s: valid events, a declared drop, or a dead letter with a reason', async (_name, delivery) => {
    if (!delivery) return;
    const mapped = await mapper
      .map(definition, { headers: delivery.headers, body: delivery.json }, { settings: connection.settings })
      .catch((error: Error) => ({ kind: 'mapping_failed' as const, reason: error.message }));
    // As the normalizer does: a change no topic carries dead-letters the delivery, with that reason.
    const homeless =
      mapped.kind === 'changes' ? mapped.changes.find((c) => !topicForResource(c.resource)) : undefined;
    const outcome = homeless
      ? { kind: 'unmapped' as const, reason: `no topic carries ${homeless.resource} events` }
      : mapped;
    if (outcome.kind === 'changes') {
      expect(outcome.changes.length).toBeGreaterThan(0);
      // Thin changes are fetched from the emulator, which has none of the corpus's records: they come
      // out as partial events with their deletion, as the normalizer publishes them.
      const received = { headers: delivery.headers, body: delivery.json };
      for (const change of outcome.changes)
        expect([change.resource, await eventErrors(connection, change, received)]).toEqual([
          change.resource,
          [],
        ]);
    } else {
      expect(outcome.reason).toEqual(expect.any(String));
    }
    if (demo.conformance.corpusMapsEverything)
      expect({ delivery: delivery.name, kind: outcome.kind }).toEqual({
        delivery: delivery.name,
        kind: expect.stringMatching(/^(changes|ignored)$/),
      });
    const stated = demo.conformance.corpus?.(delivery);
    if (stated)
      expect(
        outcome.kind === 'changes'
          ? {
              kind: 'changes',
              resources: [...new Set(outcome.changes.map((c) => `${c.resource}:${c.action}`))],
            }
          : { kind: outcome.kind },
      ).toEqual(stated);
  });
});
