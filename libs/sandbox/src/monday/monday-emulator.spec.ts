import { createHmac } from 'node:crypto';
import { MondayEmulator } from './monday-emulator';
import { MONDAY_BOARD_ID, MONDAY_SEED_TOKEN } from './seed';

const emulator = new MondayEmulator();
const ask = async (query: string, variables: Record<string, unknown> = {}, token = MONDAY_SEED_TOKEN) => {
  const answer = await fetch(`${emulator.url}/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token, 'api-version': '2026-10' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: answer.status, body: (await answer.json()) as unknown };
};
/** A value deep in an answer by a dotted path (`data.boards.0.items_page`). */
const at = (body: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], body);

beforeAll(() => emulator.start());
afterAll(() => emulator.stop());

describe('monday.com emulator', () => {
  it('pages a board’s items through the items_page cursor and next_items_page alike', async () => {
    const first = await ask(
      'query($b: ID!) { boards(ids: [$b]) { items_page(limit: 4) { cursor items { id } } } }',
      {
        b: MONDAY_BOARD_ID,
      },
    );
    const page = at(first.body, 'data.boards.0.items_page') as { cursor: string; items: unknown[] };
    expect(page.items).toHaveLength(4);
    const next = await ask(
      'query($c: String!) { next_items_page(cursor: $c, limit: 4) { cursor items { id } } }',
      {
        c: page.cursor,
      },
    );
    expect([
      at(next.body, 'data.next_items_page.items.length'),
      at(next.body, 'data.next_items_page.cursor'),
    ]).toEqual([3, null]);
  });

  it('answers a bad token with 401 and monday’s error shape, an unknown column with ColumnValueException', async () => {
    const refused = await ask('{ me { id } }', {}, 'nope');
    expect([refused.status, at(refused.body, 'errors.0.extensions.code')]).toEqual([401, 'Unauthorized']);
    const bad = await ask(
      'mutation($b: ID!) { create_item(board_id: $b, item_name: "x", column_values: "{\\"nope\\": 1}") { id } }',
      { b: MONDAY_BOARD_ID },
    );
    expect(at(bad.body, 'errors.0.extensions.code')).toBe('InvalidColumnIdException');
  });

  it('sends a create_pulse event with an HS256 JWT whose aud is the callback URL', async () => {
    const callback = 'http://127.0.0.1:9/webhooks/c-1';
    emulator.subscribeWebhooks(callback, 'signing-secret');
    await ask('mutation($b: ID!) { create_item(board_id: $b, item_name: "Hooked") { id } }', {
      b: MONDAY_BOARD_ID,
    });
    await emulator.webhooks.flush();
    const delivery = emulator.webhooks.deliveries[emulator.webhooks.deliveries.length - 1];
    const [head, claims, signature] = delivery.headers.authorization.split('.');
    expect(createHmac('sha256', 'signing-secret').update(`${head}.${claims}`).digest('base64url')).toBe(
      signature,
    );
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'))).toMatchObject({ aud: callback });
    expect(JSON.parse(delivery.body)).toMatchObject({
      event: {
        type: 'create_pulse',
        boardId: Number(MONDAY_BOARD_ID),
        pulseName: 'Hooked',
        triggerUuid: expect.any(String),
      },
    });
  });
});
