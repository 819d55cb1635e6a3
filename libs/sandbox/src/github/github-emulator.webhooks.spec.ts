import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '@app/providers';
import { github } from '@app/providers/github';
import { corpusFiles } from '../corpus';
import { GithubEmulator } from './github-emulator';
import { GITHUB_SEED_TOKEN } from './seed';

type Json = Record<string, unknown>;

interface Received {
  headers: Record<string, string>;
  raw: Buffer;
  body: Json;
}

/** A real HTTP endpoint: deliveries are checked as a subscriber receives them, raw bytes included. */
async function receiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({
        headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
        raw,
        body: JSON.parse(raw.toString('utf8')) as Json,
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

describe('GithubEmulator webhooks', () => {
  const secret = 'It’s a Secret to Everybody';
  const emulator = new GithubEmulator();
  const verification = github.webhooks!.verification;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const repo = '/repos/octo-org/tracker';
  const write = (method: string, path: string, body?: unknown) =>
    fetch(`${emulator.url}${repo}${path}`, {
      method,
      headers: { authorization: `Bearer ${GITHUB_SEED_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const deliveries = async () => {
    await emulator.webhooks.flush();
    return hook.received.map((r) => `${r.headers['x-github-event']}.${r.body.action as string}`);
  };

  beforeAll(async () => {
    hook = await receiver();
    await emulator.start();
    emulator.subscribeWebhooks(hook.url, secret);
  });
  afterAll(async () => {
    await emulator.stop();
    await new Promise((resolve) => hook.server.close(resolve));
  });
  beforeEach(() => {
    hook.received.length = 0;
  });

  it('signs every delivery with X-Hub-Signature-256 over the raw body, verifiable by our definition', async () => {
    await write('POST', '/issues', { title: 'Signed' });
    await deliveries();
    const [delivery] = hook.received;
    expect(delivery.headers).toMatchObject({
      'x-github-event': 'issues',
      'x-github-hook-installation-target-type': 'repository',
      'user-agent': expect.stringMatching(/^GitHub-Hookshot\//),
    });
    expect(delivery.headers['x-github-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivery.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/);
    expect(
      verifyWebhookSignature(verification, secret, { headers: delivery.headers, rawBody: delivery.raw }),
    ).toEqual({
      ok: true,
    });
    expect(
      verifyWebhookSignature(verification, 'another secret', {
        headers: delivery.headers,
        rawBody: delivery.raw,
      }).ok,
    ).toBe(false);
  });

  it('sends one delivery per kind of change, as GitHub does for a PATCH', async () => {
    await write('PATCH', '/issues/1', {
      title: 'Renamed',
      state: 'closed',
      labels: ['bug', 'question'],
      assignees: ['hubot'],
      milestone: 3,
    });
    expect(await deliveries()).toEqual([
      'issues.edited',
      'issues.closed',
      'issues.assigned',
      'issues.labeled',
      'issues.labeled',
      'issues.unlabeled',
      'issues.milestoned',
    ]);
    const edited = hook.received[0].body;
    expect(edited.changes).toEqual({ title: { from: 'Improve REST client' } });
    expect((edited.issue as Json).title).toBe('Renamed');
    expect(hook.received[2].body.assignee).toMatchObject({ login: 'hubot' });
    expect(hook.received.every((r) => (r.body.repository as Json).full_name === 'octo-org/tracker')).toBe(
      true,
    );
    expect(hook.received.every((r) => (r.body.sender as Json).login === 'octocat')).toBe(true);
  });

  it('sends issue_comment created, edited and deleted with the issue and the comment', async () => {
    const created = (await (await write('POST', '/issues/2/comments', { body: 'hello' })).json()) as Json;
    await write('PATCH', `/issues/comments/${created.id as number}`, { body: 'hello again' });
    await write('DELETE', `/issues/comments/${created.id as number}`);
    expect(await deliveries()).toEqual([
      'issue_comment.created',
      'issue_comment.edited',
      'issue_comment.deleted',
    ]);
    const [, edited, deleted] = hook.received.map((r) => r.body);
    expect(edited.changes).toEqual({ body: { from: 'hello' } });
    expect((deleted.comment as Json).id).toBe(created.id);
    expect((deleted.issue as Json).number).toBe(2);
  });

  it('sends label and milestone events for their writes, and issues.deleted for a web-UI deletion', async () => {
    await write('POST', '/labels', { name: 'triage', color: '#00ff00' });
    await write('PATCH', '/labels/triage', { new_name: 'needs-triage' });
    await write('DELETE', '/labels/needs-triage');
    await write('PATCH', '/milestones/2', { state: 'closed', description: 'done' });
    emulator.deleteIssue(5);
    expect(await deliveries()).toEqual([
      'label.created',
      'label.edited',
      'label.deleted',
      'milestone.edited',
      'milestone.closed',
      'issues.deleted',
    ]);
    expect(hook.received[1].body.changes).toEqual({ name: { from: 'triage' } });
    expect((hook.received[4].body.milestone as Json).state).toBe('closed');
  });

  it('delivers payloads with every key of GitHub’s own example deliveries', async () => {
    await write('POST', '/issues/2/comments', { body: 'shape check' });
    await write('POST', '/issues', { title: 'Shape' });
    await deliveries();
    const keysOf = (o: unknown) => Object.keys(o as Json);
    const example = (name: string) =>
      corpusFiles('github', 'webhooks').find((f) => f.name === name)!.json as Json;
    for (const [received, name] of [
      [hook.received[0].body, 'issue_comment.created.with-organization.json'],
      [hook.received[1].body, 'issues.opened.with-organization.json'],
    ] as const) {
      const recorded = example(name);
      expect(keysOf(received)).toEqual(expect.arrayContaining(keysOf(recorded)));
      for (const key of ['issue', 'repository', 'sender', 'organization', 'comment']) {
        if (!recorded[key]) continue;
        // `draft` is on pull requests only in today's REST representation.
        const expected = keysOf(recorded[key]).filter((k) => k !== 'draft');
        expect(keysOf(received[key])).toEqual(expect.arrayContaining(expected));
      }
    }
  });
});
