import { ZOHO_DESK_SEED_ORG_ID, ZOHO_DESK_SEED_TOKEN } from './seed';
import { ZohoDeskEmulator } from './zoho-desk-emulator';

const emulator = new ZohoDeskEmulator();
const call = (path: string, init: RequestInit & { orgId?: string; token?: string } = {}) =>
  fetch(`${emulator.url}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      authorization: `Zoho-oauthtoken ${init.token ?? ZOHO_DESK_SEED_TOKEN}`,
      orgId: init.orgId ?? ZOHO_DESK_SEED_ORG_ID,
    },
  });

/** A JSON answer, typed loosely: these tests read the provider's own shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response): Promise<any> => response.json();

describe('Zoho Desk emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('pages from/limit inside {"data"} and answers an empty page with 204 and no body', async () => {
    const page = await call('/api/v1/tickets?from=5&limit=5');
    expect((await json(page)).data.map((t: { ticketNumber: string }) => t.ticketNumber)).toEqual([
      '106',
      '107',
    ]);
    const empty = await call('/api/v1/tickets?from=7&limit=5');
    expect([empty.status, await empty.text()]).toEqual([204, '']);
    const teams = await json(await call('/api/v1/teams'));
    expect(teams.teams).toHaveLength(2);
  });

  it("refuses a bad token or another organization with Zoho's 401 body", async () => {
    for (const denied of [
      await call('/api/v1/agents', { token: 'nope' }),
      await call('/api/v1/agents', { orgId: '1' }),
    ])
      expect([denied.status, await denied.json()]).toEqual([
        401,
        { errorCode: 'INVALID_OAUTH', message: 'The OAuth Token you provided is invalid.' },
      ]);
  });

  it('answers 422 INVALID_DATA naming fields by JSON pointer, and 404 URL_NOT_FOUND', async () => {
    const invalid = await call('/api/v1/tickets', { method: 'POST', body: JSON.stringify({ subject: 'x' }) });
    expect([invalid.status, await invalid.json()]).toEqual([
      422,
      expect.objectContaining({
        errorCode: 'INVALID_DATA',
        errors: [{ fieldName: '/departmentId', errorType: 'missing', errorMessage: '' }],
      }),
    ]);
    const trash = await call('/api/v1/contacts/moveToTrash', {
      method: 'POST',
      body: JSON.stringify({ contactIds: ['1'] }),
    });
    expect([trash.status, (await json(trash)).errorCode]).toEqual([404, 'URL_NOT_FOUND']);
  });

  it('sends each write as an array of one event with the full record', async () => {
    emulator.subscribeWebhooks('http://127.0.0.1:9/hook', 's3cret');
    await call('/api/v1/accounts', { method: 'POST', body: JSON.stringify({ accountName: 'Hooli' }) });
    await emulator.webhooks.flush();
    const [delivery] = emulator.webhooks.deliveries;
    expect(delivery.url).toBe('http://127.0.0.1:9/hook?webhook_secret=s3cret');
    expect(JSON.parse(delivery.body)).toEqual([
      expect.objectContaining({
        eventType: 'Account_Add',
        orgId: ZOHO_DESK_SEED_ORG_ID,
        payload: expect.objectContaining({ accountName: 'Hooli' }),
      }),
    ]);
  });
});
