import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JiraServiceManagementEmulator } from './jira-service-management-emulator';
import { JSM_SEED_CREDENTIALS } from './seed';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Jira Service Management emulator: the shapes of the Service Management API', () => {
  const emulator = new JiraServiceManagementEmulator();
  const auth = `Basic ${Buffer.from(`${JSM_SEED_CREDENTIALS.email}:${JSM_SEED_CREDENTIALS.api_token}`).toString('base64')}`;
  const call = async (path: string, init: RequestInit = {}, authorization = auth) => {
    const answer = await fetch(`${emulator.url}${path}`, {
      ...init,
      headers: { authorization, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
    const text = await answer.text();
    return { status: answer.status, body: (text ? JSON.parse(text) : undefined) as Json };
  };
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  let receiver: Server;
  beforeAll(async () => {
    await emulator.start();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => (received.push({ headers: req.headers, body }), res.end()));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    emulator.subscribeWebhooks(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, 'whsec');
  });
  afterAll(async () => {
    await emulator.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('pages with start/limit in the JSM envelope', async () => {
    const { body } = await call('/rest/servicedeskapi/servicedesk/1/queue?start=2&limit=2');
    expect(body).toMatchObject({ size: 2, start: 2, limit: 2, isLastPage: false, _links: { context: '' } });
    expect(body.values.map((q: Json) => q.id)).toEqual(['30', '40']);
    expect(body._links.next).toBe(`${emulator.url}/rest/servicedeskapi/servicedesk/1/queue?start=4&limit=2`);
    const last = await call('/rest/servicedeskapi/servicedesk/1/queue?start=4&limit=2');
    expect([last.body.size, last.body.isLastPage]).toEqual([1, true]);
  });

  it('addresses requests by id or key, and renders CustomerRequestDTOs', async () => {
    const byKey = await call('/rest/servicedeskapi/request/HELP-2?expand=requestType');
    const byId = await call('/rest/servicedeskapi/request/10102');
    expect([byKey.body.issueId, byId.body.issueKey]).toEqual(['10102', 'HELP-2']);
    expect(byKey.body.requestType).toMatchObject({ id: '11', serviceDeskId: '1' });
    expect(byId.body.requestType).toBeUndefined();
    expect(byId.body.createdDate).toEqual({
      iso8601: '2026-10-02T09:00:00+0000',
      jira: '2026-10-02T09:00:00.000+0000',
      friendly: '02/Oct/26 09:00 AM',
      epochMillis: Date.UTC(2026, 9, 2, 9),
    });
    expect(byId.body.currentStatus).toMatchObject({ status: 'In progress', statusCategory: 'INDETERMINATE' });
    const comments = await call('/rest/servicedeskapi/request/HELP-2/comment?internal=false');
    expect(comments.body.values.map((c: Json) => c.public)).toEqual([true, true]);
  });

  it("answers JSM's ErrorResponse (400, 401, 404) and Jira's error body on platform calls", async () => {
    const invalid = await call('/rest/servicedeskapi/request', {
      method: 'POST',
      body: JSON.stringify({
        serviceDeskId: '1',
        requestTypeId: '10',
        requestFieldValues: { description: 'x' },
      }),
    });
    expect(invalid).toMatchObject({
      status: 400,
      body: { errorMessage: expect.any(String), i18nErrorMessage: { parameters: [] } },
    });
    expect((await call('/rest/servicedeskapi/servicedesk', {}, 'Basic eDp5')).status).toBe(401);
    expect((await call('/rest/servicedeskapi/request/HELP-999')).body.errorMessage).toMatch(/does not exist/);
    const edit = await call('/rest/api/3/issue/HELP-1', {
      method: 'PUT',
      body: JSON.stringify({ fields: { description: 'plain' } }),
    });
    expect(edit).toMatchObject({
      status: 400,
      body: { errorMessages: [], errors: { description: expect.any(String) } },
    });
  });

  it('sends a Jira issue delivery, signed as Jira signs, for a request raised through the API', async () => {
    const created = await call('/rest/servicedeskapi/request', {
      method: 'POST',
      body: JSON.stringify({
        serviceDeskId: '1',
        requestTypeId: '12',
        requestFieldValues: { summary: 'Dock' },
      }),
    });
    expect([created.status, created.body.issueKey]).toEqual([201, 'HELP-15']);
    await emulator.webhooks.flush();
    const { headers, body } = received[0];
    expect(headers['x-hub-signature']).toBe(
      `sha256=${createHmac('sha256', 'whsec').update(body).digest('hex')}`,
    );
    const delivery = JSON.parse(body) as Json;
    expect(delivery).toMatchObject({
      webhookEvent: 'jira:issue_created',
      issue: {
        id: created.body.issueId,
        key: 'HELP-15',
        fields: { summary: 'Dock', status: { name: 'Waiting for support' } },
      },
    });
    expect(delivery.issue.fields.customfield_10010.requestType).toMatchObject({
      id: '12',
      serviceDeskId: '1',
    });
  });
});
