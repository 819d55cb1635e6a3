import { promisify } from 'node:util';
import { brotliDecompress, constants, inflateRaw, unzip, type ZlibOptions } from 'node:zlib';

/** What the transport asks providers for: what it can undo (as axios did, whose answers engines relied on). */
export const ACCEPTED_ENCODINGS = 'gzip, compress, deflate, br';

const unzipAsync = promisify<Buffer, ZlibOptions, Buffer>(unzip);
const inflateRawAsync = promisify<Buffer, ZlibOptions, Buffer>(inflateRaw);
const brotliAsync = promisify<Buffer, ZlibOptions, Buffer>(brotliDecompress);

/** A body cut short still gives what arrived (axios flushed the same way), rather than failing the call. */
const ZLIB: ZlibOptions = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const BROTLI: ZlibOptions = {
  flush: constants.BROTLI_OPERATION_FLUSH,
  finishFlush: constants.BROTLI_OPERATION_FLUSH,
};

/** First byte of a zlib-wrapped deflate stream; servers also send raw deflate under `deflate`. */
const ZLIB_HEADER = 0x78;

/**
 * The body as sent before the provider compressed it. `headers` (lower-case names) loses its
 * `content-encoding` once the body is decoded, so nothing downstream decodes it twice; an encoding this
 * does not know is left as it came, header and all. A HEAD answer or a 204 has no body to decode.
 */
export async function decodedBody(
  body: Buffer,
  headers: Record<string, string>,
  method: string,
  status: number,
): Promise<Buffer> {
  const encoding = headers['content-encoding'];
  if (encoding === undefined) return body;
  if (method === 'HEAD' || status === 204) {
    delete headers['content-encoding'];
    return body;
  }
  const decode = decoderOf(encoding.toLowerCase(), body);
  if (!decode) return body;
  delete headers['content-encoding'];
  return body.length === 0 ? body : decode(body);
}

function decoderOf(encoding: string, body: Buffer): ((body: Buffer) => Promise<Buffer>) | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
    case 'compress':
    case 'x-compress':
      return (b) => unzipAsync(b, ZLIB);
    case 'deflate':
      return body[0] === ZLIB_HEADER ? (b) => unzipAsync(b, ZLIB) : (b) => inflateRawAsync(b, ZLIB);
    case 'br':
      return (b) => brotliAsync(b, BROTLI);
    default:
      return undefined;
  }
}
