import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AsanaEmulator } from './asana-emulator';
import { ASANA_PROJECT_GID, ASANA_SEED_TOKEN, ASANA_WORKSPACE_GID } from './seed';

/** A JSON answer read loosely: the assertions below say what it must be. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = Record<string, any>;

describe('Asana emulator', () => {
  const emulator = new AsanaEmulator();
  const call = async (path: string, init: RequestInit = {}, token = ASANA_SEED_TOKEN) => {
    const response = await fetch(`${emulator.url}/api/1.0${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Answer,
    };
  };
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('pages with an offset token in next_page (path and uri beside it), null on the last page', async () => {
    const first = await call(`/tasks?project=${ASANA_PROJECT_GID}&limit=5`);
    expect(first.body.data).toHaveLength(5);
    const next = first.body.next_page as { offset: string; path: string; uri: string };
    expect(next.path).toBe(`/tasks?project=${ASANA_PROJECT_GID}&limit=5&offset=${next.offset}`);
    expect(next.uri).toBe(`${emulator.url}/api/1.0${next.path}`);
    const last = await call(next.path);
    expect([last.body.data.length, last.body.next_page]).toEqual([2, null]);
  });

  it('serves compact records unless opt_fields names more, nested fields compact too', async () => {
    const { body } = await call(
      '/tasks/1200000000001001?opt_fields=name,assignee.name,memberships.section.name',
    );
    expect(body.data).toEqual({
      gid: '1200000000001001',
      resource_type: 'task',
      name: 'Refund for a double charge',
      assignee: { gid: '1200000000000012', resource_type: 'user', name: 'Grace Hopper' },
      memberships: [{ section: { gid: '1200000000000201', resource_type: 'section', name: 'Triage' } }],
    });
  });

  it('refuses what Asana refuses, with its error bodies', async () => {
    const unauthorized = await call('/users/me', {}, 'nope');
    expect([unauthorized.status, unauthorized.body.errors[0].message]).toEqual([401, 'Not Authorized']);
    const unscoped = await call('/tasks');
    expect(unscoped.status).toBe(400);
    expect(unscoped.body.errors[0].message).toContain('Must specify exactly one of project');
    const noData = await call('/tags', { method: 'POST', body: JSON.stringify({ name: 'x' }) });
    expect([noData.status, noData.body.errors[0].message]).toEqual([400, 'data: Missing input']);
    const missing = await call('/tasks/42');
    expect([missing.status, missing.body.errors[0].message]).toEqual([404, 'task: Unknown object']);
    const rich = await call('/tasks/1200000000001001/stories', {
      method: 'POST',
      body: JSON.stringify({ data: { html_text: '<p>no body</p>' } }),
    });
    expect(rich.status).toBe(400);
  });

  it('moves a task into another section of its project and deletes with {"data": {}}', async () => {
    const moved = await call('/sections/1200000000000204/addTask', {
      method: 'POST',
      body: JSON.stringify({ data: { task: '1200000000001003' } }),
    });
    expect([moved.status, moved.body]).toEqual([200, { data: {} }]);
    const task = await call('/tasks/1200000000001003?opt_fields=memberships.section.name');
    expect(task.body.data.memberships[0].section.name).toBe('Done');
    const tag = await call('/tags', {
      method: 'POST',
      body: JSON.stringify({ data: { name: 'temp', workspace: ASANA_WORKSPACE_GID } }),
    });
    expect(tag.status).toBe(201);
    const deleted = await call(`/tags/${tag.body.data.gid}`, { method: 'DELETE' });
    expect([deleted.status, deleted.body]).toEqual([200, { data: {} }]);
  });

  it('creates a webhook only through the X-Hook-Secret handshake, then signs deliveries with that secret', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    let echo = true;
    const target: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        const secret = request.headers['x-hook-secret'];
        response.writeHead(200, echo && typeof secret === 'string' ? { 'x-hook-secret': secret } : {}).end();
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hooks`;
    try {
      const create = (target: string) =>
        call('/webhooks', {
          method: 'POST',
          body: JSON.stringify({ data: { resource: ASANA_PROJECT_GID, target } }),
        });
      echo = false;
      const refused = await create(url);
      expect([refused.status, refused.body.errors[0].message]).toEqual([
        400,
        'The remote server did not respond with the handshake secret.',
      ]);
      echo = true;
      const created = await create(url);
      expect([created.status, created.body.data.resource_type, created.body.data.active]).toEqual([
        201,
        'webhook',
        true,
      ]);
      const secret = String(received[1].headers['x-hook-secret']);
      await call('/tasks/1200000000001004', {
        method: 'PUT',
        body: JSON.stringify({ data: { name: 'Renamed' } }),
      });
      await emulator.webhooks.flush();
      const delivery = received[2];
      expect(delivery.headers['x-hook-signature']).toBe(
        createHmac('sha256', secret).update(delivery.body).digest('hex'),
      );
      expect(JSON.parse(delivery.body).events[0]).toMatchObject({
        action: 'changed',
        resource: { gid: '1200000000001004', resource_type: 'task' },
        change: { field: 'name', action: 'changed' },
      });
    } finally {
      await new Promise((resolve) => target.close(resolve));
    }
  });
});
