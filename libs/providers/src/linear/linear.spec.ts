import { createHmac } from 'node:crypto';
import { LinearEmulator } from '@app/sandbox/linear';
import { LINEAR_SEED_API_KEY } from '@app/sandbox/linear/seed';
import type { ConnectionContext } from '../engine/connection-context';
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../engine/errors';
import { ProviderClient } from '../engine/provider-client';
import { ProviderRegistry } from '../registry';
import { verifyWebhookSignature } from '../webhooks/verify-signature';
import { linear } from './index';

const emulator = new LinearEmulator();
const client = new ProviderClient({
  registry: new ProviderRegistry([linear]),
  retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10 },
});
const connection = (api_key = LINEAR_SEED_API_KEY): ConnectionContext => ({
  id: 'c-linear',
  tenantId: 't1',
  provider: 'linear',
  settings: { base_url: emulator.url, team_id: String(emulator.state.teams[0].id) },
  credentials: { api_key },
});

beforeAll(() => emulator.start());
afterAll(() => emulator.stop());

describe('Linear through the engine (GraphQL)', () => {
  it('walks a relay connection page by page behind the opaque cursor', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.list(connection(), 'tickets', { limit: 4, cursor });
      ids.push(...page.result.map((r) => r.id));
      cursor = page.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    expect([pages, ids.length, new Set(ids).size]).toEqual([4, 14, 14]);
    const sent = emulator.requests.filter((r) => r.url === '/graphql');
    expect(sent.length).toBeGreaterThanOrEqual(4);
  });

  it('passes updated_at filters as Linear comparators', async () => {
    const since = String(emulator.state.issues[8].updatedAt);
    const page = await client.list(connection(), 'tickets', {
      limit: 50,
      query: { updated_at: { gte: since } },
    });
    const expected = emulator.state.issues.filter((i) => String(i.updatedAt) >= since).length;
    expect(page.result).toHaveLength(expected);
    expect(expected).toBeLessThan(emulator.state.issues.length);
  });

  it('maps workflow state types and priorities to unified categories', async () => {
    const records = (await client.list(connection(), 'tickets', { limit: 50 })).result;
    const byState = (type: string) =>
      records.find(
        (r) =>
          (r.status as { id: string }).id === emulator.state.workflowStates.find((s) => s.type === type)?.id,
      );
    expect((byState('completed')?.status as { category: string }).category).toBe('done');
    expect((byState('canceled')?.status as { category: string }).category).toBe('cancelled');
    expect((byState('started')?.status as { category: string }).category).toBe('in_progress');
    const urgent = records.find((r) => (r.remote_data as { priority: number }).priority === 1);
    const none = records.find((r) => (r.remote_data as { priority: number }).priority === 0);
    expect((urgent?.priority as { category: string }).category).toBe('urgent');
    expect(none?.priority ?? null).toBeNull();
  });

  it('turns GraphQL errors into the engine’s errors', async () => {
    await expect(
      client.get(connection(), 'tickets', '00000000-0000-4000-8000-000000000000'),
    ).rejects.toBeInstanceOf(ProviderNotFoundError);
    await expect(client.list(connection('lin_api_wrong'), 'tickets', {})).rejects.toBeInstanceOf(
      ProviderAuthError,
    );
    await expect(
      client.create(connection(), 'tickets', { name: 'x', priority: { id: '9' } }),
    ).rejects.toBeInstanceOf(ProviderValidationError);
    emulator.injectFault(emulator.rateLimitFault(1)); // a reset an hour away is not waited for: one try
    const limited = await client.list(connection(), 'tickets', {}).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ProviderRateLimitError);
    // The reset comes in epoch milliseconds: about an hour ahead, not in the year 50,000.
    const resetAt = (limited as ProviderRateLimitError).resetAt!.getTime();
    expect(Math.abs(resetAt - Date.now() - 3_600_000)).toBeLessThan(60_000);
  });

  it('creates an issue in the connection’s team and signs the webhook over a body-carried timestamp', async () => {
    const secret = 'linear-secret';
    const deliveries: { headers: Record<string, string>; body: string }[] = [];
    emulator.webhooks.subscribe({ url: 'http://127.0.0.1:9/unused', secret });
    const created = await client.create(connection(), 'tickets', { name: 'From the engine', tags: [] });
    expect(created).toMatchObject({
      name: 'From the engine',
      team: { id: String(emulator.state.teams[0].id) },
    });
    await emulator.webhooks.flush();
    deliveries.push(...emulator.webhooks.deliveries.map((d) => ({ headers: d.headers, body: d.body })));
    const delivery = deliveries.find((d) => JSON.parse(d.body).data.id === created.id)!;
    const verification = linear.webhooks!.verification;
    const verify = (body: string, headers = delivery.headers, now = new Date()) =>
      verifyWebhookSignature(verification, secret, { headers, rawBody: Buffer.from(body) }, now);
    expect(verify(delivery.body)).toEqual({ ok: true });
    expect(verify(delivery.body, delivery.headers, new Date(Date.now() + 120_000))).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    // Moving the timestamp forward breaks the signature, which covers the body.
    const moved = delivery.body.replace(
      /"webhookTimestamp":\d+/,
      `"webhookTimestamp":${Date.now() + 30_000}`,
    );
    expect(verify(moved)).toEqual({ ok: false, reason: 'bad_signature' });
    const resigned = createHmac('sha256', secret).update(moved).digest('hex');
    expect(verify(moved, { ...delivery.headers, 'linear-signature': resigned })).toEqual({ ok: true });
  });
});
