import { createHash, randomBytes } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Readable } from 'node:stream';
import { GithubEmulator, GITHUB_SEED_OWNER, GITHUB_SEED_REPO, GITHUB_SEED_TOKEN } from '@app/sandbox/github';
import { JiraEmulator, JIRA_BUSY_ISSUE_KEY, JIRA_SEED_CREDENTIALS } from '@app/sandbox/jira';
import { ZendeskEmulator, ZENDESK_SEED_CREDENTIALS, ZENDESK_SEED_SUBDOMAIN } from '@app/sandbox/zendesk';
import { createTenant, startGateway, type RunningGateway } from '../support/gateway';

const MAX_FILE = 2 * 1024 * 1024;

/**
 * Attachments through the gateway: files uploaded by each provider's own flow (Jira's multipart
 * endpoint, Zendesk's upload token then a comment), read back byte for byte through the streamed
 * download; GitHub, which takes no files, refused with a 400 saying so; limits and bad bodies refused.
 */
describe('gateway: attachment upload and streamed download (Jira, Zendesk, GitHub emulators)', () => {
  const jira = new JiraEmulator();
  const zendesk = new ZendeskEmulator();
  const github = new GithubEmulator();
  let gateway: RunningGateway;
  let key: string;
  const connections: Record<'jira' | 'zendesk' | 'github', string> = { jira: '', zendesk: '', github: '' };
  const attachments = (provider: keyof typeof connections, rest = '') =>
    `${gateway.url}/unified/ticketing/attachments${rest}?connection_id=${connections[provider]}`;
  const auth = () => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    await Promise.all([jira.start(), zendesk.start(), github.start()]);
    gateway = await startGateway({ ATTACHMENT_MAX_BYTES: String(MAX_FILE) });
    ({ key } = await createTenant(gateway, 'attachments'));
    const connect = async (body: unknown) => {
      const answer = await gateway.call('POST', '/connections', { key, body });
      expect(answer.status).toBe(201);
      return answer.body.id as string;
    };
    connections.jira = await connect({
      provider: 'jira',
      settings: { site: 'acme', base_url: jira.url },
      credentials: JIRA_SEED_CREDENTIALS,
    });
    connections.zendesk = await connect({
      provider: 'zendesk',
      settings: { subdomain: ZENDESK_SEED_SUBDOMAIN, base_url: zendesk.url },
      credentials: ZENDESK_SEED_CREDENTIALS,
    });
    connections.github = await connect({
      provider: 'github',
      settings: { owner: GITHUB_SEED_OWNER, repo: GITHUB_SEED_REPO, base_url: github.url },
      credentials: { token: GITHUB_SEED_TOKEN },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([jira.stop(), zendesk.stop(), github.stop()]);
  });

  const download = async (provider: keyof typeof connections, id: string) => {
    const answer = await fetch(attachments(provider, `/${id}/content`), { headers: auth() });
    return { answer, bytes: Buffer.from(await answer.arrayBuffer()) };
  };

  it('Jira: a multipart upload lands on the issue, and the download gives the same bytes', async () => {
    const file = randomBytes(300 * 1024);
    const ticket = jira.state.findIssue(JIRA_BUSY_ISSUE_KEY)!.id;
    const form = new FormData();
    form.append('ticket_id', ticket);
    form.append('file', new Blob([file], { type: 'image/png' }), 'screen "shot".png');
    const created = await fetch(attachments('jira'), { method: 'POST', headers: auth(), body: form });
    expect(created.status).toBe(201);
    const record = (await created.json()) as Record<string, unknown>;
    expect(record).toMatchObject({
      file_name: 'screen "shot".png',
      ticket_id: ticket,
      size: file.length,
      content_type: 'image/png',
    });
    expect(created.headers.get('etag')).toBe(record.etag);
    const upload = jira.requests.find((r) => r.method === 'POST' && r.url.endsWith('/attachments'))!;
    expect(upload.headers['x-atlassian-token']).toBe('no-check');

    const { answer, bytes } = await download('jira', record.id as string);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('content-length')).toBe(String(file.length));
    expect(bytes.equals(file)).toBe(true);
  });

  it('Zendesk: a base64 JSON upload goes to uploads, then a comment names the token; bytes come back', async () => {
    const file = randomBytes(200 * 1024);
    const created = await fetch(attachments('zendesk'), {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        ticket_id: '5',
        file_name: 'report.pdf',
        content_type: 'application/pdf',
        content: file.toString('base64'),
      }),
    });
    expect(created.status).toBe(201);
    const record = (await created.json()) as Record<string, unknown>;
    expect(record).toMatchObject({ file_name: 'report.pdf', ticket_id: '5', size: file.length });
    const comment = zendesk.state.comments.filter((c) => c.ticket_id === 5).at(-1)!;
    expect(comment.attachments.map((a) => String(a.id))).toEqual([record.id]);

    const { answer, bytes } = await download('zendesk', record.id as string);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toContain('report.pdf');
    expect(bytes.equals(file)).toBe(true);
  });

  it('Idempotency-Key: the same file replays the first answer, another file under the key is a 409', async () => {
    const send = (bytes: Buffer) => {
      const form = new FormData();
      form.append('ticket_id', '6');
      form.append('file', new Blob([bytes], { type: 'text/plain' }), 'once.txt');
      return fetch(attachments('zendesk'), {
        method: 'POST',
        headers: { ...auth(), 'idempotency-key': 'upload-once' },
        body: form,
      });
    };
    const uploadsBefore = zendesk.requests.filter((r) => r.url.startsWith('/api/v2/uploads')).length;
    const first = await send(Buffer.from('one file'));
    const again = await send(Buffer.from('one file'));
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(zendesk.requests.filter((r) => r.url.startsWith('/api/v2/uploads')).length).toBe(
      uploadsBefore + 1,
    );
    expect((await send(Buffer.from('another file'))).status).toBe(409);
  });

  it('GitHub takes no files: upload and download are a 400 saying why', async () => {
    const upload = await fetch(attachments('github'), {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        ticket_id: '1',
        file_name: 'a.txt',
        content: Buffer.from('a').toString('base64'),
      }),
    });
    expect(upload.status).toBe(400);
    const body = (await upload.json()) as { message: string; details: Record<string, unknown> };
    expect(body.message).toBe(
      'github does not support uploading attachment files: its API offers no way to attach a file to a ticket',
    );
    expect(body.details).toEqual({ provider: 'github', resource: 'attachments', method: 'upload' });
    const { answer } = await download('github', '1');
    expect(answer.status).toBe(400);
    expect(github.requests.some((r) => r.method !== 'GET')).toBe(false);
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES with a 413 naming the limit, in either encoding', async () => {
    const big = Buffer.alloc(MAX_FILE + 1, 7);
    const form = new FormData();
    form.append('ticket_id', '5');
    form.append('file', new Blob([big]), 'big.bin');
    for (const answer of [
      await fetch(attachments('zendesk'), { method: 'POST', headers: auth(), body: form }),
      await fetch(attachments('zendesk'), {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify({ ticket_id: '5', file_name: 'big.bin', content: big.toString('base64') }),
      }),
    ]) {
      expect(answer.status).toBe(413);
      expect(await answer.json()).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `The file is larger than the ${MAX_FILE} bytes the gateway accepts (ATTACHMENT_MAX_BYTES)`,
        details: { max_file_bytes: MAX_FILE },
      });
    }
    expect(zendesk.requests.some((r) => r.url.includes('big.bin'))).toBe(false);
  });

  it('answers bad upload bodies with a 400 that says what is wrong', async () => {
    const post = (body: string | FormData, type?: string) =>
      fetch(attachments('jira'), {
        method: 'POST',
        headers: { ...auth(), ...(type ? { 'content-type': type } : {}) },
        body,
      });
    const json = (value: unknown) => post(JSON.stringify(value), 'application/json');
    const cases: [Promise<Response>, RegExp][] = [
      [json({ ticket_id: '1', file_name: 'a', content: 'not base64!' }), /base64/],
      [json({ file_name: 'a.txt', content: 'YQ==' }), /ticket_id is required/],
      [json({ ticket_id: '1', content: 'YQ==' }), /file_name is required/],
      [json({ ticket_id: '1', file_name: 'a', content: 'YQ==', size: 3 }), /not size/],
      [json({ ticket_id: '1', file_name: 'a', content: 'YQ==', content_type: 'nonsense' }), /media type/],
      [post(formOf({ ticket_id: '1' })), /no part named "file"/],
      [post(formOf({ ticket_id: '1' }, 'attachment')), /part named "file", not "attachment"/],
      [post('--x\r\nbroken', 'multipart/form-data'), /boundary/],
    ];
    for (const [pending, message] of cases) {
      const answer = await pending;
      const body = (await answer.json()) as { message: string };
      expect([answer.status, body.message]).toEqual([400, expect.stringMatching(message)]);
    }
    const elsewhere = await fetch(`${gateway.url}/connections`, {
      method: 'POST',
      headers: auth(),
      body: formOf({ provider: 'jira' }),
    });
    expect(elsewhere.status).toBe(415);
    const missing = await download('jira', '999999');
    expect(missing.answer.status).toBe(404);
  });

  it('documents both routes in the OpenAPI document, which stays valid', async () => {
    const document = (await gateway.call('GET', '/openapi.json')).body;
    await SwaggerParser.validate(structuredClone(document));
    const upload = document.paths['/unified/ticketing/attachments'].post;
    expect(Object.keys(upload.requestBody.content).sort()).toEqual([
      'application/json',
      'multipart/form-data',
    ]);
    expect(upload.requestBody.content['application/json'].schema.anyOf).toContainEqual({
      $ref: '#/components/schemas/AttachmentUpload',
    });
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '400', '413', '415']));
    const content = document.paths['/unified/ticketing/attachments/{id}/content'].get;
    expect(content.operationId).toBe('download_attachment_content');
    expect(Object.keys(content.responses['200'].content)).toEqual(['*/*']);
    expect(content.parameters.map((p: { name: string }) => p.name)).toEqual(['connection_id']);
    expect(document.components.schemas.AttachmentUploadForm.required).toEqual(['ticket_id', 'file']);
  });

  it('streams a 20 MB file: the client has bytes before the emulator finished sending them', async () => {
    const size = 20 * 1024 * 1024;
    const firstPart = 1024 * 1024;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    const source = (): Readable =>
      Readable.from(
        (async function* () {
          const piece = Buffer.alloc(64 * 1024);
          while (sent < size) {
            // After the first megabyte the emulator waits until the client has bytes in hand: a gateway
            // that held the body whole would never answer, and the test fails on its deadline below.
            if (sent >= firstPart) await released;
            piece.fill(sent % 251);
            sent += piece.length;
            yield Buffer.from(piece);
          }
        })(),
      );
    const ticket = jira.state.findIssue(JIRA_BUSY_ISSUE_KEY)!;
    jira.state.attachments.set(880_001, {
      id: 880_001,
      issueId: ticket.id,
      filename: 'big.bin',
      mimeType: 'application/octet-stream',
      size,
      authorId: ticket.reporterId,
      created: ticket.created,
      content: source,
    });
    const answer = await fetch(attachments('jira', '/880001/content'), { headers: auth() });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-length')).toBe(String(size));
    const reader = answer.body!.getReader();
    const first = await Promise.race([
      reader.read(),
      new Promise<never>((_, fail) =>
        setTimeout(() => fail(new Error('no byte reached the client while the emulator held back')), 5_000),
      ),
    ]);
    expect(first.value!.length).toBeGreaterThan(0);
    expect(sent).toBeLessThan(size);
    const sentAtFirstByte = sent;
    release();
    const hash = createHash('sha256').update(first.value!);
    let received = first.value!.length;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      hash.update(chunk.value);
      received += chunk.value.length;
    }
    expect(received).toBe(size);
    const expected = createHash('sha256');
    for (let at = 0; at < size; at += 64 * 1024) expected.update(Buffer.alloc(64 * 1024, at % 251));
    expect(hash.digest('hex')).toBe(expected.digest('hex'));
    process.stdout.write(
      `streamed ${size} bytes; the emulator had sent ${sentAtFirstByte} of them when the client got its first byte\n`,
    );
  });
});

function formOf(fields: Record<string, string>, fileField?: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (fileField) form.append(fileField, new Blob([Buffer.from('x')]), 'x.txt');
  return form;
}
