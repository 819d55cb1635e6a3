import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClickUpEmulator } from './clickup-emulator';
import { CLICKUP_LIST_ID, CLICKUP_SEED_TOKEN, CLICKUP_TEAM_ID } from './seed';

/** A JSON answer read loosely: the assertions below say what it must be. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = Record<string, any>;

describe('ClickUp emulator', () => {
  const emulator = new ClickUpEmulator();
  const call = async (path: string, init: RequestInit = {}, token = CLICKUP_SEED_TOKEN) => {
    const response = await fetch(`${emulator.url}/api/v2${path}`, {
      ...init,
      headers: { authorization: token, 'content-type': 'application/json' },
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer };
  };
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('lists open top-level tasks newest first by default; closed tasks and subtasks when asked', async () => {
    const plain = await call(`/list/${CLICKUP_LIST_ID}/task`);
    expect(plain.body.tasks.map((t: Answer) => t.id)).toEqual([
      '86c0abc07',
      '86c0abc04',
      '86c0abc03',
      '86c0abc02',
      '86c0abc01',
    ]);
    expect(plain.body.last_page).toBe(true);
    const all = await call(`/list/${CLICKUP_LIST_ID}/task?include_closed=true&subtasks=true&reverse=true`);
    expect(all.body.tasks).toHaveLength(7);
    expect(all.body.tasks[0].id).toBe('86c0abc01');
    expect(plain.headers.get('x-ratelimit-limit')).toBe('100');
  });

  it('answers a create with the task (200), a comment create with its id and time, a comment edit with {}', async () => {
    const task = await call(`/list/${CLICKUP_LIST_ID}/task`, {
      method: 'POST',
      body: JSON.stringify({ name: 'New', status: 'In Progress', priority: 2, assignees: [81000002] }),
    });
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({
      name: 'New',
      status: { status: 'in progress', type: 'custom' },
      priority: { priority: 'high' },
    });
    expect(task.body.list_scope).toBeUndefined();
    const comment = await call(`/task/${task.body.id}/comment`, {
      method: 'POST',
      body: JSON.stringify({ comment_text: 'Hi', notify_all: false }),
    });
    expect(Object.keys(comment.body).sort()).toEqual(['date', 'hist_id', 'id']);
    expect(typeof comment.body.date).toBe('number');
    const edited = await call(`/comment/${comment.body.id}`, {
      method: 'PUT',
      body: JSON.stringify({ comment_text: 'Hey' }),
    });
    expect([edited.status, edited.body]).toEqual([200, {}]);
    const listed = await call(`/task/${task.body.id}/comment`);
    expect(listed.body.comments[0].comment_text).toBe('Hey');
  });

  it('refuses what ClickUp refuses, with its error bodies', async () => {
    expect((await call('/team', {}, `Bearer ${CLICKUP_SEED_TOKEN}`)).body).toEqual({
      err: 'Token invalid',
      ECODE: 'OAUTH_025',
    });
    const missing = await call('/task/nope');
    expect([missing.status, missing.body]).toEqual([
      404,
      { err: 'Task not found, deleted', ECODE: 'ITEM_013' },
    ]);
    const nameless = await call(`/list/${CLICKUP_LIST_ID}/task`, {
      method: 'POST',
      body: JSON.stringify({}),
    });
    expect([nameless.status, nameless.body.ECODE]).toEqual([400, 'INPUT_005']);
    const groups = await call('/group');
    expect(groups.status).toBe(400);
  });

  it('serves the Workspace with its members and user groups by id', async () => {
    const teams = await call('/team');
    expect(teams.body.teams[0]).toMatchObject({
      id: CLICKUP_TEAM_ID,
      members: [{ user: { id: 81000001 } }, {}, {}],
    });
    const groups = await call(
      `/group?team_id=${CLICKUP_TEAM_ID}&group_ids=2f0b6a52-1b6f-4e8c-9a1d-000000000002`,
    );
    expect(groups.body.groups.map((g: Answer) => g.name)).toEqual(['Escalations']);
  });

  it('creates a webhook with its own secret, which signs its deliveries', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const target: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.end();
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hooks`;
      const created = await call(`/team/${CLICKUP_TEAM_ID}/webhook`, {
        method: 'POST',
        body: JSON.stringify({ endpoint, events: ['taskCreated'], list_id: Number(CLICKUP_LIST_ID) }),
      });
      expect(created.body.webhook).toMatchObject({
        endpoint,
        health: { status: 'active' },
        secret: expect.any(String),
      });
      await call(`/list/${CLICKUP_LIST_ID}/task`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Hooked' }),
      });
      await emulator.webhooks.flush();
      const [delivery] = received;
      expect(delivery.headers['x-signature']).toBe(
        createHmac('sha256', created.body.webhook.secret).update(delivery.body).digest('hex'),
      );
      expect(JSON.parse(delivery.body)).toMatchObject({
        event: 'taskCreated',
        history_items: [{ field: 'status' }],
      });
    } finally {
      await new Promise((resolve) => target.close(resolve));
    }
  });
});
