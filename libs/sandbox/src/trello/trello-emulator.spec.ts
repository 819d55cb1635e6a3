import { createHmac } from 'node:crypto';
import { trelloCards } from './seed-cards';
import { BOARD_ID, LIST_IDS, TRELLO_SEED_KEY, TRELLO_SEED_TOKEN } from './seed';
import { TrelloEmulator } from './trello-emulator';

const emulator = new TrelloEmulator();
const auth = `key=${TRELLO_SEED_KEY}&token=${TRELLO_SEED_TOKEN}`;
const CARD = String(trelloCards()[0].id);

beforeAll(() => emulator.start());
afterAll(() => emulator.stop());

describe('Trello emulator', () => {
  it('takes key and token as query parameters or as the OAuth header', async () => {
    const byQuery = await fetch(`${emulator.url}/1/boards/${BOARD_ID}/cards?${auth}`);
    const byHeader = await fetch(`${emulator.url}/1/boards/${BOARD_ID}/cards`, {
      headers: {
        authorization: `OAuth oauth_consumer_key="${TRELLO_SEED_KEY}", oauth_token="${TRELLO_SEED_TOKEN}"`,
      },
    });
    expect([byQuery.status, byHeader.status]).toEqual([200, 200]);
    const cards = (await byQuery.json()) as { closed: boolean; labels: unknown[] }[];
    expect(cards.every((c) => !c.closed)).toBe(true);
    expect(byQuery.headers.get('x-rate-limit-api-token-remaining')).toMatch(/^\d+$/);
    const refused = await fetch(`${emulator.url}/1/cards/${CARD}?key=${TRELLO_SEED_KEY}&token=nope`);
    expect([refused.status, await refused.text()]).toEqual([401, 'invalid key']);
  });

  it('answers Trello’s plain-text 404 and 400, and its JSON 429', async () => {
    const missing = await fetch(`${emulator.url}/1/cards/${'0'.repeat(24)}?${auth}`);
    expect([missing.status, await missing.text()]).toEqual([404, 'The requested resource was not found.']);
    const noList = await fetch(`${emulator.url}/1/cards?${auth}&name=x`, { method: 'POST' });
    expect([noList.status, await noList.text()]).toEqual([400, 'invalid value for idList']);
    const noName = await fetch(`${emulator.url}/1/cards?${auth}&idList=${LIST_IDS.todo}`, { method: 'POST' });
    expect([noName.status, await noName.text()]).toEqual([400, 'invalid value for name']);
    emulator.injectFault(emulator.rateLimitFault(1, 1));
    const limited = await fetch(`${emulator.url}/1/cards/${CARD}?${auth}`);
    expect([limited.status, await limited.json()]).toEqual([
      429,
      { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
    ]);
  });

  it('signs a createCard delivery with HMAC-SHA1 over the body and the callback URL', async () => {
    const callback = 'http://127.0.0.1:9/webhooks/c-1';
    emulator.subscribeWebhooks(callback, 'app-secret');
    const answer = await fetch(`${emulator.url}/1/cards?${auth}&idList=${LIST_IDS.todo}&name=Hooked`, {
      method: 'POST',
    });
    const card = (await answer.json()) as { id: string; idShort: number };
    await emulator.webhooks.flush();
    const delivery = emulator.webhooks.deliveries[emulator.webhooks.deliveries.length - 1];
    const expected = createHmac('sha1', 'app-secret')
      .update(delivery.body + callback)
      .digest('base64');
    expect(delivery.headers['x-trello-webhook']).toBe(expected);
    const body = JSON.parse(delivery.body) as { action: { type: string; data: { card: { id: string } } } };
    expect([body.action.type, body.action.data.card.id]).toEqual(['createCard', card.id]);
    expect(card.idShort).toBe(9);
  });
});
