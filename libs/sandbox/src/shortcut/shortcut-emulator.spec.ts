import { createHmac } from 'node:crypto';
import { ShortcutEmulator } from './shortcut-emulator';
import { SHORTCUT_SEED_TOKEN } from './seed';
import { signShortcutWebhook } from './webhooks';

const emulator = new ShortcutEmulator();
const call = (path: string, init: RequestInit = {}, token = SHORTCUT_SEED_TOKEN) =>
  fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { 'shortcut-token': token, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

describe('ShortcutEmulator (Shortcut REST v3 on the wire)', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('refuses a request without the Shortcut-Token of the workspace', async () => {
    const answer = await call('/api/v3/members', {}, 'wrong');
    expect([answer.status, await answer.json()]).toEqual([401, { message: 'Unauthorized' }]);
  });

  it('searches stories page by page; `next` is the path and query of the following page', async () => {
    const first = (await (await call('/api/v3/search/stories?query=!is:archived&page_size=4')).json()) as {
      data: { id: number }[];
      next: string;
      total: number;
    };
    expect([first.data.map((s) => s.id), first.total]).toEqual([[101, 102, 103, 104], 6]);
    expect(first.next).toMatch(/^\/api\/v3\/search\/stories\?query=.*&next=/);
    const second = (await (await call(first.next)).json()) as { data: { id: number }[]; next: null };
    expect([second.data.map((s) => s.id), second.next]).toEqual([[105, 106], null]);
    const words = (await (await call('/api/v3/search/stories?query=is:archived')).json()) as {
      data: unknown[];
    };
    expect(words.data).toHaveLength(1);
  });

  it('answers Shortcut’s schema mismatch for a missing query, an oversize page or an unknown key', async () => {
    const noQuery = await call('/api/v3/search/stories');
    expect([noQuery.status, await noQuery.json()]).toEqual([
      400,
      { message: 'Schema mismatch', errors: { query: 'missing-required-key' } },
    ]);
    expect((await call('/api/v3/search/stories?query=x&page_size=251')).status).toBe(400);
    const extra = await call('/api/v3/stories', {
      method: 'POST',
      body: JSON.stringify({ name: 'x', colour: 1 }),
    });
    expect([extra.status, await extra.json()]).toEqual([
      400,
      { message: 'Schema mismatch', errors: { colour: 'disallowed-key' } },
    ]);
    const missing = await call('/api/v3/stories/999');
    expect([missing.status, await missing.json()]).toEqual([404, { message: 'Resource not found.' }]);
  });

  it('answers 429 past its limit, without rate-limit headers', async () => {
    emulator.injectFault(emulator.rateLimitFault(2, 1));
    const limited = await call('/api/v3/labels');
    expect([
      limited.status,
      limited.headers.get('retry-after'),
      limited.headers.get('x-ratelimit-limit'),
    ]).toEqual([429, '2', null]);
  });

  it('signs webhooks with Payload-Signature: HMAC-SHA256 of the body, hex', () => {
    const body = Buffer.from('{"id":"x"}');
    expect(signShortcutWebhook(body, 's')).toEqual({
      'payload-signature': createHmac('sha256', 's').update(body).digest('hex'),
    });
  });
});
