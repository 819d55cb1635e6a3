import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '@app/http';

/** The one route that takes files: multipart bodies are refused everywhere else. */
export const UPLOAD_ROUTE = '/unified/ticketing/attachments';

/** Room for a multipart body's boundaries, part headers and text fields besides the file. */
const FORM_OVERHEAD = 1024 * 1024;

/** What the upload route accepts, in bytes: the file, and the whole body in each encoding. */
export interface UploadLimits {
  file: number;
  multipart: number;
  /** A JSON body carries the file in base64 (4 bytes per 3) beside its fields. */
  json: number;
}

export function uploadLimits(maxFileBytes: number): UploadLimits {
  return {
    file: maxFileBytes,
    multipart: maxFileBytes + FORM_OVERHEAD,
    json: Math.ceil(maxFileBytes / 3) * 4 + FORM_OVERHEAD,
  };
}

/** The 413 of an upload too large, naming the limit and how to change it. */
export function tooLarge(limits: UploadLimits): ApiError {
  return new ApiError(
    413,
    `The file is larger than the ${limits.file} bytes the gateway accepts (ATTACHMENT_MAX_BYTES)`,
    { max_file_bytes: limits.file },
  );
}

/**
 * Lets the upload route take files: JSON bodies up to the base64 size of the largest file (the
 * gateway's 1 MB limit holds elsewhere), and `multipart/form-data` handed to the route as the request's
 * stream, parsed there as it arrives. A body announced or found larger than the limit is a 413 naming
 * it, before more of it is read.
 */
export function acceptAttachmentBodies(fastify: FastifyInstance, maxFileBytes: number): void {
  const limits = uploadLimits(maxFileBytes);
  fastify.addHook('onRoute', (route) => {
    if (route.url !== UPLOAD_ROUTE || route.method !== 'POST') return;
    // A backstop only: the byte counter below refuses first, with the clearer answer.
    route.bodyLimit = limits.json * 2;
    const existing = route.preParsing;
    const own = async (request: FastifyRequest, _reply: unknown, payload: Readable) => {
      const limit = isMultipart(request) ? limits.multipart : limits.json;
      if (Number(request.headers['content-length']) > limit) throw tooLarge(limits);
      return payload.pipe(new ByteCounter(limit, () => tooLarge(limits)));
    };
    route.preParsing = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), own];
  });
  fastify.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    if (request.routeOptions.url !== UPLOAD_ROUTE)
      return done(new ApiError(415, `multipart/form-data is taken by POST ${UPLOAD_ROUTE} only`), undefined);
    done(null, payload);
  });
}

export function isMultipart(request: FastifyRequest): boolean {
  return /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
}

/** Passes bytes through and fails with `tooMany` once more than `limit` went by. */
class ByteCounter extends Transform {
  private seen = 0;

  constructor(
    private readonly limit: number,
    private readonly tooMany: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) return callback(this.tooMany());
    callback(null, chunk);
  }
}
