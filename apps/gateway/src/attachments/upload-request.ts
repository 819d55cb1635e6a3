import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy } from '@fastify/busboy';
import { ApiError } from '@app/http';
import type { UploadedFile } from '@app/providers';
import { tooLarge, type UploadLimits } from './attachment-bodies';

/** The unified fields an upload takes besides the file; the provider sets the rest (size, uploader). */
const UPLOAD_FIELDS = ['ticket_id', 'file_name', 'content_type'] as const;

export interface UploadRequest {
  fields: { ticket_id: string; file_name: string; content_type: string };
  file: UploadedFile;
  /** What makes two uploads the same request (Idempotency-Key): the fields and the file's hash. */
  fingerprint: Record<string, unknown>;
}

/** `type/subtype` and parameters, ASCII only (the document states the same pattern). */
export const MEDIA_TYPE = /^[A-Za-z0-9_!#$&^.+-]+\/[A-Za-z0-9_!#$&^.+-]+([ \t]*;.*)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * An upload as JSON: the unified fields and the file's bytes in `content` (base64). The JSON parser
 * already bounded the body; the decoded file is held to the file limit.
 */
export function uploadFromJson(body: Record<string, unknown>, limits: UploadLimits): UploadRequest {
  const { content, ...rest } = body;
  if (typeof content !== 'string' || content.length % 4 !== 0 || !BASE64.test(content))
    throw new ApiError(400, 'content must be the file in base64 (RFC 4648, with padding)');
  const bytes = Buffer.from(content, 'base64');
  if (bytes.length > limits.file) throw tooLarge(limits);
  return uploadOf(rest, bytes, {});
}

/**
 * An upload as `multipart/form-data`: one file part named `file` and the unified fields as text parts,
 * read as they arrive; the file is held to the file limit (413 as soon as it passes it).
 */
export function uploadFromForm(
  body: Readable,
  headers: IncomingHttpHeaders,
  limits: UploadLimits,
): Promise<UploadRequest> {
  return new Promise((resolve, reject) => {
    let parser;
    try {
      parser = Busboy({
        headers: { ...headers, 'content-type': headers['content-type'] ?? '' },
        limits: { fileSize: limits.file, files: 1, fields: 10, fieldSize: 64 * 1024 },
      });
    } catch {
      return reject(new ApiError(400, 'The multipart/form-data body has no boundary'));
    }
    const fields: Record<string, unknown> = {};
    const part: { fileName?: string; contentType?: string } = {};
    const chunks: Buffer[] = [];
    let fileDone: Promise<void> = Promise.resolve();
    let refused: ApiError | undefined;
    const refuse = (error: ApiError) => {
      refused ??= error;
      body.unpipe(parser);
      body.resume(); // what is left of the body is read and dropped, so the answer reaches the client
      reject(refused);
    };
    parser.on('file', (name, file, fileName, _encoding, contentType) => {
      if (name !== 'file') {
        file.resume();
        return refuse(new ApiError(400, `The file goes in a part named "file", not "${name}"`));
      }
      Object.assign(part, { fileName: browserFileName(fileName), contentType });
      file.on('limit', () => refuse(tooLarge(limits)));
      fileDone = new Promise((done) => {
        file.on('data', (chunk: Buffer) => chunks.push(chunk));
        file.on('end', done);
      });
    });
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('filesLimit', () => refuse(new ApiError(400, 'One file per upload')));
    parser.on('fieldsLimit', () => refuse(new ApiError(400, 'Too many fields')));
    parser.on('error', () => refuse(new ApiError(400, 'The multipart/form-data body is malformed')));
    parser.on('finish', () => {
      void fileDone.then(() => {
        if (refused) return;
        if (part.fileName === undefined)
          return reject(new ApiError(400, 'The multipart/form-data body has no part named "file"'));
        try {
          resolve(uploadOf(fields, Buffer.concat(chunks), part));
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    body.on('error', (error: Error) =>
      refuse(error instanceof ApiError ? error : new ApiError(400, 'The upload was cut short')),
    );
    body.pipe(parser);
  });
}

function uploadOf(
  given: Record<string, unknown>,
  bytes: Buffer,
  part: { fileName?: string; contentType?: string },
): UploadRequest {
  const unknown = Object.keys(given).filter((k) => !(UPLOAD_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0)
    throw new ApiError(
      400,
      `An upload takes ${UPLOAD_FIELDS.join(', ')} and the file; not ${unknown.join(', ')}`,
    );
  // An empty field is one not filled in (forms send blank inputs so); null is not a string.
  const text = (name: string, value: unknown) => {
    if (value !== undefined && typeof value !== 'string') throw new ApiError(400, `${name} must be a string`);
    return value === '' ? undefined : value;
  };
  const ticketId = text('ticket_id', given.ticket_id);
  if (!ticketId) throw new ApiError(400, 'ticket_id is required: the ticket the file is attached to');
  const fileName = text('file_name', given.file_name) ?? (part.fileName || undefined);
  if (!fileName) throw new ApiError(400, 'file_name is required (or a file name on the file part)');
  const contentType =
    text('content_type', given.content_type) ?? (part.contentType || 'application/octet-stream');
  if (!MEDIA_TYPE.test(contentType))
    throw new ApiError(400, 'content_type must be a media type such as image/png');
  const fields = { ticket_id: ticketId, file_name: fileName, content_type: contentType };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    fields,
    file: { name: fileName, contentType, bytes },
    fingerprint: { ...fields, size: bytes.length, sha256 },
  };
}

/**
 * Browsers and fetch send `"`, CR and LF of a file name as `%22`, `%0D` and `%0A` (WHATWG multipart
 * form-data encoding), which the parser leaves as they are: the name the user chose has them back.
 */
function browserFileName(name: string): string {
  return name.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}
