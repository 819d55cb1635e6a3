import {
  ZOHO_DESK_DEMO_OAUTH_CLIENT,
  ZOHO_DESK_SEED_ORG_ID,
  ZOHO_DESK_SEED_TOKEN,
  ZohoDeskEmulator,
} from '@app/sandbox/zoho_desk';
import type { ConnectionContext } from '../engine/connection-context';
import { ProviderAuthError, ProviderNotFoundError, ProviderValidationError } from '../engine/errors';
import { ExpressionCache } from '../engine/expression-cache';
import { RequestBuilder } from '../engine/request-builder';
import { engineFor, expectListCounts, failureOf, walk } from '../testing/provider-test-kit';
import { zohoDesk, ZOHO_DESK_HOSTS } from './index';

const emulator = new ZohoDeskEmulator();
const { client } = engineFor(zohoDesk);
const connection = (
  token = ZOHO_DESK_SEED_TOKEN,
  settings: Record<string, string> = {},
): ConnectionContext => ({
  id: 'c-zoho',
  tenantId: 't1',
  provider: 'zoho_desk',
  settings: {
    base_url: emulator.url,
    org_id: ZOHO_DESK_SEED_ORG_ID,
    department_id: '7189000000006907',
    ...settings,
  },
  credentials: { access_token: token },
});

describe('Zoho Desk through the definition and the emulator', () => {
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('picks the data centre host from the setting and refuses any other value', async () => {
    const builder = new RequestBuilder(new ExpressionCache());
    const base = (data_centre?: string) =>
      builder.baseUrl(zohoDesk, {
        ...connection(),
        settings: data_centre ? { org_id: '1', data_centre } : { org_id: '1' },
      });
    expect(await base()).toBe('https://desk.zoho.com');
    expect(await base('eu')).toBe('https://desk.zoho.eu');
    expect(await base('com.au')).toBe('https://desk.zoho.com.au');
    expect(await base('ca')).toBe('https://desk.zohocloud.ca');
    const pattern = new RegExp(zohoDesk.connectionSettings.data_centre.pattern!);
    for (const dc of Object.keys(ZOHO_DESK_HOSTS)) expect(pattern.test(dc)).toBe(true);
    for (const bad of ['us', 'com.evil.test', 'eu/', '']) expect(pattern.test(bad)).toBe(false);
  });

  it('sends the Zoho-oauthtoken scheme and the orgId header on every call', async () => {
    await client.get(connection(), 'users', '7189000000042001');
    const { headers } = emulator.requests[emulator.requests.length - 1];
    expect([headers.authorization, headers.orgid]).toEqual([
      `Zoho-oauthtoken ${ZOHO_DESK_SEED_TOKEN}`,
      ZOHO_DESK_SEED_ORG_ID,
    ]);
    const wrongOrg = await failureOf(
      client.get(connection(undefined, { org_id: '999' }), 'users', '7189000000042001'),
    );
    expect(wrongOrg).toBeInstanceOf(ProviderAuthError);
    expect(await failureOf(client.list(connection('expired'), 'tickets'))).toBeInstanceOf(ProviderAuthError);
  });

  it('walks every list with from/limit to its end, records valid', async () => {
    const expected: Record<string, number> = {
      tickets: 7,
      contacts: 4,
      accounts: 2,
      users: 3,
      teams: 2,
      collections: 2,
      fields: 12,
      ticket_status: 4,
      ticket_priorities: 3,
      ticket_types: 4,
    };
    const before = emulator.requests.length;
    await expectListCounts(client, connection(), expected, 3);
    // Seven tickets in pages of three, from 0.
    const pages = emulator.requests.slice(before).filter((r) => r.url.startsWith('/api/v1/tickets?'));
    expect(pages.map((r) => new URL(r.url, 'http://x').searchParams.get('from'))).toEqual(['0', '3', '6']);
  });

  it('maps a ticket: names for status and priority, status type as category, department as collection', async () => {
    const ticket = await client.get(connection(), 'tickets', '7189000000100005');
    expect(ticket).toMatchObject({
      number: '102',
      name: 'Refund for duplicate invoice',
      status: { id: 'On Hold', category: 'on_hold' },
      priority: { id: 'Medium', category: 'medium' },
      collections: [{ id: '7189000000006911', type: 'other' }],
      contact: { id: '7189000000051005' },
      account: { id: '7189000000061005' },
      team: { id: '7189000000083005' },
      ticket_type: { id: 'Question' },
      custom_fields: { cf_refund_amount: '129.50' },
    });
    expect((await client.get(connection(), 'tickets', '7189000000100009')).status).toMatchObject({
      id: 'Escalated',
      category: 'open',
    });
  });

  it('creates in the default department, updates, and deletes through moveToTrash', async () => {
    const created = await client.create(connection(), 'tickets', {
      name: 'From the API',
      contact: { id: '7189000000051009' },
      priority: { id: 'Low' },
    });
    expect(created).toMatchObject({
      collections: [{ id: '7189000000006907' }],
      status: { category: 'open' },
    });
    const updated = await client.update(connection(), 'tickets', created.id, { status: { id: 'Closed' } });
    expect(updated).toMatchObject({
      status: { id: 'Closed', category: 'done' },
      completed_at: expect.any(String),
    });
    await client.delete(connection(), 'tickets', created.id);
    const trashed = emulator.requests.filter((r) => r.method === 'POST').pop();
    expect(trashed?.url).toBe('/api/v1/tickets/moveToTrash');
    expect(await failureOf(client.get(connection(), 'tickets', created.id))).toBeInstanceOf(
      ProviderNotFoundError,
    );
  });

  it("surfaces Zoho's 422 field errors with the field's JSON pointer", async () => {
    const missing = await failureOf(
      client.create(connection(undefined, { department_id: '' }), 'tickets', {
        name: 'No department',
        contact: { id: '7189000000051009' },
      }),
    );
    expect(missing).toBeInstanceOf(ProviderValidationError);
    expect(missing.message).toContain('/departmentId missing');
    const status = await failureOf(
      client.update(connection(), 'tickets', '7189000000100001', { status: { id: 'Nope' } }),
    );
    expect(status.message).toContain('/status invalid');
  });

  it('writes comments as public or private notes under their ticket', async () => {
    const note = await client.create(connection(), 'comments', {
      ticket: { id: '7189000000100001' },
      html_body: '<p>Internal</p>',
      is_internal: true,
    });
    expect(note).toMatchObject({
      is_internal: true,
      html_body: '<p>Internal</p>',
      ticket: { id: '7189000000100001' },
    });
    const query = { ticket_id: '7189000000100001' };
    const edited = await client.update(connection(), 'comments', note.id, { body: 'Plain now' }, { query });
    expect(edited).toMatchObject({ body: 'Plain now', html_body: null, is_internal: true });
    const listed = (await walk(client, connection(), 'comments', 2, query)).records;
    expect(listed.map((c) => c.id)).toContain(note.id);
    await client.delete(connection(), 'comments', note.id, { query });
    expect((await walk(client, connection(), 'comments', 2, query)).records.map((c) => c.id)).not.toContain(
      note.id,
    );
    // A ticket without comments: Zoho's 204 with no body is an empty list.
    expect(
      (await client.list(connection(), 'comments', { query: { ticket_id: '7189000000100013' } })).result,
    ).toEqual([]);
    // The customer's own comment is the contact's.
    const theirs = (await walk(client, connection(), 'comments', 10, { ticket_id: '7189000000100005' }))
      .records;
    expect(theirs.find((c) => (c.author as { type: string }).type === 'contact')).toBeDefined();
  });

  it('splits nothing: a contact name without first/last name becomes the required last name', async () => {
    const contact = await client.create(connection(), 'contacts', {
      name: 'Cher',
      emails: [{ email: 'cher@example.test' }, { email: 'cher@home.test' }],
      phones: [{ number: '+1 555 0002', type: 'mobile' }],
    });
    expect(contact).toMatchObject({
      name: 'Cher',
      first_name: null,
      last_name: 'Cher',
      emails: [
        { email: 'cher@example.test', type: 'primary' },
        { email: 'cher@home.test', type: 'secondary' },
      ],
      phones: [{ number: '+1 555 0002', type: 'mobile' }],
    });
    const account = await client.get(connection(), 'accounts', '7189000000061001');
    expect(account.domains).toEqual(['globex.test']);
  });

  it("authorizes on the data centre's accounts server and calls with the issued token as Zoho-oauthtoken", async () => {
    const oauth = zohoDesk.oauth2!;
    const expressions = new ExpressionCache();
    const urls = async (settings: Record<string, string>) => [
      await expressions.evaluate(oauth.authorizeUrl, { settings }),
      await expressions.evaluate(oauth.tokenUrl, { settings }),
    ];
    expect(await urls({ data_centre: 'eu' })).toEqual([
      'https://accounts.zoho.eu/oauth/v2/auth',
      'https://accounts.zoho.eu/oauth/v2/token',
    ]);
    expect((await urls({ data_centre: 'ca' }))[0]).toBe('https://accounts.zohocloud.ca/oauth/v2/auth');
    const [authorizeUrl, tokenUrl] = (await urls({ base_url: emulator.url })) as string[];
    const form = (url: string, fields: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const redirect = 'https://gateway.example/connect/oauth/callback';
    const client_id = ZOHO_DESK_DEMO_OAUTH_CLIENT.clientId;
    const consent = await form(authorizeUrl, {
      client_id,
      redirect_uri: redirect,
      scope: oauth.scopes.join(oauth.scopeSeparator),
      decision: 'allow',
    });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const token = (await (
      await form(tokenUrl, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirect,
        client_id,
        client_secret: ZOHO_DESK_DEMO_OAUTH_CLIENT.clientSecret,
      })
    ).json()) as { access_token: string; refresh_token: string };
    expect(token.refresh_token).toEqual(expect.any(String));
    const viaOAuth: ConnectionContext = { ...connection(token.access_token), authMethod: 'oauth2' };
    expect((await client.get(viaOAuth, 'users', '7189000000042001')).name).toBe('Jade Tha');
    const { headers } = emulator.requests[emulator.requests.length - 1];
    expect(headers.authorization).toBe(`Zoho-oauthtoken ${token.access_token}`);
  });
});
