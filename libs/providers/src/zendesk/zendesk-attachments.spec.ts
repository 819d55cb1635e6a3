import type { Readable } from 'node:stream';
import type { ProviderDefinition } from '../definition';
import { ProviderUnavailableError } from '../engine/errors';
import { engineFor } from '../testing/provider-test-kit';
import { zendesk } from './index';
import { expectValid, zendeskHarness } from './zendesk.test-support';

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const file = Buffer.concat([Buffer.from('{"not": "parsed as JSON"}\n'), Buffer.from([0, 255, 128, 7])]);

describe('zendesk attachments: uploads then a comment naming the token; content via its URL', () => {
  const h = zendeskHarness();
  beforeAll(() => h.emulator.start());
  afterAll(() => h.emulator.stop());

  it('uploads the raw bytes, attaches them with a private comment, and maps the attachment', async () => {
    const before = h.emulator.requests.length;
    const record = await h.client.upload(
      h.connection(),
      'attachments',
      { ticket_id: '1', file_name: 'config.json' },
      { name: 'config.json', contentType: 'application/json', bytes: file },
    );
    expectValid('attachments', record);
    expect(record).toMatchObject({ file_name: 'config.json', ticket_id: '1', size: file.length });
    const sent = h.emulator.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v2/uploads?filename=config.json',
      'PUT /api/v2/tickets/1',
    ]);
    expect(sent[0].headers['content-type']).toBe('application/json');
    const comment = h.emulator.state.comments.filter((c) => c.ticket_id === 1).at(-1)!;
    expect(comment).toMatchObject({ body: 'Attached config.json', public: false });
    expect(comment.attachments.map((a) => String(a.id))).toEqual([record.id]);
    expect(h.emulator.state.uploads.size).toBe(0); // the token attached once and is spent

    const listed = await h.client.list(h.connection(), 'attachments', { query: { ticket_id: '1' } });
    expect(listed.result.map((a) => a.id)).toContain(record.id);
  });

  it('downloads through the content URL and its redirect, with the type and length Zendesk gives', async () => {
    const { id } = await h.client.upload(
      h.connection(),
      'attachments',
      { ticket_id: '2', file_name: 'blob.bin' },
      { name: 'blob.bin', contentType: 'application/octet-stream', bytes: file },
    );
    const download = await h.client.download(h.connection(), 'attachments', id);
    expect(download.contentType).toBe('application/octet-stream');
    expect(download.contentLength).toBe(file.length);
    expect(await bytesOf(download.body)).toEqual(file);
    const urls = h.emulator.requests.slice(-3).map((r) => r.url.split('?')[0]);
    expect(urls).toEqual([
      `/api/v2/attachments/${id}`,
      `/attachments/token/tok${id}/`,
      `/attachments/content/tok${id}`,
    ]);
  });

  it('refuses a content host the definition does not name, and sends no credentials to one it names', async () => {
    const { id } = await h.client.upload(
      h.connection(),
      'attachments',
      { ticket_id: '3', file_name: 'elsewhere.txt' },
      { name: 'elsewhere.txt', contentType: 'text/plain', bytes: Buffer.from('on another host') },
    );
    const port = new URL(h.emulator.url).port;
    h.emulator.serveContentFrom(`http://localhost:${port}`);
    try {
      await expect(h.client.download(h.connection(), 'attachments', id)).rejects.toBeInstanceOf(
        ProviderUnavailableError,
      );
      const attachments = zendesk.resources.attachments;
      const trusting: ProviderDefinition = {
        ...zendesk,
        resources: {
          ...zendesk.resources,
          attachments: { ...attachments, download: { fromRecord: 'file_url', redirectHosts: ['localhost'] } },
        },
      };
      const download = await engineFor(trusting).client.download(h.connection(), 'attachments', id);
      expect((await bytesOf(download.body)).toString()).toBe('on another host');
      const [onOwnHost, onContentHost] = h.emulator.requests.slice(-2);
      expect(onOwnHost.headers.authorization).toMatch(/^Basic /);
      expect(onContentHost.headers.host).toBe(`localhost:${port}`);
      expect(onContentHost.headers.authorization).toBeUndefined();
    } finally {
      h.emulator.serveContentFrom(undefined);
    }
  });
});

describe('zendesk emulator: upload tokens', () => {
  const h = zendeskHarness();
  beforeAll(() => h.emulator.start());
  afterAll(() => h.emulator.stop());
  const authorization = () => {
    const { email, api_token } = h.connection().credentials;
    return `Basic ${Buffer.from(`${email}/token:${api_token}`).toString('base64')}`;
  };
  const upload = (query: string, body: string) =>
    fetch(`${h.emulator.url}/api/v2/uploads.json?${query}`, {
      method: 'POST',
      headers: { authorization: authorization(), 'content-type': 'text/plain' },
      body,
    });
  const comment = (uploads: unknown) =>
    fetch(`${h.emulator.url}/api/v2/tickets/4.json`, {
      method: 'PUT',
      headers: { authorization: authorization(), 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: { comment: { body: 'files', uploads } } }),
    });

  it('needs a filename, adds files to a token, attaches them once, and refuses unknown tokens', async () => {
    expect((await upload('', 'x')).status).toBe(400);
    const first = (await (await upload('filename=a.txt', 'aaa')).json()) as { upload: { token: string } };
    const second = await upload(`filename=b.txt&token=${first.upload.token}`, 'bb');
    expect(second.status).toBe(201);
    const both = (await second.json()) as { upload: { token: string; attachments: { file_name: string }[] } };
    expect(both.upload.token).toBe(first.upload.token);
    expect(both.upload.attachments.map((a) => a.file_name)).toEqual(['a.txt', 'b.txt']);
    expect((await comment([first.upload.token])).status).toBe(200);
    const attached = h.emulator.state.comments.filter((c) => c.ticket_id === 4).at(-1)!;
    expect(attached.attachments.map((a) => a.file_name)).toEqual(['a.txt', 'b.txt']);
    expect((await comment([first.upload.token])).status).toBe(422);
    expect((await upload(`filename=c.txt&token=${first.upload.token}`, 'c')).status).toBe(404);
  });
});
