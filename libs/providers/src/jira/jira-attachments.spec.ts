import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { JIRA_BUSY_ISSUE_KEY, jiraGeneratedContent } from '@app/sandbox/jira';
import { ProviderNotFoundError } from '../engine/errors';
import { expectValid, jiraHarness } from './jira.test-support';

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('jira attachments: upload through the attachments endpoint, download streamed', () => {
  const h = jiraHarness(0);
  beforeAll(() => h.emulator.start());
  afterAll(() => h.emulator.stop());

  const file = Buffer.from([0, 1, 2, 255, 254, 13, 10, 45, 45, 0x22, ...Buffer.from('héllo "quoted"\r\n--')]);

  it('uploads with one multipart POST carrying X-Atlassian-Token, and maps the created attachment', async () => {
    const ticketId = h.issueId(JIRA_BUSY_ISSUE_KEY);
    const before = h.emulator.requests.length;
    const record = await h.client.upload(
      h.connection(),
      'attachments',
      { ticket_id: ticketId, file_name: 'trace "1".bin' },
      { name: 'trace "1".bin', contentType: 'application/x-trace', bytes: file },
    );
    expectValid('attachments', record);
    expect(record).toMatchObject({
      file_name: 'trace "1".bin',
      ticket_id: ticketId,
      size: file.length,
      content_type: 'application/x-trace',
    });
    const sent = h.emulator.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST /rest/api/3/issue/${ticketId}/attachments`,
    ]);
    expect(sent[0].headers['x-atlassian-token']).toBe('no-check');
    expect(String(sent[0].headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    const stored = h.emulator.state.attachments.get(Number(record.id));
    expect(stored?.content).toEqual(file);
  });

  it('downloads the bytes with the provider content type and length', async () => {
    const ticketId = h.issueId(JIRA_BUSY_ISSUE_KEY);
    const { id } = await h.client.upload(
      h.connection(),
      'attachments',
      { ticket_id: ticketId, file_name: 'bytes.bin' },
      { name: 'bytes.bin', contentType: 'application/octet-stream', bytes: file },
    );
    const download = await h.client.download(h.connection(), 'attachments', id);
    expect(download.contentType).toBe('application/octet-stream');
    expect(download.contentLength).toBe(file.length);
    expect(await bytesOf(download.body)).toEqual(file);
    const last = h.emulator.requests.at(-1)!;
    expect(last.url).toBe(`/rest/api/3/attachment/content/${id}?redirect=false`);
  });

  it('streams a large file: the first bytes arrive while the emulator is still producing them', async () => {
    const size = 8 * 1024 * 1024;
    let produced = 0;
    const source = jiraGeneratedContent(size);
    h.emulator.state.attachments.set(777_001, {
      id: 777_001,
      issueId: h.issueId(JIRA_BUSY_ISSUE_KEY),
      filename: 'big.bin',
      mimeType: 'application/octet-stream',
      size,
      authorId: 'x',
      created: '2026-01-01T00:00:00.000+0000',
      content: () => source().on('data', (chunk: Buffer) => (produced += chunk.length)),
    });
    const download = await h.client.download(h.connection(), 'attachments', '777001');
    expect(download.contentLength).toBe(size);
    const hash = createHash('sha256');
    let received = 0;
    let producedAtFirstChunk = -1;
    for await (const chunk of download.body) {
      if (producedAtFirstChunk < 0) producedAtFirstChunk = produced;
      hash.update(chunk as Buffer);
      received += (chunk as Buffer).length;
    }
    expect(received).toBe(size);
    expect(producedAtFirstChunk).toBeLessThan(size / 2);
    const expected = createHash('sha256');
    for await (const chunk of source()) expected.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(expected.digest('hex'));
  });

  it('an unknown attachment is a not-found; an unknown issue refuses the upload as not found', async () => {
    await expect(h.client.download(h.connection(), 'attachments', '999999')).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
    await expect(
      h.client.upload(
        h.connection(),
        'attachments',
        { ticket_id: 'NOPE-1', file_name: 'a.txt' },
        { name: 'a.txt', contentType: 'text/plain', bytes: Buffer.from('a') },
      ),
    ).rejects.toBeInstanceOf(ProviderNotFoundError);
  });
});

describe('jira emulator: the attachments endpoint as Jira guards it', () => {
  const h = jiraHarness(0);
  beforeAll(() => h.emulator.start());
  afterAll(() => h.emulator.stop());
  const auth = () =>
    `Basic ${Buffer.from(`${h.connection().credentials.email}:${h.connection().credentials.api_token}`).toString('base64')}`;

  it('refuses an upload without X-Atlassian-Token: no-check (XSRF check failed)', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('x')]), 'x.txt');
    const answer = await fetch(`${h.emulator.url}/rest/api/3/issue/${JIRA_BUSY_ISSUE_KEY}/attachments`, {
      method: 'POST',
      headers: { authorization: auth() },
      body: form,
    });
    expect(answer.status).toBe(403);
    expect(await answer.text()).toBe('XSRF check failed');
  });

  it('takes every part named file and ignores others; none is a 400', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('one')], { type: 'text/plain' }), 'one.txt');
    form.append('file', new Blob([Buffer.from('two!')], { type: 'text/plain' }), 'two.txt');
    form.append('other', new Blob([Buffer.from('ignored')]), 'other.txt');
    const url = `${h.emulator.url}/rest/api/3/issue/${JIRA_BUSY_ISSUE_KEY}/attachments`;
    const headers = { authorization: auth(), 'x-atlassian-token': 'no-check' };
    const answer = await fetch(url, { method: 'POST', headers, body: form });
    expect(answer.status).toBe(200);
    const created = (await answer.json()) as { filename: string; size: number; content: string }[];
    expect(created.map((a) => [a.filename, a.size])).toEqual([
      ['one.txt', 3],
      ['two.txt', 4],
    ]);
    const none = new FormData();
    none.append('comment', 'no file');
    expect((await fetch(url, { method: 'POST', headers, body: none })).status).toBe(400);
    // Without redirect=false the content URL sends clients on (Jira: to its media service).
    const redirect = await fetch(created[0].content, {
      headers: { authorization: auth() },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toMatch(/\?redirect=false$/);
  });
});
