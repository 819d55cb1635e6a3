import { Readable } from 'node:stream';
import { ApiError } from '@app/http';
import { multipartBody } from '@app/providers/engine/multipart-body';
import { uploadLimits } from './attachment-bodies';
import { uploadFromForm, uploadFromJson } from './upload-request';

const limits = uploadLimits(1000);

/** A multipart body as a client sends it, in small pieces (parts split across chunks). */
function form(
  parts: { name: string; value?: string; file?: { name: string; type: string; bytes: Buffer } }[],
) {
  const boundary = 'xyzBOUNDARYzyx';
  const pieces = parts.map(({ name, value, file }) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"` +
          (file ? `; filename="${file.name}"\r\nContent-Type: ${file.type}` : '') +
          '\r\n\r\n',
      ),
      file ? file.bytes : Buffer.from(value ?? ''),
      Buffer.from('\r\n'),
    ]),
  );
  const whole = Buffer.concat([...pieces, Buffer.from(`--${boundary}--\r\n`)]);
  const chunks = Array.from({ length: Math.ceil(whole.length / 7) }, (_, i) =>
    whole.subarray(i * 7, i * 7 + 7),
  );
  return {
    body: Readable.from(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function refusal(pending: Promise<unknown> | (() => unknown)): Promise<[number, string]> {
  try {
    await (typeof pending === 'function' ? pending() : pending);
  } catch (error) {
    if (error instanceof ApiError)
      return [error.getStatus(), (error.getResponse() as { message: string }).message];
    throw error;
  }
  throw new Error('not refused');
}

describe('uploadFromJson', () => {
  it('decodes base64 content and takes the unified fields', () => {
    const upload = uploadFromJson({ ticket_id: '7', file_name: 'a.txt', content: 'aGVsbG8=' }, limits);
    expect(upload.fields).toEqual({
      ticket_id: '7',
      file_name: 'a.txt',
      content_type: 'application/octet-stream',
    });
    expect(upload.file.bytes.toString()).toBe('hello');
    expect(upload.fingerprint).toMatchObject({ size: 5, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses what is not base64, a file over the limit, and fields an upload does not take', async () => {
    expect(
      await refusal(() => uploadFromJson({ ticket_id: '7', file_name: 'a', content: 'aGVsbG8' }, limits)),
    ).toEqual([400, expect.stringContaining('base64')]);
    const big = Buffer.alloc(1001).toString('base64');
    expect(
      (await refusal(() => uploadFromJson({ ticket_id: '7', file_name: 'a', content: big }, limits)))[0],
    ).toBe(413);
    expect(
      await refusal(() =>
        uploadFromJson({ ticket_id: '7', file_name: 'a', content: '', file_url: 'x' }, limits),
      ),
    ).toEqual([400, expect.stringContaining('not file_url')]);
  });
});

describe('upload fields', () => {
  it('takes an empty field as not given (forms send blank inputs) and refuses null or non-ASCII types', async () => {
    const blank = uploadFromJson({ ticket_id: '7', file_name: 'a', content_type: '', content: '' }, limits);
    expect(blank.fields.content_type).toBe('application/octet-stream');
    for (const content_type of [null, 'tëxt/plain', 'text/plain\n'])
      expect(
        (
          await refusal(() =>
            uploadFromJson({ ticket_id: '7', file_name: 'a', content_type, content: '' }, limits),
          )
        )[0],
      ).toBe(400);
  });
});

describe('uploadFromForm', () => {
  it('reads fields and the file part as they arrive; the part names the file and its type', async () => {
    const bytes = Buffer.from([0, 13, 10, 45, 45, 255]);
    const { body, headers } = form([
      { name: 'ticket_id', value: 'SUP-1' },
      { name: 'file', file: { name: 'say %22hi%22.bin', type: 'application/x-demo', bytes } },
    ]);
    const upload = await uploadFromForm(body, headers, limits);
    expect(upload.fields).toEqual({
      ticket_id: 'SUP-1',
      file_name: 'say "hi".bin',
      content_type: 'application/x-demo',
    });
    expect(upload.file.bytes).toEqual(bytes);
  });

  it('reads what the engine writes (the same multipart the providers get)', async () => {
    const made = multipartBody({
      field: 'file',
      fileName: 'q"uote.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('x'),
    });
    const upload = await uploadFromForm(
      Readable.from([
        Buffer.concat([
          Buffer.from(
            `--${made.contentType.split('boundary=')[1]}\r\nContent-Disposition: form-data; name="ticket_id"\r\n\r\n9\r\n`,
          ),
          made.body,
        ]),
      ]),
      { 'content-type': made.contentType },
      limits,
    );
    expect(upload.fields.file_name).toBe('q"uote.txt');
  });

  it('refuses a file over the limit (413), two files, a file under another name, and no file', async () => {
    const file = (bytes: Buffer) => ({ name: 'a.bin', type: 'application/octet-stream', bytes });
    const cases: [ReturnType<typeof form>, number, string][] = [
      [
        form([
          { name: 'ticket_id', value: '1' },
          { name: 'file', file: file(Buffer.alloc(1001)) },
        ]),
        413,
        'larger than the 1000 bytes',
      ],
      [
        form([
          { name: 'file', file: file(Buffer.alloc(1)) },
          { name: 'file', file: file(Buffer.alloc(1)) },
        ]),
        400,
        'One file',
      ],
      [form([{ name: 'upload', file: file(Buffer.alloc(1)) }]), 400, 'not "upload"'],
      [form([{ name: 'ticket_id', value: '1' }]), 400, 'no part named "file"'],
    ];
    for (const [{ body, headers }, status, message] of cases)
      expect(await refusal(uploadFromForm(body, headers, limits))).toEqual([
        status,
        expect.stringContaining(message),
      ]);
  });
});
