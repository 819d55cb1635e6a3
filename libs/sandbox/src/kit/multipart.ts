import { Busboy } from '@fastify/busboy';
import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

export interface FormFile {
  field: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** A `multipart/form-data` body as an emulator receives it: its text fields and its files. */
export interface FormData {
  fields: Record<string, string>;
  files: FormFile[];
}

/** A file part larger than the emulator takes (the provider's attachment size limit). */
export class FormTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`a file is larger than ${limit} bytes`);
  }
}

/** Reads a whole multipart body (emulators keep files in memory); a malformed one is rejected. */
export function readFormData(
  body: Readable,
  headers: IncomingHttpHeaders,
  maxFileBytes: number,
): Promise<FormData> {
  return new Promise((resolve, reject) => {
    let parser;
    try {
      parser = Busboy({
        headers: { ...headers, 'content-type': headers['content-type'] ?? '' },
        limits: { fileSize: maxFileBytes },
      });
    } catch (error) {
      reject(error);
      return;
    }
    const form: FormData = { fields: {}, files: [] };
    const pending: Promise<void>[] = [];
    parser.on('field', (name, value) => (form.fields[name] = value));
    parser.on('file', (field, stream, fileName, _encoding, contentType) => {
      const chunks: Buffer[] = [];
      stream.on('limit', () => reject(new FormTooLargeError(maxFileBytes)));
      pending.push(
        new Promise<void>((done, fail) => {
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
            form.files.push({ field, fileName, contentType, bytes: Buffer.concat(chunks) });
            done();
          });
        }),
      );
    });
    parser.on('error', reject);
    parser.on('finish', () => Promise.all(pending).then(() => resolve(form), reject));
    body.on('error', reject);
    body.pipe(parser);
  });
}

/**
 * Lets an emulator's routes take `multipart/form-data` (file uploads): the body arrives as `FormData`.
 * Too large a file is a `FormTooLargeError` (statusCode 413); a malformed body a 400.
 */
export function acceptFormData(app: FastifyInstance, maxFileBytes: number): void {
  app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    readFormData(payload, request.headers, maxFileBytes).then(
      (form) => done(null, form),
      (error: Error) =>
        done(Object.assign(error, { statusCode: error instanceof FormTooLargeError ? 413 : 400 }), undefined),
    );
  });
}
